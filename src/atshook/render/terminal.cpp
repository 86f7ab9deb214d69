#include "atshook/render/terminal.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace atshook::render {

bool use_color(ColorChoice choice, const TerminalFacts& facts) {
    if (choice == ColorChoice::always) return true;
    if (choice == ColorChoice::never) return false;
    if (facts.no_color && !facts.no_color->empty()) return false;
    if (facts.clicolor_force && !facts.clicolor_force->empty() && *facts.clicolor_force != "0")
        return true;
    return facts.stdout_is_tty && facts.term != "dumb";
}

bool locale_is_utf8(std::optional<std::string_view> lc_all,
                    std::optional<std::string_view> lc_ctype,
                    std::optional<std::string_view> lang) {
    for (const auto& value : {lc_all, lc_ctype, lang}) {
        if (!value || value->empty()) continue;
        std::string lower;
        for (const char c : *value)
            if (c != '-') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return lower.find("utf8") != std::string::npos;
    }
    return false;
}

int output_width(std::optional<int> terminal_columns, std::optional<std::string_view> columns) {
    if (terminal_columns && *terminal_columns > 0) return *terminal_columns;
    if (columns) {
        int value = 0;
        const auto* end = columns->data() + columns->size();
        const auto [ptr, ec] = std::from_chars(columns->data(), end, value);
        if (ec == std::errc() && ptr == end && value > 0) return value;
    }
    return 80;
}

} // namespace atshook::render
