#pragma once
// --color, shared by every command that colours its output: show and listen (cards),
// validate and verify (findings and verdicts).
#include <CLI/CLI.hpp>

#include <string>

namespace cli {

// Registers --color auto|always|never into `choice` (default "auto").
void add_color_option(CLI::App& command, std::string& choice);

// Whether output to stdout is coloured: --color always or never decides; under auto a non-empty
// NO_COLOR turns it off, a CLICOLOR_FORCE other than 0 on, else stdout must be a terminal whose
// TERM is not dumb.
bool stdout_color(const std::string& choice);

} // namespace cli
