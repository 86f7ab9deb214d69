#include "atshook/json_writer.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace atshook {
namespace {

// What must be escaped inside a JSON string, looked up a byte at a time.
constexpr auto k_needs_escape = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = true;
    table['"'] = true;
    table['\\'] = true;
    return table;
}();

bool needs_escape(unsigned char c) {
    return k_needs_escape[c];
}

// Whether any of the 8 bytes at `bytes` is below 0x20, a quote or a backslash, with the
// byte-wise "has a byte less than n" test on the word, and on it xor '"' and xor '\\' (Hacker's
// Delight, 6-1). The byte loop decides on each byte of a word this flags.
bool any_needs_escape(const char* bytes) {
    std::uint64_t word;
    std::memcpy(&word, bytes, sizeof word);
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    const auto zero_byte = [](std::uint64_t w) { return (w - ones) & ~w & highs; };
    const std::uint64_t below_space = (word - ones * 0x20) & ~word & highs;
    return (below_space | zero_byte(word ^ (ones * '"')) | zero_byte(word ^ (ones * '\\'))) != 0;
}

} // namespace

// Out of line: inlined into long writers, std::string::append trips GCC 12's -Wrestrict.
void JsonWriter::integer(std::int64_t number) {
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    m_out.append(digits, static_cast<std::size_t>(end - digits));
}

void JsonWriter::integer(std::uint64_t number) {
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    m_out.append(digits, static_cast<std::size_t>(end - digits));
}

void JsonWriter::value(std::string_view text) {
    separate();
    m_out += '"';
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        // Eight bytes at a time while none of them needs an escape (most text needs none).
        while (i + 8 <= text.size() && !any_needs_escape(text.data() + i)) i += 8;
        if (i >= text.size()) break;
        const auto c = static_cast<unsigned char>(text[i]);
        if (!needs_escape(c)) continue;
        m_out.append(text.data() + start, i - start);
        start = i + 1;
        switch (c) {
        case '"':
            m_out += "\\\"";
            break;
        case '\\':
            m_out += "\\\\";
            break;
        case '\b':
            m_out += "\\b";
            break;
        case '\f':
            m_out += "\\f";
            break;
        case '\n':
            m_out += "\\n";
            break;
        case '\r':
            m_out += "\\r";
            break;
        case '\t':
            m_out += "\\t";
            break;
        default: {
            constexpr std::string_view hex = "0123456789abcdef";
            m_out += "\\u00";
            m_out += hex[c >> 4];
            m_out += hex[c & 0xF];
        }
        }
    }
    m_out.append(text.data() + start, text.size() - start);
    m_out += '"';
}

} // namespace atshook
