#pragma once
// A signed delivery written out for people and tools: as an HTTP request file (what
// `verify --request` reads), as a shell command, or as JSON.
#include "atshook/delivery/http_client.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::delivery {

struct UrlParts {
    std::string host;   // "localhost:8080"
    std::string target; // "/webhooks/hirehive?x=1"
};

// Throws atshook::Error (usage) naming `option` when `url` is not absolute ("scheme://host...").
UrlParts split_url(std::string_view url, std::string_view option);

// "POST <target> HTTP/1.1", Host, Content-Length, then `headers`, CRLF line ends, a blank
// line, and the body byte for byte (no newline added).
std::string http_request_text(std::string_view url, const std::vector<Header>& headers,
                              std::string_view body);

// Single quotes for a POSIX shell: nothing inside is expanded.
std::string shell_quote(std::string_view text);

// printf '%s' '<body>' | curl --request POST '<url>' --header ... --data-binary @-
// One line a delivery (so several deliveries make a script); printf '%s' and --data-binary
// pass the bytes through unchanged, so the signature still matches.
std::string curl_command(std::string_view url, const std::vector<Header>& headers,
                         std::string_view body);

// curl --request POST '<url>' with one --header line each and --data-binary @FILE ("-" is
// stdin), split over lines for people to read; the file's bytes go out unchanged.
std::string curl_command_for_file(std::string_view url, const std::vector<Header>& headers,
                                  std::string_view body_file);

// {"headers": {"webhook-id": ..., ...}, "body": "<the exact bytes>"}: the headers but
// Content-Type, in their order, and the body as a JSON string when given (sign leaves it out).
// `indent` -1 writes one line.
std::string delivery_json(const std::vector<Header>& headers, std::optional<std::string_view> body,
                          int indent);

} // namespace atshook::delivery
