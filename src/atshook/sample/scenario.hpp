#pragma once
// A hiring round told as webhook events whose ids agree, for `ats-hook emit --scenario hiring`.
#include "atshook/sample/sample.hpp"
#include "atshook/timestamp.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace atshook::sample {

struct ScenarioOptions {
    std::uint64_t seed = 0;
    Instant start{}; // the story begins at the first office hour at or after it
    std::size_t candidates = 5;
    Envelope envelope = Envelope::data_object;
};

// A story is built whole, about 50 KB of memory per candidate: 2000 make about 11,000 events.
constexpr std::size_t k_max_candidates = 2'000;

// One hiring round as a story. A job is created, edited and published; candidates apply, move
// through CV review, a phone screen and interviews, get tagged, rated and noted; interviews are
// scheduled, some moved or cancelled; each is followed by feedback requested and submitted
// (sometimes revised); most applications are rejected, one is hired, one withdraws (and may be
// deleted); the rest are rejected in bulk and the job is closed. Every id an event refers to
// was introduced by an earlier event; event times strictly increase and fall in office hours
// (09:00 to 17:00, Monday to Friday) of the job's time zone; the same options give the same
// bytes. With four or more candidates, one is hired, one rejected after the final interview,
// one withdraws (cancelling an interview) and one is rejected at CV review, and an interview is
// rescheduled, so that each of the 19 event types but job.deleted appears.
class Scenario {
public:
    // Builds the whole story. Throws atshook::Error (usage) for more than k_max_candidates.
    explicit Scenario(const ScenarioOptions& options);

    // The next event in story order; nullopt after the last.
    std::optional<Event> next();
    // How many events the whole story has: about 5.4 per candidate, and some 40 more for the
    // four fullest parts (a story of 5 candidates has about 67).
    std::size_t size() const { return m_events.size(); }

private:
    std::vector<Event> m_events;
    std::size_t m_next = 0;
};

} // namespace atshook::sample
