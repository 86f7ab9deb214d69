#pragma once
// Inside the render module: terminal columns of UTF-8 text, and word wrapping of styled text.
#include "atshook/render/card/card.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace atshook::render {

// Columns a terminal gives the text: East Asian wide characters and most emoji take two,
// combining marks and zero-width characters none.
int display_width(std::string_view utf8);
int display_width(const Rich& rich);

// Payload text made safe to print: control characters (which could move the cursor or start
// an escape sequence) and bidirectional overrides become U+FFFD ('?' in ASCII), tabs a space,
// carriage returns vanish; newlines stay.
std::string clean_text(std::string_view text, bool ascii);

// Lines of at most `width` columns. Breaks at spaces; a word longer than the line is split,
// never cut; '\n' is a hard break; runs of spaces collapse. Always at least one line.
std::vector<Rich> wrap(const Rich& rich, int width);

// The widest word, the narrowest a column can be without splitting words.
int longest_word(const Rich& rich);

// The text with each k_glue as a plain space, for printing.
std::string unglue(std::string_view text);

// ANSI escapes for each tone when `color`, plain text otherwise.
std::string paint(const Rich& rich, bool color);

} // namespace atshook::render
