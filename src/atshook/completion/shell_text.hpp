#pragma once
// How names and help text are written into the completion scripts.
#include <string>
#include <string_view>

namespace atshook::completion {

// `text` in single quotes for bash and zsh: 'it'\''s'.
std::string single_quoted(std::string_view text);

// A shell function name from the program's name: "ats-hook" -> "ats_hook".
std::string identifier(std::string_view name);

// The help text on one line: each run of white space made one space.
std::string one_line(std::string_view help);

// `text` with every `from` replaced by `to`: fills a script template's placeholders.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);

} // namespace atshook::completion
