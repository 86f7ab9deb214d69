#include "atshook/printable.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace atshook {

char32_t next_code_point(std::string_view s, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char first = byte(pos);
    int length = first < 0x80           ? 1
                 : (first >> 5) == 0x6  ? 2
                 : (first >> 4) == 0xE  ? 3
                 : (first >> 3) == 0x1E ? 4
                                        : 1;
    if (pos + static_cast<std::size_t>(length) > s.size()) length = 1;
    char32_t cp = length == 1 ? first : first & (0x7F >> length);
    for (int i = 1; i < length; ++i) {
        const unsigned char next = byte(pos + static_cast<std::size_t>(i));
        if ((next >> 6) != 0x2) {
            length = 1;
            cp = first;
            break;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    pos += static_cast<std::size_t>(length);
    return cp;
}

bool is_control_or_bidi(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

std::string printable(std::string_view text) {
    // Printable ASCII, as nearly every line is, comes back as it is without being decoded.
    const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
    });
    if (plain) return std::string(text);
    return map_code_points(text, [&](char32_t cp, bool valid) -> std::optional<std::string> {
        if (cp == '\n') return "\\n";
        if (cp == '\r') return "\\r";
        if (cp == '\t') return "\\t";
        if (!valid || cp < 0x20 || cp == 0x7F) return fmt::format("\\x{:02x}", cp & 0xFF);
        if (is_control_or_bidi(cp))
            return fmt::format("\\u{{{:04x}}}", static_cast<std::uint32_t>(cp));
        return std::nullopt;
    });
}

std::string printable_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (;;) {
        const auto end = text.find('\n');
        out += printable(text.substr(0, end));
        if (end == std::string_view::npos) return out;
        out += '\n';
        text.remove_prefix(end + 1);
    }
}

} // namespace atshook
