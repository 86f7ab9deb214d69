#pragma once
#include "atshook/schema/pattern.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
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

// Which keywords beyond `type` a node checks, so that the walker skips the rest with one test.
enum CheckBit : std::uint8_t {
    k_check_enum = 1,    // enum or const
    k_check_string = 2,  // minLength, maxLength, pattern, format
    k_check_number = 4,  // minimum, maximum
    k_check_object = 8,  // properties, required, additionalProperties
    k_check_items = 16,  // items
    k_check_any_of = 32, // anyOf
};

// One compiled schema. Only what the schema says is filled; the walker skips the rest. The
// fields every value visits come first, the pattern's 256-entry table last.
struct Node {
    bool always_false = false; // the boolean schema `false`
    NodeId ref = k_no_node;    // `$ref`: in draft-07 it replaces every sibling keyword

    std::uint8_t types = 0;  // 0: any type
    std::uint8_t checks = 0; // CheckBits, set once the tree is compiled
    std::string type_text;   // "string or null", for messages

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
    std::vector<std::string> enum_strings;   // the strings among them, which a string can equal
    bool is_const = false;
    std::string enum_text; // "accepted, pending, maybe, declined", for messages

    std::optional<std::size_t> min_length, max_length;
    std::optional<double> minimum, maximum;
    bool date_time = false;

    std::vector<NodeId> any_of;

    std::optional<Pattern> pattern;
};

// For property_slots: a member's length and its first, middle and last bytes, mixed. It tells
// apart the members of one object as well as hashing every byte would (a collision costs one
// more comparison), at a fraction of the cost per member.
inline std::uint32_t property_hash(std::string_view name) {
    const std::size_t size = name.size();
    if (size == 0) return 0;
    const auto byte = [&](std::size_t i) {
        return static_cast<std::uint64_t>(static_cast<unsigned char>(name[i]));
    };
    const std::uint64_t key =
        std::uint64_t{size} | byte(0) << 32 | byte(size / 2) << 40 | byte(size - 1) << 48;
    return static_cast<std::uint32_t>((key * 0x9E3779B97F4A7C15u) >> 32);
}

// a == b, without a call to memcmp for the short names of members.
inline bool same_name(std::string_view a, std::string_view b) {
    const std::size_t size = a.size();
    if (size != b.size()) return false;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t x, y;
        std::memcpy(&x, a.data() + i, 8);
        std::memcpy(&y, b.data() + i, 8);
        if (x != y) return false;
    }
    for (; i < size; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

inline const Property* find_property(const Node& node, std::string_view name) {
    if (node.property_slots.empty()) return nullptr;
    const std::size_t mask = node.property_slots.size() - 1;
    for (std::size_t slot = property_hash(name) & mask;; slot = (slot + 1) & mask) {
        const std::uint16_t entry = node.property_slots[slot];
        if (entry == 0) return nullptr;
        const Property& property = node.properties[entry - 1];
        if (same_name(property.name, name)) return &property;
    }
}

struct CheckTree {
    std::vector<Node> nodes;
    NodeId root = k_no_node;
    Mode mode = Mode::standard;
};

} // namespace atshook::schema
