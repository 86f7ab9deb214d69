#include "atshook/json_locate.hpp"

#include <charconv>
#include <string>

namespace atshook {
namespace {

constexpr std::string_view k_byte_order_mark = "\xEF\xBB\xBF";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::size_t skip_white_space(std::string_view json, std::size_t at) {
    while (at < json.size() &&
           (json[at] == ' ' || json[at] == '\t' || json[at] == '\n' || json[at] == '\r'))
        ++at;
    return at;
}

std::size_t skip_digits(std::string_view json, std::size_t at) {
    while (at < json.size() && is_digit(json[at])) ++at;
    return at;
}

// One past the closing quote of the string whose opening quote is at `at`.
std::optional<std::size_t> string_end(std::string_view json, std::size_t at) {
    for (std::size_t i = at + 1; i < json.size(); ++i) {
        if (json[i] == '\\')
            ++i;
        else if (json[i] == '"')
            return i + 1;
    }
    return std::nullopt;
}

// One past the bracket closing the object or array that opens at `at`. A depth count instead
// of recursion, so that no nesting exhausts the stack; without a stack of brackets only the
// outermost pair can be checked to match.
std::optional<std::size_t> container_end(std::string_view json, std::size_t at) {
    const char close = json[at] == '{' ? '}' : ']';
    std::size_t depth = 0;
    for (std::size_t i = at; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
            const auto end = string_end(json, i);
            if (!end) return std::nullopt;
            i = *end - 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) return c == close ? std::optional(i + 1) : std::nullopt;
        }
    }
    return std::nullopt;
}

// One past the number that starts at `at`, by JSON's grammar (no "+1", "01", ".5" or "1.").
std::optional<std::size_t> number_end(std::string_view json, std::size_t at) {
    if (at < json.size() && json[at] == '-') ++at;
    if (at >= json.size() || !is_digit(json[at])) return std::nullopt;
    at = json[at] == '0' ? at + 1 : skip_digits(json, at);
    if (at < json.size() && json[at] == '.') {
        const std::size_t fraction_end = skip_digits(json, at + 1);
        if (fraction_end == at + 1) return std::nullopt;
        at = fraction_end;
    }
    if (at < json.size() && (json[at] == 'e' || json[at] == 'E')) {
        ++at;
        if (at < json.size() && (json[at] == '+' || json[at] == '-')) ++at;
        const std::size_t exponent_end = skip_digits(json, at);
        if (exponent_end == at) return std::nullopt;
        at = exponent_end;
    }
    return at;
}

std::optional<std::size_t> literal_end(std::string_view json, std::size_t at,
                                       std::string_view word) {
    if (!json.substr(at).starts_with(word)) return std::nullopt;
    return at + word.size();
}

std::optional<std::size_t> scalar_end(std::string_view json, std::size_t at) {
    switch (json[at]) {
    case 't':
        return literal_end(json, at, "true");
    case 'f':
        return literal_end(json, at, "false");
    case 'n':
        return literal_end(json, at, "null");
    default:
        return number_end(json, at);
    }
}

// One past the value that starts at `at`. A number or literal must end where a token does, so
// that "01" or "truex" is not read as a value and its rest ignored.
std::optional<std::size_t> value_end(std::string_view json, std::size_t at) {
    if (at >= json.size()) return std::nullopt;
    if (json[at] == '"') return string_end(json, at);
    if (json[at] == '{' || json[at] == '[') return container_end(json, at);
    const auto end = scalar_end(json, at);
    if (!end || *end == json.size()) return end;
    constexpr std::string_view k_after_scalar = " \t\r\n,]}";
    if (k_after_scalar.find(json[*end]) == std::string_view::npos) return std::nullopt;
    return end;
}

// Where the next member or element starts, given where this one's value starts: past the
// value and its comma. nullopt at the container's end or where the text is not JSON.
std::optional<std::size_t> next_item(std::string_view json, std::size_t value) {
    const auto end = value_end(json, value);
    if (!end) return std::nullopt;
    const std::size_t comma = skip_white_space(json, *end);
    if (comma >= json.size() || json[comma] != ',') return std::nullopt;
    return skip_white_space(json, comma + 1);
}

std::optional<char32_t> hex_quad(std::string_view text, std::size_t at) {
    if (at > text.size() || text.size() - at < 4) return std::nullopt;
    char32_t value = 0;
    for (const char c : text.substr(at, 4)) {
        value <<= 4;
        if (is_digit(c))
            value |= static_cast<char32_t>(c - '0');
        else if (c >= 'a' && c <= 'f')
            value |= static_cast<char32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            value |= static_cast<char32_t>(c - 'A' + 10);
        else
            return std::nullopt;
    }
    return value;
}

struct Escape {
    char32_t code_point;
    std::size_t length; // bytes of the escape: 2 for "\n", 6 for "\u00e9", 12 for a pair
};

// The escape starting with the backslash at `at` of a string's contents. A lone surrogate
// stands for no character: nullopt, as for an unknown escape.
std::optional<Escape> decode_escape(std::string_view contents, std::size_t at) {
    if (at + 1 >= contents.size()) return std::nullopt;
    switch (contents[at + 1]) {
    case '"':
    case '\\':
    case '/':
        return Escape{static_cast<char32_t>(contents[at + 1]), 2};
    case 'b':
        return Escape{U'\b', 2};
    case 'f':
        return Escape{U'\f', 2};
    case 'n':
        return Escape{U'\n', 2};
    case 'r':
        return Escape{U'\r', 2};
    case 't':
        return Escape{U'\t', 2};
    case 'u':
        break;
    default:
        return std::nullopt;
    }
    const auto high = hex_quad(contents, at + 2);
    if (!high) return std::nullopt;
    if (*high < 0xD800 || *high > 0xDFFF) return Escape{*high, 6};
    if (*high > 0xDBFF || contents.substr(at + 6, 2) != "\\u") return std::nullopt;
    const auto low = hex_quad(contents, at + 8);
    if (!low || *low < 0xDC00 || *low > 0xDFFF) return std::nullopt;
    return Escape{0x10000 + ((*high - 0xD800) << 10) + (*low - 0xDC00), 12};
}

// Writes `code_point` (at most U+10FFFF) as UTF-8; returns the number of bytes.
std::size_t encode_utf8(char32_t code_point, char (&out)[4]) {
    const auto byte = [](char32_t bits) { return static_cast<char>(bits); };
    if (code_point < 0x80) {
        out[0] = byte(code_point);
        return 1;
    }
    if (code_point < 0x800) {
        out[0] = byte(0xC0 | (code_point >> 6));
        out[1] = byte(0x80 | (code_point & 0x3F));
        return 2;
    }
    if (code_point < 0x10000) {
        out[0] = byte(0xE0 | (code_point >> 12));
        out[1] = byte(0x80 | ((code_point >> 6) & 0x3F));
        out[2] = byte(0x80 | (code_point & 0x3F));
        return 3;
    }
    out[0] = byte(0xF0 | (code_point >> 18));
    out[1] = byte(0x80 | ((code_point >> 12) & 0x3F));
    out[2] = byte(0x80 | ((code_point >> 6) & 0x3F));
    out[3] = byte(0x80 | (code_point & 0x3F));
    return 4;
}

// Whether a JSON string's contents (between its quotes) decode to `name`, compared as they
// are decoded so that no member name is copied.
bool decodes_to(std::string_view contents, std::string_view name) {
    std::size_t matched = 0;
    for (std::size_t i = 0; i < contents.size();) {
        char bytes[4] = {contents[i]};
        std::size_t count = 1;
        if (contents[i] == '\\') {
            const auto escape = decode_escape(contents, i);
            if (!escape) return false;
            count = encode_utf8(escape->code_point, bytes);
            i += escape->length;
        } else {
            ++i;
        }
        if (name.substr(matched).compare(0, count, bytes, count) != 0) return false;
        matched += count;
    }
    return matched == name.size();
}

// The start of the value of the first member named `name` in the object that opens at `at`.
std::optional<std::size_t> member_value(std::string_view json, std::size_t at,
                                        std::string_view name) {
    std::optional<std::size_t> member = skip_white_space(json, at + 1);
    for (; member && *member < json.size() && json[*member] == '"';
         member = next_item(json, *member)) {
        const auto name_end = string_end(json, *member);
        if (!name_end) return std::nullopt;
        const bool found = decodes_to(json.substr(*member + 1, *name_end - *member - 2), name);
        const std::size_t colon = skip_white_space(json, *name_end);
        if (colon >= json.size() || json[colon] != ':') return std::nullopt;
        *member = skip_white_space(json, colon + 1);
        if (found) return member;
    }
    return std::nullopt;
}

// The start of element `index` of the array that opens at `at`.
std::optional<std::size_t> element_value(std::string_view json, std::size_t at, std::size_t index) {
    std::optional<std::size_t> element = skip_white_space(json, at + 1);
    if (*element < json.size() && json[*element] == ']') return std::nullopt;
    for (std::size_t i = 0; element && i < index; ++i) element = next_item(json, *element);
    return element;
}

// An array index token: "0" or digits without a leading zero ("01", "-", "+1" are not).
std::optional<std::size_t> array_index(std::string_view token) {
    if (token.empty() || (token.size() > 1 && token.front() == '0') || !is_digit(token.front()))
        return std::nullopt;
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
    if (error != std::errc() || end != token.data() + token.size()) return std::nullopt;
    return index;
}

// One reference token with ~1 and ~0 decoded into `out`; false when a '~' is followed by
// neither (RFC 6901 allows no other escape).
bool decode_pointer_token(std::string_view token, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] != '~') {
            out += token[i];
        } else if (i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            out += token[++i] == '0' ? '~' : '/';
        } else {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<TextSpan> locate_json_pointer(std::string_view json, std::string_view pointer) {
    if (!pointer.empty() && pointer.front() != '/') return std::nullopt;
    std::optional<std::size_t> at =
        skip_white_space(json, json.starts_with(k_byte_order_mark) ? k_byte_order_mark.size() : 0);
    // A value inside a container is followed at least by its closing bracket: a text that ends
    // right after one was cut short, perhaps within a number.
    const bool nested = !pointer.empty();
    std::string token;
    while (!pointer.empty()) {
        pointer.remove_prefix(1);
        const std::size_t slash = pointer.find('/');
        if (!decode_pointer_token(pointer.substr(0, slash), token)) return std::nullopt;
        pointer.remove_prefix(slash == std::string_view::npos ? pointer.size() : slash);
        if (*at < json.size() && json[*at] == '{') {
            at = member_value(json, *at, token);
        } else if (const auto index = array_index(token);
                   index && *at < json.size() && json[*at] == '[') {
            at = element_value(json, *at, *index);
        } else {
            return std::nullopt;
        }
        if (!at) return std::nullopt;
    }
    const auto end = value_end(json, *at);
    if (!end || (nested && *end == json.size())) return std::nullopt;
    return TextSpan{*at, *end};
}

} // namespace atshook
