#include "atshook/base64.hpp"

#include <array>
#include <cstdint>

namespace atshook {
namespace {

constexpr std::string_view k_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_decode_table() {
    std::array<std::int8_t, 256> table{};
    table.fill(-1);
    for (std::size_t i = 0; i < k_alphabet.size(); ++i)
        table[static_cast<unsigned char>(k_alphabet[i])] = static_cast<std::int8_t>(i);
    return table;
}
constexpr auto k_decode = make_decode_table();

} // namespace

std::string base64_encode(std::span<const unsigned char> bytes) {
    std::string out;
    out.reserve(base64_length(bytes.size()));
    base64_append(out, bytes);
    return out;
}

void base64_append(std::string& out, std::span<const unsigned char> bytes) {
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n =
            (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
        out += k_alphabet[(n >> 18) & 63];
        out += k_alphabet[(n >> 12) & 63];
        out += k_alphabet[(n >> 6) & 63];
        out += k_alphabet[n & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t n = std::uint32_t{bytes[i]} << 16;
        if (rest == 2) n |= std::uint32_t{bytes[i + 1]} << 8;
        out += k_alphabet[(n >> 18) & 63];
        out += k_alphabet[(n >> 12) & 63];
        out += rest == 2 ? k_alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
}

Base64Decoded base64_decode(std::string_view text) {
    Base64Decoded result;
    std::size_t data_length = text.size();
    while (data_length > 0 && text[data_length - 1] == '=') --data_length;
    const std::size_t padding = text.size() - data_length;
    for (std::size_t i = 0; i < data_length; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (k_decode[c] >= 0) continue;
        const auto kind = (c == '-' || c == '_') ? Base64Problem::Kind::url_safe_character
                          : c == '='             ? Base64Problem::Kind::bad_padding
                                                 : Base64Problem::Kind::bad_character;
        result.problem = Base64Problem{kind, i};
        return result;
    }
    // One leftover character carries only 6 bits: no byte can end there.
    if (data_length % 4 == 1) {
        result.problem = Base64Problem{Base64Problem::Kind::bad_length, text.size()};
        return result;
    }
    if (padding > 0 && (padding > 2 || text.size() % 4 != 0)) {
        result.problem = Base64Problem{Base64Problem::Kind::bad_padding, data_length};
        return result;
    }
    result.bytes.reserve(data_length / 4 * 3 + 2);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < data_length; ++i) {
        buffer = (buffer << 6) |
                 static_cast<std::uint32_t>(k_decode[static_cast<unsigned char>(text[i])]);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            result.bytes.push_back(static_cast<unsigned char>((buffer >> bits) & 0xFF));
        }
    }
    return result;
}

std::string describe(const Base64Problem& problem) {
    const std::string at = "character " + std::to_string(problem.position + 1);
    switch (problem.kind) {
    case Base64Problem::Kind::bad_character:
        return at + " is not in the standard base64 alphabet (A-Z a-z 0-9 + /)";
    case Base64Problem::Kind::url_safe_character:
        return at + " is URL-safe base64 ('-' or '_'); standard base64 uses '+' and '/'";
    case Base64Problem::Kind::bad_padding:
        return "the '=' padding at " + at + " is misplaced or too long";
    case Base64Problem::Kind::bad_length:
        return "the length is not possible for base64 (one character too many or too few)";
    }
    return "not base64";
}

} // namespace atshook
