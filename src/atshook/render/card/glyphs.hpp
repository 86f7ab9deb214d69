#pragma once
#include <string_view>

namespace atshook::render {

// The symbols a card uses, as Unicode or as ASCII for terminals without UTF-8.
struct Glyphs {
    std::string_view dash, range, dot, arrow, ellipsis;
    std::string_view accepted, pending, maybe, declined, unknown;
    std::string_view active, past, cancelled, valid, error, warning;
    std::string_view star, no_star;
    std::string_view top_left, top_right, bottom_left, bottom_right, horizontal, vertical;
    std::string_view rule;
};

inline constexpr Glyphs k_unicode{
    "\u2014", "\u2013", "\u00b7", "\u2192", "\u2026",           // — – · → …
    "\u2713", "\u25cb", "?",      "\u2717", "\u00b7",           // ✓ ○ ? ✗ ·
    "\u25cf", "\u25cb", "\u2717", "\u2713", "\u2717", "!",      // ● ○ ✗ ✓ ✗ !
    "\u2605", "\u2606",                                         // ★ ☆
    "\u256d", "\u256e", "\u2570", "\u256f", "\u2500", "\u2502", // ╭ ╮ ╰ ╯ ─ │
    "\u2500",
};

// "/" separates, since "|" would read as the frame.
inline constexpr Glyphs k_ascii{
    "-", "-", "/", "->", "...",           //
    "+", "o", "?", "x",  "-",             //
    "*", "o", "x", "+",  "x",   "!",      //
    "*", ".",                             //
    "+", "+", "+", "+",  "-",   "|", "-", //
};

inline const Glyphs& glyphs_for(bool ascii) {
    return ascii ? k_ascii : k_unicode;
}

} // namespace atshook::render
