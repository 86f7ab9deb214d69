#pragma once
#include <optional>
#include <string_view>

// Decisions about the terminal, made from facts the command line gathers (isatty, ioctl and
// environment variables), so that the rules are tested without a terminal.
namespace atshook::render {

enum class ColorChoice { automatic, always, never };

struct TerminalFacts {
    bool stdout_is_tty = false;
    std::optional<std::string_view> term;           // TERM
    std::optional<std::string_view> no_color;       // NO_COLOR
    std::optional<std::string_view> clicolor_force; // CLICOLOR_FORCE
};

// `always` and `never` decide alone. Otherwise a non-empty NO_COLOR turns colour off, then a
// CLICOLOR_FORCE other than "0" turns it on, then colour needs a terminal whose TERM is not
// "dumb".
bool use_color(ColorChoice choice, const TerminalFacts& facts);

// Whether the locale's character set is UTF-8, from the first set (non-empty) of LC_ALL,
// LC_CTYPE and LANG; none set means the C locale, which is ASCII.
bool locale_is_utf8(std::optional<std::string_view> lc_all,
                    std::optional<std::string_view> lc_ctype, std::optional<std::string_view> lang);

// Columns to lay text out in: the terminal's when known, else a positive COLUMNS, else 80.
int output_width(std::optional<int> terminal_columns, std::optional<std::string_view> columns);

} // namespace atshook::render
