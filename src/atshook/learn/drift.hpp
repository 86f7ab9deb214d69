#pragma once
// What `ats-hook drift` reports: how the sender's payloads changed between two profiles (an old
// period and a new one), each change judged from a handler's point of view. A change is
// breaking when the old period let a handler rely on something the new one no longer gives (a
// field always there, a single type, a closed set of values, a format, an id prefix, no nulls);
// it is additive when code written against the old period still works.
#include "atshook/learn/profile.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::learn {

enum class ChangeKind {
    event_type_added,    // documents of a type OLD never had (its fields are not listed)
    event_type_vanished, // a type OLD had and NEW has not
    field_added,         // a pointer NEW has and OLD had not, under a container both had
    field_vanished,      // a pointer OLD had and NEW has not, under a container both had
    presence_changed,    // the share of objects holding the member (see rate_changed)
    type_extended,       // NEW has every type OLD had, and more (null apart)
    type_narrowed,       // NEW has fewer of OLD's types, and no other
    type_changed,        // NEW has a type OLD had not and lacks one it had
    null_rate_changed,   // the share of null values (see rate_changed)
    enum_extended,       // a value of an enum-like member that OLD never had
    enum_narrowed,       // a value OLD had that NEW has not
    format_changed,      // the string formats ("date-time Z .7", "email") of a formatted member
    prefix_changed,      // the id prefixes ("can_") of an id member
};
std::string_view to_string(ChangeKind kind); // "field-added", ...

enum class Impact { breaking, additive };
std::string_view to_string(Impact impact); // "breaking", "additive"

// A rate as its figures: `count` of `of` (documents, objects that could hold a member, values).
struct Share {
    std::uint64_t count = 0;
    std::uint64_t of = 0;
    double rate() const { return of ? static_cast<double>(count) / static_cast<double>(of) : 0; }
};

// When two rates count as changed: from 0 to more than 0 or back, always; otherwise by at least
// k_rate_points with at least k_rate_observations on each side (the periods differ in size, so
// rates are compared, never counts).
constexpr unsigned k_rate_points = 10; // percentage points
constexpr std::uint64_t k_rate_observations = 30;
bool rate_changed(const Share& before, const Share& after);

struct Change {
    std::string event;   // the event type
    std::string pointer; // folded payload pointer; "" for an event type
    ChangeKind kind;
    Impact impact;
    // presence: objects holding it; null rate: nulls among values; event types: documents among
    // all; added or vanished fields: objects holding it; other kinds: values showing `added`
    // (or, with nothing added, `removed`) among the member's values.
    Share before, after;
    // The member's types, values (as JSON text), formats or prefixes in each period, and those
    // only NEW has and only OLD had ("(none)": strings without an id prefix).
    std::vector<std::string> was, now, added, removed;
    bool now_open = false; // enum-extended: NEW has too many values to keep (no longer a set)
    Location first;        // where NEW first showed it (OLD for what vanished)
};

struct Drift {
    std::vector<Change> changes; // breaking first, then by event type, pointer and kind
    std::uint64_t before_documents = 0, after_documents = 0;
    std::size_t event_types = 0; // types compared: seen in either period
    std::size_t breaking() const;
    std::size_t changed_event_types() const;
};

// Throws atshook::Error naming both when the profiles cannot be compared: made for other schema
// versions, or one with --show-values and one without (their kept values differ).
void require_comparable(const Profile& before, std::string_view before_name, const Profile& after,
                        std::string_view after_name);

// Compares the profiles (of `only_event` alone when it is not empty). Throws as
// require_comparable does, naming them "OLD" and "NEW".
Drift compare(const Profile& before, const Profile& after, std::string_view only_event = {});

} // namespace atshook::learn
