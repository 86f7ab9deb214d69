#pragma once
#include "atshook/schema/pattern.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
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

struct CheckTree {
    std::vector<Node> nodes;
    NodeId root = k_no_node;
    Mode mode = Mode::standard;
};

} // namespace atshook::schema
