#pragma once
// The facts an event's schema states, laid out by payload pointer, for `learn` to hold its
// evidence against: each property of the schema (wherever its $refs lead) is a field fact with
// the pointer it is reached by, the types, enum, format and id prefix it allows, whether it is
// required, and whether HireHive documented it or we inferred it.
#include "atshook/catalog.hpp"
#include "atshook/learn/profile.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <array>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace atshook::learn {

// A set of JsonType as bits (1 << type); an unconstrained schema allows all.
using TypeSet = std::uint8_t;
constexpr TypeSet k_any_type = 0x7F;
constexpr TypeSet type_bit(JsonType type) { return static_cast<TypeSet>(1u << static_cast<unsigned>(type)); }
std::string describe_types(TypeSet types); // "string or null"

struct FieldFact {
    std::string path;      // JSON pointer of the property (or items) node in the bundled schema
    std::string container; // JSON pointer of the object holding it ("/.../properties" or the array schema)
    std::string key;       // the property's name, or "items"
    std::string pointer;   // the folded payload pointer it is first reached by ("/data/object/id")
    std::string parent;    // the folded payload pointer of the object or array holding it
    bool documented = false;
    bool observed = false; // added by an overlay from `learn` ("[observed]"), not by HireHive
    bool required = false;
    TypeSet types = k_any_type;
    std::optional<std::vector<nlohmann::json>> enumeration; // enum or const
    std::string format;  // "date-time" or ""
    std::string prefix;  // "can_" when the pattern requires an id prefix
};

// An object schema a payload pointer leads to, where an unknown member would be added.
struct ObjectFact {
    std::string path; // JSON pointer of the object schema (its "properties" is below it)
    bool closed = false; // additionalProperties: false
};

class EventModel {
public:
    // `schema` is the event's bundled draft-07 schema in standard form (export_event_schema
    // with Mode::standard), overlays applied.
    EventModel(const EventInfo& event, nlohmann::json schema);

    const EventInfo& event() const { return *m_event; }
    const nlohmann::json& schema() const { return m_schema; }
    const std::vector<FieldFact>& fields() const { return m_fields; }
    // Fields reached by a folded payload pointer (one per envelope shape that has it).
    const std::vector<std::size_t>* fields_at(std::string_view pointer) const;
    // Object schemas a folded payload pointer leads to.
    const std::vector<ObjectFact>* objects_at(std::string_view pointer) const;
    // Which values `learn` keeps at a pointer: all for enums, consts, booleans and integers.
    ValuePolicy policy(std::string_view pointer) const;

private:
    void walk(const nlohmann::json& node, const std::string& node_path, const std::string& pointer,
              int depth);
    void add_field(const nlohmann::json& node, const std::string& path, const std::string& container,
                   const std::string& key, const std::string& pointer, const std::string& parent,
                   bool required, int depth);
    const nlohmann::json& resolve(const nlohmann::json& node, std::string& path, int depth) const;
    TypeSet types_of(const nlohmann::json& node, int depth) const;
    std::optional<std::vector<nlohmann::json>> enum_of(const nlohmann::json& node, int depth) const;

    const EventInfo* m_event;
    nlohmann::json m_schema;
    std::vector<FieldFact> m_fields;
    std::map<std::string, std::size_t, std::less<>> m_field_by_path;
    std::map<std::string, std::vector<std::size_t>, std::less<>> m_by_pointer;
    std::map<std::string, std::vector<ObjectFact>, std::less<>> m_objects;
};

// The 19 event models, each built at its first use from the schema `source` gives (under a
// once-flag, so threads share them).
class SchemaModels {
public:
    using SchemaSource = std::function<nlohmann::json(std::string_view event)>;
    // The shipped schemas.
    SchemaModels();
    explicit SchemaModels(SchemaSource source);
    const EventModel& at(const EventInfo& event) const;

private:
    SchemaSource m_source;
    mutable std::array<std::once_flag, 19> m_once;
    mutable std::array<std::unique_ptr<EventModel>, 19> m_models;
};

} // namespace atshook::learn
