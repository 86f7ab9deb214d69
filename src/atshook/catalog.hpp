#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace atshook {

// Where HireHive's documentation of an event comes from.
enum class Provenance {
    documented, // its webhook event page was read
    inferred,   // its page was not available; the payload is inferred from the object it carries
};

// The resource an event carries in data.object (or directly in data).
enum class ObjectKind { job, application, candidate, note, feedback, interview };

struct EventInfo {
    std::string_view name;    // "interview.created"
    std::string_view meaning; // one line, for `ats-hook events`
    Provenance provenance;
    ObjectKind object;
};

// The 19 HireHive event types, in the order of HireHive's documentation.
std::span<const EventInfo> all_events();

const EventInfo* find_event(std::string_view name);

// The real event type closest to `name` (edit distance), for "did you mean" messages; none for
// a name too long to be a misspelling (the search costs time in proportion to its length).
std::optional<std::string_view> nearest_event(std::string_view name);

// `"interview.create" is not a HireHive event type; did you mean "interview.created"?
// (`ats-hook events` lists the 19 types)`, quoting at most the start of a long name.
std::string unknown_event_message(std::string_view name);

std::string_view to_string(Provenance provenance);
std::string_view to_string(ObjectKind object);

} // namespace atshook
