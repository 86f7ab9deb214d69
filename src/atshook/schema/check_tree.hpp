#pragma once
#include "atshook/schema/pattern.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::schema {

// How the walker judges a document, beyond plain draft-07.
enum class Mode {
    standard, // plain draft-07 (the JSON-Schema-Test-Suite runs in this mode)
    lenient,  // optional properties may be null; additionalProperties:false gives warnings
    strict,   // every declared property is required; nothing is relaxed
};

using NodeId = std::uint32_t;
constexpr NodeId k_no_node = UINT32_MAX;

// JSON types as a bit set, for `type` with one name or a list.
enum TypeBit : std::uint8_t {
    k_null = 1,
    k_boolean = 2,
    k_integer = 4,
    k_number = 8, // "number" also admits integers
    k_string = 16,
    k_array = 32,
    k_object = 64,
};

struct Property {
    std::string name;
    NodeId node;
    bool required;
};

// One compiled schema. Only what the schema says is filled; the walker skips the rest.
struct Node {
    bool always_false = false; // the boolean schema `false`
    NodeId ref = k_no_node;    // `$ref`: in draft-07 it replaces every sibling keyword

    std::uint8_t types = 0; // 0: any type
    std::string type_text;  // "string or null", for messages

    std::vector<Property> properties; // sorted by name
    // Open-addressing hash of `properties` (index + 1; 0 = empty), so a member is found with
    // one string comparison instead of a binary search's several.
    std::vector<std::uint16_t> property_slots;
    std::vector<std::string> required_elsewhere; // required names with no `properties` entry
    std::size_t required_count = 0;              // properties with required == true
    bool additional_forbidden = false;
    NodeId additional = k_no_node; // additionalProperties as a schema

    NodeId items = k_no_node;

    std::vector<nlohmann::json> enum_values; // `enum`, or one value for `const`
    bool is_const = false;
    std::string enum_text; // "accepted, pending, maybe, declined", for messages

    std::optional<std::size_t> min_length, max_length;
    std::optional<double> minimum, maximum;
    std::optional<Pattern> pattern;
    bool date_time = false;

    std::vector<NodeId> any_of;
};

// FNV-1a, for property_slots.
inline std::uint32_t property_hash(std::string_view name) {
    std::uint32_t hash = 2166136261u;
    for (const char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    return hash;
}

inline const Property* find_property(const Node& node, std::string_view name) {
    if (node.property_slots.empty()) return nullptr;
    const std::size_t mask = node.property_slots.size() - 1;
    for (std::size_t slot = property_hash(name) & mask;; slot = (slot + 1) & mask) {
        const std::uint16_t entry = node.property_slots[slot];
        if (entry == 0) return nullptr;
        const Property& property = node.properties[entry - 1];
        if (property.name == name) return &property;
    }
}

struct CheckTree {
    std::vector<Node> nodes;
    NodeId root = k_no_node;
    Mode mode = Mode::standard;
};

} // namespace atshook::schema
