#include "atshook/view/event.hpp"

#include "atshook/error.hpp"
#include "atshook/json_error.hpp"
#include "atshook/validation.hpp"
#include "atshook/view/read_object.hpp"

#include <fmt/format.h>

namespace atshook::view {
namespace {

using detail::element;

std::string_view json_type_name(element e) {
    switch (e.type()) {
    case simdjson::dom::element_type::ARRAY:
        return "an array";
    case simdjson::dom::element_type::OBJECT:
        return "an object";
    case simdjson::dom::element_type::STRING:
        return "a string";
    case simdjson::dom::element_type::NULL_VALUE:
        return "null";
    case simdjson::dom::element_type::BOOL:
        return "a boolean";
    default:
        return "a number";
    }
}

const EventInfo& event_type_of(element root, std::string_view source) {
    element type;
    if (root.at_key("type").get(type) != simdjson::SUCCESS)
        throw Error(fmt::format("{}: no \"type\" member: not a HireHive event (expected an object "
                                "with type, timestamp and data)",
                                source));
    std::string_view name;
    if (type.get(name) != simdjson::SUCCESS)
        throw Error(fmt::format("{}: \"type\" is {}, expected an event name such as "
                                "\"interview.created\"",
                                source, json_type_name(type)));
    const EventInfo* info = find_event(name);
    if (!info) throw Error(fmt::format("{}: {}", source, unknown_event_message(name)));
    return *info;
}

// An absent object still gives a view (of absent fields), read from an empty object.
element empty_object() {
    static simdjson::dom::parser parser;
    static const element empty = parser.parse("{}", 2).value();
    return empty;
}

ObjectView read_object(ObjectKind kind, std::optional<element> object) {
    const element o = object ? *object : empty_object();
    switch (kind) {
    case ObjectKind::job:
        return detail::read_job(o);
    case ObjectKind::application:
        return detail::read_application(o);
    case ObjectKind::candidate:
        return detail::read_candidate(o);
    case ObjectKind::note:
        return detail::read_note(o);
    case ObjectKind::feedback:
        return detail::read_feedback(o);
    case ObjectKind::interview:
        return detail::read_interview(o);
    }
    return detail::read_job(o);
}

} // namespace

struct EventReader::State {
    simdjson::dom::parser parser;
};

EventReader::EventReader() : m_state(std::make_unique<State>()) {}
EventReader::~EventReader() = default;
EventReader::EventReader(EventReader&&) noexcept = default;
EventReader& EventReader::operator=(EventReader&&) noexcept = default;

EventView EventReader::read(std::string_view json, std::string_view source) {
    if (json.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw Error(fmt::format("{}: empty: expected a HireHive event (a JSON object)", source));
    element root;
    if (const auto error = m_state->parser.parse(json.data(), json.size()).get(root)) {
        const JsonProblem problem = describe_json_error(json, error, m_state->parser.max_depth());
        const LineColumn at = line_column(json, problem.offset);
        const std::string where =
            json.find('\n') == std::string_view::npos || json.find('\n') + 1 == json.size()
                ? fmt::format("column {}", at.column)
                : fmt::format("line {}, column {}", at.line, at.column);
        throw Error(fmt::format("{}: {} (at {})", source, problem.message, where));
    }
    if (!root.is_object())
        throw Error(fmt::format("{}: {}, not a HireHive event (expected an object with type, "
                                "timestamp and data)",
                                source, json_type_name(root)));

    EventView event;
    event.info = &event_type_of(root, source);
    event.id = detail::text_at(root, {"id"});
    if (const auto version = detail::at(root, {"version"})) {
        std::int64_t number = 0;
        if (version->get(number) == simdjson::SUCCESS) event.version = number;
    }
    event.timestamp = detail::date_time_at(root, {"timestamp"});

    std::optional<element> object;
    if (const auto nested = detail::at(root, {"data", "object"}); nested && nested->is_object()) {
        object = nested;
        event.place = ObjectPlace::data_object;
    } else if (const auto data = detail::at(root, {"data"}); data && data->is_object()) {
        object = data;
        event.place = ObjectPlace::data;
    }
    event.object = read_object(event.info->object, object);
    return event;
}

EventView read_event(std::string_view json, std::string_view source) {
    EventReader reader;
    return reader.read(json, source);
}

} // namespace atshook::view
