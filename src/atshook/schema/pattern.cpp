#include "atshook/schema/pattern.hpp"

#include "atshook/error.hpp"

namespace atshook::schema {
namespace {

bool is_regex_special(char c) {
    return std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos;
}

// Parses `^literal[class]+$` where the class holds plain characters and ranges (no negation,
// no escapes). Returns false for any other shape.
bool parse_prefix_class(std::string_view source, std::string& prefix, std::array<bool, 256>& set) {
    if (source.size() < 6 || source.front() != '^' || !source.ends_with("]+$")) return false;
    const std::size_t open = source.find('[');
    if (open == std::string_view::npos) return false;
    for (std::size_t i = 1; i < open; ++i)
        if (is_regex_special(source[i])) return false;
    prefix.assign(source.substr(1, open - 1));
    const std::string_view body = source.substr(open + 1, source.size() - open - 4);
    if (body.empty() || body.front() == '^') return false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '\\' || c == '[' || c == ']') return false;
        if (i + 2 < body.size() && body[i + 1] == '-') {
            const auto lo = static_cast<unsigned char>(c);
            const auto hi = static_cast<unsigned char>(body[i + 2]);
            if (lo > hi || hi >= 0x80) return false;
            for (unsigned v = lo; v <= hi; ++v) set[v] = true;
            i += 2;
        } else {
            if (static_cast<unsigned char>(c) >= 0x80 || c == '-') return false;
            set[static_cast<unsigned char>(c)] = true;
        }
    }
    return true;
}

} // namespace

Pattern::Pattern(std::string source) : m_source(std::move(source)) {
    if (parse_prefix_class(m_source, m_prefix, m_class)) return;
    try {
        m_regex = std::make_shared<const std::regex>(m_source, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        throw Error("pattern \"" + m_source + "\" is not a valid regular expression: " + e.what());
    }
}

bool Pattern::matches_regex(std::string_view text) const {
    return std::regex_search(text.begin(), text.end(), *m_regex);
}

} // namespace atshook::schema
