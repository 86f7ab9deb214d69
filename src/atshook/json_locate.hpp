#pragma once
// Where a finding's JSON pointer lies in the bytes of its document, so a report can say
// file:line:column. Called only when a finding exists: the validator's hot path keeps no offsets.
#include <cstddef>
#include <optional>
#include <string_view>

namespace atshook {

// Bytes [begin, end) of a value in a JSON text: its first byte and one past its last.
struct TextSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool operator==(const TextSpan&) const = default;
};

// Where the value at `pointer` (RFC 6901: "" is the whole document, ~0 and ~1 escapes, array
// indices in decimal without leading zeros) lies in `json`. For objects with a repeated member
// name, the first occurrence (what simdjson's DOM lookup finds). nullopt when the text holds no
// such value, the pointer is malformed, or the text stops being JSON on the way.
// The containers on the way are read as JSON; a value passed over is only followed to its end
// (strings closed, brackets balanced), so its errors are the parser's to report. A UTF-8 byte
// order mark is skipped. Linear in the text's size, any nesting depth, reads nothing past `json`.
std::optional<TextSpan> locate_json_pointer(std::string_view json, std::string_view pointer);

} // namespace atshook
