#include "atshook/overlay/json_path.hpp"

#include "atshook/error.hpp"
#include "atshook/limits.hpp"

#include <fmt/core.h>

namespace atshook::overlay {
namespace {

using json = nlohmann::json;

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

class PathParser {
public:
    explicit PathParser(std::string_view text) : m_text(text) {}

    JsonPath parse() {
        JsonPath path{std::string(m_text), {}};
        if (m_text.size() > limits::k_json_path_chars)
            fail(0, fmt::format("longer than {} characters", limits::k_json_path_chars));
        if (!eat('$')) fail(0, "a target starts with \"$\"");
        while (m_at < m_text.size()) {
            if (path.segments.size() == limits::k_json_path_segments)
                fail(m_at, fmt::format("more than {} segments", limits::k_json_path_segments));
            path.segments.push_back(segment());
        }
        return path;
    }

private:
    [[noreturn]] void fail(std::size_t at, std::string_view why) const {
        throw Error(fmt::format("JSONPath \"{}\" at character {}: {}", m_text, at + 1, why));
    }

    bool eat(char c) {
        if (m_at < m_text.size() && m_text[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    char peek() const { return m_at < m_text.size() ? m_text[m_at] : '\0'; }
    void skip_spaces() {
        while (peek() == ' ') ++m_at;
    }
    void expect(char c, std::string_view what) {
        if (!eat(c))
            fail(m_at, m_at < m_text.size()
                           ? fmt::format("expected {} but found '{}'", what, m_text[m_at])
                           : fmt::format("expected {} but the path ends", what));
    }

    PathSegment segment() {
        const std::size_t start = m_at;
        if (eat('.')) {
            if (peek() == '.') fail(start, "recursive descent \"..\" is not supported");
            if (eat('*')) return {PathSegment::Kind::wildcard, {}, 0, {}};
            return {PathSegment::Kind::name, identifier(), 0, {}};
        }
        if (eat('[')) {
            PathSegment out = bracket(start);
            expect(']', "']'");
            return out;
        }
        fail(m_at, fmt::format("expected '.' or '[' but found '{}'", m_text[m_at]));
    }

    std::string identifier() {
        const std::size_t start = m_at;
        if (!is_name_start(peek()))
            fail(m_at, "expected a name (letters, digits, '_', '$'); write ['name'] for others");
        while (is_name_char(peek())) ++m_at;
        if (peek() == '(') fail(start, "functions are not supported");
        return std::string(m_text.substr(start, m_at - start));
    }

    PathSegment bracket(std::size_t start) {
        skip_spaces();
        PathSegment out;
        if (eat('*')) {
            out.kind = PathSegment::Kind::wildcard;
        } else if (peek() == '\'' || peek() == '"') {
            out.kind = PathSegment::Kind::name;
            out.name = quoted();
        } else if (is_digit(peek())) {
            out.kind = PathSegment::Kind::index;
            out.index = index();
        } else if (eat('?')) {
            out.kind = PathSegment::Kind::filter;
            out.filter = filter();
        } else if (peek() == '-' || peek() == ':') {
            fail(m_at, "negative indices and slices are not supported");
        } else if (peek() == '(') {
            fail(m_at, "script expressions are not supported");
        } else {
            fail(start, "expected ['name'], [N], [*] or [?(...)]");
        }
        skip_spaces();
        if (peek() == ',') fail(m_at, "unions are not supported");
        if (peek() == ':') fail(m_at, "slices are not supported");
        return out;
    }

    std::size_t index() {
        const std::size_t start = m_at;
        std::size_t value = 0;
        while (is_digit(peek())) {
            if (m_at - start >= 9) fail(start, "index too large");
            value = value * 10 + static_cast<std::size_t>(m_text[m_at++] - '0');
        }
        return value;
    }

    // A string in single or double quotes; a backslash escapes the quote, a backslash or '/'.
    std::string quoted() {
        const char quote = m_text[m_at++];
        std::string out;
        while (true) {
            if (m_at >= m_text.size())
                fail(m_at, fmt::format("unterminated string: {} missing", quote));
            const char c = m_text[m_at++];
            if (c == quote) return out;
            if (c == '\\') {
                const char next = peek();
                if (next != '\'' && next != '"' && next != '\\' && next != '/')
                    fail(m_at - 1, "only \\' \\\" \\\\ and \\/ are escapes here");
                out.push_back(next);
                ++m_at;
                continue;
            }
            out.push_back(c);
        }
    }

    PathFilter filter() {
        PathFilter out;
        expect('(', "'(' after '?'");
        skip_spaces();
        if (!eat('@')) fail(m_at, "a filter compares @ or @.member with a value");
        while (eat('.')) {
            if (peek() == '.') fail(m_at - 1, "recursive descent \"..\" is not supported");
            out.member_path.push_back(identifier());
        }
        skip_spaces();
        if (m_text.substr(m_at).starts_with("==")) {
            out.equal = true;
        } else if (m_text.substr(m_at).starts_with("!=")) {
            out.equal = false;
        } else {
            fail(m_at, "a filter compares with == or != only");
        }
        m_at += 2;
        if (peek() == '=') fail(m_at, "write == or !=, not === or !==");
        skip_spaces();
        out.literal = literal();
        skip_spaces();
        if (peek() == '&' || peek() == '|') fail(m_at, "&& and || are not supported");
        expect(')', "')' closing the filter");
        skip_spaces();
        return out;
    }

    json literal() {
        if (peek() == '\'' || peek() == '"') return quoted();
        for (const auto& [word, value] : {std::pair<std::string_view, json>{"true", true},
                                          {"false", false},
                                          {"null", nullptr}}) {
            if (m_text.substr(m_at).starts_with(word)) {
                m_at += word.size();
                return value;
            }
        }
        const std::size_t start = m_at;
        while (is_digit(peek()) || peek() == '-' || peek() == '+' || peek() == '.' ||
               peek() == 'e' || peek() == 'E')
            ++m_at;
        const json number = json::parse(m_text.substr(start, m_at - start), nullptr, false);
        if (start == m_at || !number.is_number())
            fail(start, "expected a string, number, true, false or null");
        return number;
    }

    std::string_view m_text;
    std::size_t m_at = 0;
};

bool filter_holds(const PathFilter& filter, const json& node) {
    const json* value = &node;
    for (const auto& name : filter.member_path) {
        if (!value->is_object()) return !filter.equal;
        const auto member = value->find(name);
        if (member == value->end()) return !filter.equal;
        value = &*member;
    }
    return (*value == filter.literal) == filter.equal;
}

void select_from(const JsonPath& path, std::size_t segment, const json& node,
                 const json::json_pointer& at, std::vector<json::json_pointer>& out) {
    if (segment == path.segments.size()) {
        out.push_back(at);
        return;
    }
    const PathSegment& step = path.segments[segment];
    switch (step.kind) {
    case PathSegment::Kind::name:
        if (node.is_object())
            if (const auto member = node.find(step.name); member != node.end())
                select_from(path, segment + 1, *member, at / step.name, out);
        return;
    case PathSegment::Kind::index:
        if (node.is_array() && step.index < node.size())
            select_from(path, segment + 1, node[step.index], at / step.index, out);
        return;
    case PathSegment::Kind::wildcard:
    case PathSegment::Kind::filter: {
        const bool all = step.kind == PathSegment::Kind::wildcard;
        if (node.is_object()) {
            for (const auto& [name, child] : node.items())
                if (all || filter_holds(step.filter, child))
                    select_from(path, segment + 1, child, at / name, out);
        } else if (node.is_array()) {
            for (std::size_t i = 0; i < node.size(); ++i)
                if (all || filter_holds(step.filter, node[i]))
                    select_from(path, segment + 1, node[i], at / i, out);
        }
        return;
    }
    }
}

} // namespace

JsonPath parse_json_path(std::string_view text) {
    return PathParser(text).parse();
}

std::vector<json::json_pointer> select(const JsonPath& path, const json& document) {
    std::vector<json::json_pointer> out;
    select_from(path, 0, document, json::json_pointer(), out);
    return out;
}

} // namespace atshook::overlay
