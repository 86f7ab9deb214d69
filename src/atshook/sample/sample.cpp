#include "atshook/sample/sample.hpp"

#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/sample/objects/objects.hpp"

#include <fmt/format.h>

namespace atshook::sample {
namespace {

const EventInfo& event_info(std::string_view type) {
    if (const EventInfo* info = find_event(type)) return *info;
    throw Error(unknown_event_message(type), Error::Kind::usage);
}

Json build_object(ObjectKind kind, const Cast& cast, Random& random, IdMint& ids,
                  std::string_view type) {
    switch (kind) {
    case ObjectKind::job:
        return job_object(cast, random, ids, type);
    case ObjectKind::application:
        return application_object(cast, random, ids, type);
    case ObjectKind::candidate:
        return candidate_object(cast, random, ids, type);
    case ObjectKind::note:
        return note_object(cast, random, ids, type);
    case ObjectKind::feedback:
        return feedback_object(cast, random, ids, type);
    case ObjectKind::interview:
        return interview_object(cast, random, ids, type);
    }
    throw Error("unreachable object kind");
}

} // namespace

struct Generator::State {
    SampleOptions options;
    IdMint ids;
};

Generator::Generator(SampleOptions options)
    : m_state(std::make_unique<State>(State{options, {}})) {}
Generator::~Generator() = default;
Generator::Generator(Generator&&) noexcept = default;
Generator& Generator::operator=(Generator&&) noexcept = default;

Event Generator::build(std::string_view type, std::uint64_t index) {
    const EventInfo& info = event_info(type);
    const SampleOptions& options = m_state->options;
    Random random(event_seed(options.seed, type, index));
    IdMint& ids = m_state->ids;
    const std::string event_id = ids.mint(random, "wbhk_evt_");
    const Cast cast = make_cast(random, ids, options.now);
    return wrap_event(event_id, type, options.now,
                      build_object(info.object, cast, random, ids, type), options.envelope);
}

Event wrap_event(std::string id, std::string_view type, Instant time, Json object,
                 Envelope envelope) {
    Json event;
    if (envelope == Envelope::data_object) {
        event["id"] = id;
        event["version"] = 1;
    }
    event["type"] = type;
    event["timestamp"] = format_rfc3339(time, 7); // .NET's "o" format, as HireHive sends
    if (envelope == Envelope::data_object)
        event["data"] = {{"object", std::move(object)}};
    else
        event["data"] = std::move(object);
    return {std::move(id), std::move(event)};
}

std::vector<std::string> expand_types(std::span<const std::string> names) {
    std::vector<std::string> types;
    for (const auto& name : names) {
        if (name == "all") {
            for (const auto& event : all_events()) types.emplace_back(event.name);
            continue;
        }
        types.emplace_back(event_info(name).name);
    }
    return types;
}

} // namespace atshook::sample
