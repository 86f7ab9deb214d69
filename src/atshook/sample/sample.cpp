#include "atshook/sample/sample.hpp"

#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/json_text.hpp"
#include "atshook/json_writer.hpp"
#include "atshook/sample/objects/objects.hpp"

#include <fmt/format.h>

namespace atshook::sample {
namespace {

const EventInfo& event_info(std::string_view type) {
    if (const EventInfo* info = find_event(type)) return *info;
    throw Error(unknown_event_message(type), Error::Kind::usage);
}

void write_object(JsonWriter& out, ObjectKind kind, const Cast& cast, Random& random, IdMint& ids,
                  std::string_view type) {
    switch (kind) {
    case ObjectKind::job:
        return write_job(out, cast, random, ids, type);
    case ObjectKind::application:
        return write_application(out, cast, random, ids, type);
    case ObjectKind::candidate:
        return write_candidate(out, cast, random, ids, type);
    case ObjectKind::note:
        return write_note(out, cast, random, ids, type);
    case ObjectKind::feedback:
        return write_feedback(out, cast, random, ids, type);
    case ObjectKind::interview:
        return write_interview(out, cast, random, ids, type);
    }
    throw Error("unreachable object kind");
}

// The envelope around what `object` writes; `timestamp` is the event time as HireHive writes it.
template <class WriteObject>
void write_event(JsonWriter& out, std::string_view id, std::string_view type,
                 std::string_view timestamp, Envelope envelope, WriteObject&& object) {
    out.begin_object();
    if (envelope == Envelope::data_object) {
        out.member("id", id);
        out.member("version", 1);
    }
    out.member("type", type);
    out.member("timestamp", timestamp);
    if (envelope == Envelope::data_object) {
        out.object("data");
        out.key("object");
        object(out);
        out.end_object();
    } else {
        out.key("data");
        object(out);
    }
    out.end_object();
}

// Room for most events at once (the largest, feedback, are about 5 KB), so a body is not
// copied as it grows.
constexpr std::size_t k_body_reserve = 6144;

// .NET's "o" format, as HireHive sends.
std::string event_timestamp(Instant time) {
    return format_rfc3339(time, 7);
}

} // namespace

struct Generator::State {
    SampleOptions options;
    std::string timestamp; // the same for every event
};

Generator::Generator(SampleOptions options)
    : m_state(std::make_unique<State>(State{options, event_timestamp(options.now)})) {}
Generator::~Generator() = default;
Generator::Generator(Generator&&) noexcept = default;
Generator& Generator::operator=(Generator&&) noexcept = default;

std::string Generator::write(std::string_view type, std::uint64_t index, std::string& body) const {
    const EventInfo& info = event_info(type);
    const SampleOptions& options = m_state->options;
    Random random(event_seed(options.seed, type, index));
    IdMint ids;
    std::string event_id = ids.mint(random, "wbhk_evt_");
    const Cast cast = make_cast(random, ids, options.now);
    body.clear();
    body.reserve(k_body_reserve);
    JsonWriter out(body);
    write_event(out, event_id, info.name, m_state->timestamp, options.envelope,
                [&](JsonWriter& object) {
                    write_object(object, info.object, cast, random, ids, info.name);
                });
    return event_id;
}

Json own_tree(std::string_view text) {
    auto tree = parse_json_tree(text);
    if (auto* json = std::get_if<Json>(&tree)) return std::move(*json);
    throw Error("the generator wrote JSON it cannot read back: " +
                std::get<JsonProblem>(tree).message);
}

Event Generator::build(std::string_view type, std::uint64_t index) const {
    std::string body;
    std::string id = write(type, index, body);
    return {std::move(id), own_tree(body)};
}

Event wrap_event(std::string id, std::string_view type, Instant time, Json object,
                 Envelope envelope) {
    std::string body;
    JsonWriter out(body);
    write_event(out, id, type, event_timestamp(time), envelope,
                [&](JsonWriter& inner) { inner.raw(json_text(object)); });
    return {std::move(id), own_tree(body)};
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
