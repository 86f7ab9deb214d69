#include "atshook/completion/shell_text.hpp"

namespace atshook::completion {

std::string single_quoted(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::string identifier(std::string_view name) {
    std::string out;
    for (const char c : name) {
        const bool keep =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        out += keep ? c : '_';
    }
    return out;
}

std::string one_line(std::string_view help) {
    std::string out;
    bool space = false;
    for (const char c : help) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
    std::string out;
    for (std::size_t start = 0;;) {
        const auto found = text.find(from, start);
        out.append(text.substr(start, found - start));
        if (found == std::string_view::npos) return out;
        out.append(to);
        start = found + from.size();
    }
}

} // namespace atshook::completion
