#pragma once
// How cards are drawn for a reader (show, listen --show): colour, frame, zone and width.
#include "atshook/render/render.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace cli {

struct CardOptions {
    std::string format = "text"; // text, json or markdown (show's --format)
    std::string color = "auto";
    bool ascii = false;
    std::string tz;
    int width = 0;
};

// Registers --color, --ascii, --tz and --width.
void add_card_options(CLI::App& command, CardOptions& options);

// The render options for stdout: colour by --color, NO_COLOR, CLICOLOR_FORCE and whether stdout
// is a terminal; the width from --width, the terminal or COLUMNS; the zone from --tz, TZ or the
// system's. Throws atshook::Error (usage) for an unknown --tz.
atshook::render::RenderOptions render_options(const CardOptions& options);

} // namespace cli
