#pragma once
#include "atshook/json_error.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace atshook {

// A JSON document as text. Bytes that are not UTF-8 (a file name, a header value or a --set
// value can hold any) become U+FFFD instead of throwing: JSON output must not abort the tool.
template <class Json> std::string json_text(const Json& value, int indent = -1) {
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// A document simdjson has parsed, as an nlohmann tree (json or ordered_json): the same tree
// nlohmann's own parser builds from the same text (non-negative integers unsigned, a repeated
// member's last value), several times faster, as simdjson does the lexing. Recursion is bounded
// by the depth the parser allowed.
template <class Json> Json json_tree(simdjson::dom::element element);

// Untrusted JSON text as a tree to edit (emit --from, --set values). simdjson checks it first,
// so a document nested deeper than `max_depth` never reaches nlohmann's recursive copy and
// dump; malformed text, bad UTF-8 and excess depth come back as the problem and its offset.
std::variant<nlohmann::ordered_json, JsonProblem>
parse_json_tree(std::string_view text, std::size_t max_depth = k_max_depth);

// The same JSON indented by 2 spaces, members in their order (emit shows one event so); text
// that is not JSON comes back unchanged.
std::string indented_json(std::string_view text);

// `text` as a JSON string for a message, cut after `max_code_points` characters with "..."
// inside the quotes: a finding quotes what it saw without echoing megabytes of hostile input.
std::string quoted_excerpt(std::string_view text, std::size_t max_code_points = 60);

} // namespace atshook
