#include "atshook/sample/scenario.hpp"

#include "atshook/error.hpp"
#include "atshook/sample/scenario/story.hpp"

#include <fmt/format.h>

namespace atshook::sample {

Scenario::Scenario(const ScenarioOptions& options) {
    if (options.candidates > k_max_candidates)
        throw Error(fmt::format("a hiring scenario has at most {} candidates, not {}",
                                k_max_candidates, options.candidates),
                    Error::Kind::usage);
    story::Hiring hiring(options.seed, options.start);
    std::vector<story::Step> steps = story::hiring_round(hiring, options.candidates, options.seed);
    // Envelope ids and sub-second times come from a stream of their own.
    Random random(event_seed(options.seed, "scenario.hiring.envelope", 0));
    IdMint ids;
    m_events.reserve(steps.size());
    for (auto& step : steps) {
        std::string id = ids.mint(random, "wbhk_evt_");
        const Instant time =
            hiring.office.at(step.at) + Ticks{static_cast<Ticks::rep>(random.below(10'000'000))};
        m_events.push_back(
            wrap_event(std::move(id), step.type, time, std::move(step.object), options.envelope));
    }
}

std::optional<Event> Scenario::next() {
    if (m_next >= m_events.size()) return std::nullopt;
    return std::move(m_events[m_next++]);
}

} // namespace atshook::sample
