#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace atshook {

// One header line: name as written (compare it case-insensitively), value without the
// surrounding spaces and tabs, and its 1-based line in the source for messages.
struct HeaderField {
    std::string name;
    std::string value;
    std::size_t line = 0;
};
using HeaderFields = std::vector<HeaderField>;

// A captured HTTP/1.x request: the body is the exact bytes received, never re-encoded.
struct HttpRequest {
    std::string method;
    std::string target;
    std::string version;
    HeaderFields headers;
    std::string body;
    // Bytes after the Content-Length bytes (an editor's final newline, say): not part of the body.
    std::size_t ignored_trailing_bytes = 0;
    // The line of the source the body starts on (the one after the blank line), so that a
    // finding in the body can name its line in the request file.
    std::size_t body_line = 0;
};

// Parses a request line, header lines ending in CRLF or LF, a blank line and the body. When
// Content-Length is present the body is exactly that many bytes. Throws atshook::Error
// "<source>:<line>: <what is wrong>" for anything else (folded or nameless header lines, no
// blank line, a body shorter than Content-Length, Transfer-Encoding, more than
// limits::k_header_lines header lines or one longer than limits::k_header_line_bytes).
HttpRequest parse_http_request(std::string_view bytes, std::string_view source);

// Whether `bytes` begins with an HTTP/1.x request line ("POST /path HTTP/1.1"): a request file
// rather than a JSON payload.
bool starts_like_http_request(std::string_view bytes);

// The request file for `request`, which parse_http_request reads back to the same method,
// target, headers and body: the request line (HTTP/1.1 when the version is empty), the header
// lines in order with CRLF ends, Content-Length set to the body's size (in place when present,
// else last), Transfer-Encoding left out (the body is stored decoded), a blank line and the
// body byte for byte.
std::string format_http_request(const HttpRequest& request);

// Parses a file of `Name: value` lines (CRLF or LF; blank lines ignored), as `sign` writes them,
// with the same limits.
HeaderFields parse_header_lines(std::string_view text, std::string_view source);

bool equals_ignoring_case(std::string_view a, std::string_view b);

// Headers that describe one hop of a request, not the delivery it carries (Host,
// Content-Length, Transfer-Encoding, Connection, Expect, ...): whoever sends it on sets its own.
bool is_hop_by_hop_header(std::string_view name);

// Every field named `name` (case-insensitive), in order.
std::vector<const HeaderField*> find_headers(const HeaderFields& fields, std::string_view name);

} // namespace atshook
