#include "atshook/http_message.hpp"
#include "atshook/white_space.hpp"

#include "atshook/error.hpp"
#include "atshook/json_text.hpp"
#include "atshook/limits.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

namespace atshook {
namespace {

struct Line {
    std::string_view text; // without its line end
    std::size_t number;    // 1-based
    bool terminated;       // ended with LF (not at the end of the input)
};

// Reads lines from the front of a text, leaving the rest (the body) untouched.
class LineReader {
public:
    explicit LineReader(std::string_view text) : m_text(text) {}

    std::optional<Line> next() {
        if (m_offset >= m_text.size()) return std::nullopt;
        const std::size_t end = m_text.find('\n', m_offset);
        const bool terminated = end != std::string_view::npos;
        const std::size_t stop = terminated ? end : m_text.size();
        std::string_view text = m_text.substr(m_offset, stop - m_offset);
        if (text.ends_with('\r')) text.remove_suffix(1);
        m_offset = terminated ? end + 1 : m_text.size();
        return Line{text, ++m_number, terminated};
    }
    std::string_view rest() const { return m_text.substr(m_offset); }

private:
    std::string_view m_text;
    std::size_t m_offset = 0;
    std::size_t m_number = 0;
};

[[noreturn]] void fail(std::string_view source, std::size_t line, const std::string& message) {
    throw Error(std::string(source) + ":" + std::to_string(line) + ": " + message);
}

bool is_token_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= '0' && u <= '9') return true;
    if ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool looks_like_request_line(std::string_view text) {
    const auto space = text.find(' ');
    return space != std::string_view::npos && text.find(':') > space &&
           text.substr(text.rfind(' ') + 1).starts_with("HTTP/");
}

HeaderField parse_header_line(const Line& line, std::string_view source) {
    if (line.text.size() > limits::k_header_line_bytes)
        fail(source, line.number,
             "header line is " + std::to_string(line.text.size()) + " bytes long; the limit is " +
                 std::to_string(limits::k_header_line_bytes));
    if (line.text.front() == ' ' || line.text.front() == '\t')
        fail(source, line.number,
             "header line starts with white space (folded headers are not supported)");
    if (line.text.find('\r') != std::string_view::npos)
        fail(source, line.number, "stray carriage return inside a header line");
    const auto colon = line.text.find(':');
    if (colon == std::string_view::npos)
        fail(source, line.number, "expected 'Name: value', found no ':'");
    const std::string_view name = line.text.substr(0, colon);
    if (name.empty()) fail(source, line.number, "header line has no name before ':'");
    if (!std::all_of(name.begin(), name.end(), is_token_char))
        fail(source, line.number,
             "header name " + quoted_excerpt(name) +
                 " contains a space or another character not allowed in header names");
    return HeaderField{std::string(name),
                       std::string(trim_white_space(line.text.substr(colon + 1))), line.number};
}

void add_header_line(HeaderFields& fields, const Line& line, std::string_view source) {
    if (fields.size() == limits::k_header_lines)
        fail(source, line.number,
             "more than " + std::to_string(limits::k_header_lines) +
                 " header lines; a webhook delivery has a dozen");
    fields.push_back(parse_header_line(line, source));
}

std::optional<std::size_t> content_length(const HeaderFields& headers, std::string_view source) {
    std::optional<std::size_t> length;
    for (const HeaderField* field : find_headers(headers, "content-length")) {
        std::size_t value = 0;
        const char* end = field->value.data() + field->value.size();
        const auto [ptr, ec] = std::from_chars(field->value.data(), end, value);
        if (field->value.empty() || ec != std::errc() || ptr != end)
            fail(source, field->line,
                 "Content-Length '" + field->value + "' is not a number of bytes");
        if (length && *length != value)
            fail(source, field->line, "a second Content-Length header disagrees with the first");
        length = value;
    }
    return length;
}

} // namespace

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) {
                   return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
               };
               return lower(x) == lower(y);
           });
}

std::vector<const HeaderField*> find_headers(const HeaderFields& fields, std::string_view name) {
    std::vector<const HeaderField*> found;
    for (const auto& field : fields)
        if (equals_ignoring_case(field.name, name)) found.push_back(&field);
    return found;
}

HttpRequest parse_http_request(std::string_view bytes, std::string_view source) {
    if (bytes.empty()) throw Error(std::string(source) + ": the request file is empty");
    LineReader reader(bytes);
    HttpRequest request;
    const Line first = *reader.next();
    if (first.text.size() > limits::k_header_line_bytes)
        fail(source, 1,
             "the request line is " + std::to_string(first.text.size()) +
                 " bytes long; the limit is " + std::to_string(limits::k_header_line_bytes));
    const auto first_space = first.text.find(' ');
    const auto last_space = first.text.rfind(' ');
    if (first_space == std::string_view::npos || first_space == last_space ||
        !first.text.substr(last_space + 1).starts_with("HTTP/"))
        fail(source, 1,
             "expected a request line like 'POST /webhooks HTTP/1.1'"
             " (for a file of header lines only, use --headers)");
    request.method = first.text.substr(0, first_space);
    request.target =
        trim_white_space(first.text.substr(first_space + 1, last_space - first_space - 1));
    request.version = first.text.substr(last_space + 1);

    bool blank_line_found = false;
    std::size_t last_line = 1;
    while (auto line = reader.next()) {
        last_line = line->number;
        if (line->text.empty() && line->terminated) {
            blank_line_found = true;
            break;
        }
        if (line->text.empty()) break;
        add_header_line(request.headers, *line, source);
    }
    if (!blank_line_found)
        fail(source, last_line, "no blank line ends the headers, so there is no body");
    if (!find_headers(request.headers, "transfer-encoding").empty())
        fail(source, find_headers(request.headers, "transfer-encoding").front()->line,
             "Transfer-Encoding is not supported: save the request with the decoded body and a "
             "Content-Length header");

    request.body_line = last_line + 1;
    const std::string_view rest = reader.rest();
    if (const auto length = content_length(request.headers, source)) {
        if (rest.size() < *length)
            fail(source, find_headers(request.headers, "content-length").front()->line,
                 "Content-Length says " + std::to_string(*length) + " bytes but the body has " +
                     std::to_string(rest.size()) + " (was the file cut short?)");
        request.body = rest.substr(0, *length);
        request.ignored_trailing_bytes = rest.size() - *length;
    } else {
        request.body = rest;
    }
    return request;
}

HeaderFields parse_header_lines(std::string_view text, std::string_view source) {
    LineReader reader(text);
    HeaderFields fields;
    while (auto line = reader.next()) {
        if (trim_white_space(line->text).empty()) continue;
        if (line->number == 1 && looks_like_request_line(line->text))
            fail(source, 1, "this is a request line: for a whole captured request use --request");
        add_header_line(fields, *line, source);
    }
    return fields;
}

bool is_hop_by_hop_header(std::string_view name) {
    for (const std::string_view hop :
         {"Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Expect", "TE",
          "Trailer", "Upgrade", "Proxy-Connection", "Proxy-Authorization"})
        if (equals_ignoring_case(name, hop)) return true;
    return false;
}

bool starts_like_http_request(std::string_view bytes) {
    const std::string_view line = bytes.substr(0, std::min(bytes.find('\n'), bytes.size()));
    const auto space = line.find(' ');
    if (space == 0 || space == std::string_view::npos) return false;
    for (std::size_t i = 0; i < space; ++i)
        if (line[i] < 'A' || line[i] > 'Z') return false;
    const auto version = line.rfind(" HTTP/1.");
    return version != std::string_view::npos && version > space;
}

std::string format_http_request(const HttpRequest& request) {
    std::string text;
    text.reserve(request.body.size() + 512);
    text += request.method + " " + request.target + " " +
            (request.version.empty() ? std::string("HTTP/1.1") : request.version) + "\r\n";
    const std::string length = std::to_string(request.body.size());
    bool length_written = false;
    for (const auto& field : request.headers) {
        if (equals_ignoring_case(field.name, "Transfer-Encoding")) continue;
        const bool is_length = equals_ignoring_case(field.name, "Content-Length");
        if (is_length && length_written) continue;
        text += field.name + ": " + (is_length ? length : field.value) + "\r\n";
        length_written = length_written || is_length;
    }
    if (!length_written) text += "Content-Length: " + length + "\r\n";
    text += "\r\n";
    text += request.body;
    return text;
}

} // namespace atshook
