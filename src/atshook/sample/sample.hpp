#pragma once
// Realistic HireHive events for `ats-hook emit`, the same bytes for the same seed and time.
#include "atshook/timestamp.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::sample {

// The two envelope shapes HireHive documents (hirehive-events.md section 1).
enum class Envelope {
    data_object, // {id, version, type, timestamp, data: {object}}: the event pages
    flat,        // {type, timestamp, data}: the introduction page
};

struct SampleOptions {
    std::uint64_t seed = 0;
    Instant now{}; // the event time; object dates are set relative to it
    Envelope envelope = Envelope::data_object;
};

// One built event and the id its deliveries carry in `webhook-id` (the envelope id; with the
// flat envelope, which has no id, it is still made, so retries can share it).
struct Event {
    std::string id;
    nlohmann::ordered_json payload;
};

// `object` in the envelope of a `type` event sent at `time`, with `id` as the envelope id.
Event wrap_event(std::string id, std::string_view type, Instant time, nlohmann::ordered_json object,
                 Envelope envelope);

// Builds events. Event `index` of a type depends only on the seed, the time, the type and the
// index, not on what else is built; ids are random (see IdMint).
class Generator {
public:
    explicit Generator(SampleOptions options);
    ~Generator();
    Generator(Generator&&) noexcept;
    Generator& operator=(Generator&&) noexcept;

    // Writes the event as compact JSON into `body` (replacing what it held) and returns its
    // id, building no tree; safe to call from several threads at once. Throws atshook::Error
    // (usage) for an unknown type, suggesting the nearest real one.
    std::string write(std::string_view type, std::uint64_t index, std::string& body) const;
    // The same event as a tree, to edit (--set, --unset) or inspect.
    Event build(std::string_view type, std::uint64_t index = 0) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// The event types named on the command line, with `all` standing for the 19 in catalog order.
// Throws atshook::Error (usage) for an unknown name.
std::vector<std::string> expand_types(std::span<const std::string> names);

} // namespace atshook::sample
