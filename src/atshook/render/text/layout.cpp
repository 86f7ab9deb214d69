#include "atshook/render/text/layout.hpp"

#include "atshook/printable.hpp"

#include <algorithm>
#include <cstdint>

namespace atshook::render {
namespace {

struct Range {
    char32_t first, last;
};

constexpr Range k_zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489},   {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},   {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
    {0x200B, 0x200F}, {0x2060, 0x2064},   {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
    {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

constexpr Range k_wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F004, 0x1F004},
    {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F2FF},
    {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F900, 0x1F9FF},
    {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

bool in(const auto& ranges, char32_t cp) {
    return std::any_of(std::begin(ranges), std::end(ranges),
                       [cp](const Range& r) { return cp >= r.first && cp <= r.last; });
}

int code_point_width(char32_t cp) {
    if (cp < 0x300) return 1;
    if (in(k_zero_width, cp)) return 0;
    return in(k_wide, cp) ? 2 : 1;
}

bool is_unsafe(char32_t cp) {
    return cp != '\n' && is_control_or_bidi(cp);
}

// A word is pieces of spans (a word may change tone midway) and its width.
struct Word {
    Rich pieces;
    int width = 0;
    bool line_break = false;
};

std::vector<Word> split_words(const Rich& rich) {
    std::vector<Word> words;
    Word current;
    auto finish = [&] {
        if (!current.pieces.empty()) words.push_back(std::move(current));
        current = Word{};
    };
    for (const auto& span : rich) {
        std::size_t pos = 0;
        std::size_t start = 0;
        auto flush_piece = [&](std::size_t end) {
            if (end > start) {
                const std::string_view text(span.text.data() + start, end - start);
                current.pieces.push_back({std::string(text), span.tone});
                current.width += display_width(text);
            }
        };
        while (pos < span.text.size()) {
            const char c = span.text[pos];
            if (c == ' ' || c == '\n') {
                flush_piece(pos);
                finish();
                if (c == '\n') {
                    Word brk;
                    brk.line_break = true;
                    words.push_back(brk);
                }
                start = ++pos;
                continue;
            }
            next_code_point(span.text, pos);
        }
        flush_piece(pos);
    }
    finish();
    return words;
}

void push_piece(Rich& line, std::string text, Tone tone) {
    if (!line.empty() && line.back().tone == tone)
        line.back().text += text;
    else
        line.push_back({std::move(text), tone});
}

} // namespace

int display_width(std::string_view utf8) {
    int width = 0;
    std::size_t pos = 0;
    while (pos < utf8.size()) width += code_point_width(next_code_point(utf8, pos));
    return width;
}

int display_width(const Rich& rich) {
    int width = 0;
    for (const auto& span : rich) width += display_width(span.text);
    return width;
}

std::string clean_text(std::string_view text, bool ascii) {
    return map_code_points(text, [ascii](char32_t cp, bool) -> std::optional<std::string> {
        if (cp == '\t') return " ";
        if (cp == '\r') return "";
        if (is_unsafe(cp)) return ascii ? "?" : "\uFFFD";
        return std::nullopt;
    });
}

std::vector<Rich> wrap(const Rich& rich, int width) {
    width = std::max(width, 1);
    std::vector<Rich> lines(1);
    int used = 0;
    auto new_line = [&] {
        lines.emplace_back();
        used = 0;
    };
    for (const auto& word : split_words(rich)) {
        if (word.line_break) {
            new_line();
            continue;
        }
        if (used > 0 && used + 1 + word.width > width) new_line();
        if (used > 0) {
            // Inside a run of one tone the space takes that tone, so colour is not switched
            // off and on around every word.
            const Tone before = lines.back().back().tone;
            push_piece(lines.back(), " ",
                       before == word.pieces.front().tone ? before : Tone::plain);
            ++used;
        }
        for (const auto& piece : word.pieces) {
            // Split a word wider than the line at code points: wrapped, never cut.
            std::size_t pos = 0;
            while (pos < piece.text.size()) {
                const std::size_t start = pos;
                const int w = code_point_width(next_code_point(piece.text, pos));
                if (used + w > width && used > 0) new_line();
                push_piece(lines.back(), piece.text.substr(start, pos - start), piece.tone);
                used += w;
            }
        }
    }
    return lines;
}

int longest_word(const Rich& rich) {
    int longest = 0;
    for (const auto& word : split_words(rich)) longest = std::max(longest, word.width);
    return longest;
}

std::string unglue(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        if (text.substr(pos).starts_with(k_glue)) {
            out += ' ';
            pos += k_glue.size();
        } else {
            out += text[pos++];
        }
    }
    return out;
}

std::string paint(const Rich& rich, bool color) {
    std::string out;
    for (const auto& span : rich) {
        const std::string text = unglue(span.text);
        append_painted(out, text, text == " " ? Tone::plain : span.tone, color);
    }
    return out;
}

} // namespace atshook::render
