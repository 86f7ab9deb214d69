#pragma once
// A profile held against the schemas: what the traffic contradicts, what it confirms, and what
// it never exercised, for each event type and field.
#include "atshook/learn/profile.hpp"
#include "atshook/learn/schema_model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::learn {

enum class FindingKind {
    undocumented_field,  // a member the schema does not name
    never_seen,          // a member the schema names, absent from every object that could hold it
    type_mismatch,       // a JSON type the schema does not allow (null apart)
    null_not_allowed,    // null where the schema does not allow it
    enum_value_unknown,  // a value outside the schema's enum
    format_mismatch,     // not a date-time, or a date-time form HireHive is not known to send
    prefix_mismatch,     // an id with another prefix than the schema's
    required_but_absent, // a required member missing
};
std::string_view to_string(FindingKind kind); // "undocumented-field", ...
// Whether a finding of this kind contradicts a fact of the schema (never-seen and
// undocumented-field do not: a field may be rare, and an unknown one was never a fact).
bool contradicts(FindingKind kind);

// What the evidence says of one fact (a field of the schema).
enum class FactState {
    confirmed,    // nothing contradicts it, and it was seen: once for a documented fact (the
                  // documentation backs it), k_confirming_count times for an inferred one
    observed,     // an inferred fact seen, but fewer times than that
    unobserved,   // never seen (kept in the schema: absence is no evidence)
    contradicted, // an inferred fact the traffic contradicts
    deviates,     // a documented fact the traffic contradicts: the sender deviates from its docs
};
std::string_view to_string(FactState state);
constexpr std::uint64_t k_confirming_count = 30;

// The date-time forms HireHive is known to send: a Z suffix with 0 fractional digits (the
// event pages) or 7 (.NET's round-trip format, the introduction page).
bool is_known_date_time_form(std::string_view format_key);

struct LearnFinding {
    std::string event;
    std::string pointer;  // folded payload pointer
    FindingKind kind;
    std::uint64_t count = 0; // values (or objects) that show it
    std::uint64_t of = 0;    // values (or objects) at the pointer
    std::optional<Location> first;
    bool documented = false; // the contradicted fact's provenance
    std::string subject;     // what was seen: "\"on_hold\"", "integer", "cand_", "date-time Z .3"
    std::string message;     // the line's text after the pointer
    std::vector<std::size_t> fields; // the facts involved (indices in the event's model)
    std::vector<std::string> objects; // undocumented-field: the object schemas it would join
    TypeSet seen_types = 0;           // undocumented-field and type-mismatch: the types seen
};

struct FieldJudgement {
    std::string pointer;
    bool documented = false;
    FactState state = FactState::unobserved;
    std::uint64_t seen = 0;
    std::vector<std::size_t> fields; // indices in the event's model
    // The statistics of every payload pointer reaching the field, merged (each once: the two
    // envelope shapes' "/data/object/id" and "/data/id"), and the objects that could hold it.
    PointerStats evidence;
    std::uint64_t holders = 0;
};

struct EventJudgement {
    const EventInfo* event = nullptr;
    std::uint64_t documents = 0;
    std::vector<FieldJudgement> fields; // in schema order
    std::vector<LearnFinding> findings; // most frequent first
};

struct Judgement {
    std::vector<EventJudgement> events; // in catalog order, only types that were seen
    std::vector<const LearnFinding*> findings() const; // all, most frequent first
};

Judgement judge(const Profile& profile, const SchemaModels& models);

// Whether a pointer's values may be shown without --show-values: an enum in the schema, or
// identifiers repeated enough to be a closed set.
bool enum_like(const PointerStats& stats);

} // namespace atshook::learn
