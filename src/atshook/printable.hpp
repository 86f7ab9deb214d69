#pragma once
#include <optional>
#include <string>
#include <string_view>

// Text from input (payload values, header lines, file names, server replies) on its way to a
// terminal: nothing in it may move the cursor, start an escape sequence or reorder the line.
namespace atshook {

// Decodes one UTF-8 code point at `pos` and advances past it; a byte that does not start a
// valid sequence reads as itself (one byte).
char32_t next_code_point(std::string_view text, std::size_t& pos);

// A copy of `text` in which `replace(code_point, valid)` may swap each code point for other text:
// it returns the replacement, or nullopt to keep the code point's bytes. `valid` is false for a
// byte that does not start a valid UTF-8 sequence.
template <class Replace> std::string map_code_points(std::string_view text, Replace replace) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const char32_t cp = next_code_point(text, pos);
        const bool valid = cp < 0x80 || pos - start > 1;
        if (std::optional<std::string> instead = replace(cp, valid))
            out += *instead;
        else
            out.append(text.substr(start, pos - start));
    }
    return out;
}

// C0 and C1 control characters (newline included), DEL, and the bidirectional embeddings,
// overrides and isolates (U+202A-U+202E, U+2066-U+2069).
bool is_control_or_bidi(char32_t code_point);

// `text` as one line that is safe to print: each control or bidi character, and each byte that
// is not valid UTF-8, becomes a visible escape (`\x1b`, `\n`, `\u{202e}`); everything else,
// including non-ASCII letters, is kept as it is.
std::string printable(std::string_view text);

// Multi-line text made printable line by line: its newlines stay, everything else as above.
std::string printable_lines(std::string_view text);

} // namespace atshook
