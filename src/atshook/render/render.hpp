#pragma once
#include "atshook/finding.hpp"
#include "atshook/time/zone.hpp"
#include "atshook/view/view.hpp"

#include <string>

// Turns event views into text for people (a card), JSON for scripts or Markdown for tickets.
// Pure functions: the terminal's width, colour choice and the reader's zone come in as options.
namespace atshook::render {

enum class Format { text, json, markdown };

struct RenderOptions {
    Format format = Format::text;
    bool color = false; // ANSI escapes; text only
    bool ascii = false; // ASCII box and symbols instead of Unicode
    int width = 80;     // text: the card's width in columns (at least 36); long text wraps
    time::Zone viewer = time::utc_zone(); // the reader's zone, for "your time" and dates
};

// One event as text, JSON (one line) or Markdown, ending with a newline. With `check`, the
// validator's findings for the payload are added under the card (an empty list reads "valid").
std::string render_event(const view::EventView& event, const RenderOptions& options,
                         const Findings* check = nullptr);

} // namespace atshook::render
