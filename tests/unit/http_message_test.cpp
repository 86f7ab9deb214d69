#include "atshook/error.hpp"
#include "atshook/http_message.hpp"

#include <doctest/doctest.h>

#include <string>

using atshook::parse_header_lines;
using atshook::parse_http_request;

namespace {
std::string error_of(std::string_view text) {
    try {
        parse_http_request(text, "req.http");
    } catch (const atshook::Error& e) {
        return e.what();
    }
    return "";
}
} // namespace

TEST_CASE("a captured request with CRLF header lines yields its headers and exact body") {
    const std::string text = "POST /hooks/hirehive HTTP/1.1\r\n"
                             "Host: example.test\r\n"
                             "Webhook-Id:  msg_1 \r\n"
                             "content-length: 9\r\n"
                             "\r\n"
                             "{\"a\":1}\r\n";
    const auto request = parse_http_request(text, "req.http");
    CHECK(request.method == "POST");
    CHECK(request.target == "/hooks/hirehive");
    CHECK(request.version == "HTTP/1.1");
    REQUIRE(request.headers.size() == 3);
    CHECK(request.headers[1].name == "Webhook-Id");
    CHECK(request.headers[1].value == "msg_1");
    CHECK(request.headers[1].line == 3);
    CHECK(request.body == "{\"a\":1}\r\n");
    CHECK(request.ignored_trailing_bytes == 0);
    CHECK(request.body_line == 6); // after the request line, three headers and the blank line
}

TEST_CASE("a captured request may use LF header lines and keeps a CRLF body byte for byte") {
    const std::string text = "POST / HTTP/1.1\nwebhook-id: msg_1\n\nline1\r\nline2\r\n";
    const auto request = parse_http_request(text, "req.http");
    CHECK(request.body == "line1\r\nline2\r\n");
    CHECK(request.body_line == 4);
}

TEST_CASE("Content-Length decides where the body ends") {
    SUBCASE("bytes after it, such as an editor's final newline, are not body") {
        const auto request =
            parse_http_request("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}\n", "req.http");
        CHECK(request.body == "{}");
        CHECK(request.ignored_trailing_bytes == 1);
    }
    SUBCASE("a body shorter than it is an error naming the header line") {
        CHECK(error_of("POST / HTTP/1.1\r\nA: b\r\nContent-Length: 10\r\n\r\n{}") ==
              "req.http:3: Content-Length says 10 bytes but the body has 2 (was the file cut "
              "short?)");
    }
    SUBCASE("a value that is not a number is an error") {
        CHECK(error_of("POST / HTTP/1.1\nContent-Length: ten\n\n").starts_with("req.http:2: "));
    }
    SUBCASE("without it the body is the rest of the file, empty included") {
        CHECK(parse_http_request("POST / HTTP/1.1\r\nA: b\r\n\r\n", "r").body.empty());
    }
}

TEST_CASE("a malformed request file is an error naming the line") {
    CHECK(error_of("") == "req.http: the request file is empty");
    CHECK(error_of("webhook-id: msg_1\n\n{}").starts_with("req.http:1: expected a request line"));
    CHECK(error_of("POST / HTTP/1.1\nno colon here\n\n") ==
          "req.http:2: expected 'Name: value', found no ':'");
    CHECK(error_of("POST / HTTP/1.1\nA: b\n folded\n\n")
              .starts_with("req.http:3: header line "
                           "starts with white space"));
    CHECK(error_of("POST / HTTP/1.1\nbad name: x\n\n").starts_with("req.http:2: header name"));
    CHECK(error_of("POST / HTTP/1.1\n: x\n\n") == "req.http:2: header line has no name before ':'");
    CHECK(error_of("POST / HTTP/1.1\r\nA: b\r\n") ==
          "req.http:2: no blank line ends the headers, so there is no body");
    CHECK(error_of("POST / HTTP/1.1\nTransfer-Encoding: chunked\n\n0\r\n\r\n")
              .starts_with("req.http:2: Transfer-Encoding is not supported"));
}

TEST_CASE("a headers file holds Name: value lines with CRLF or LF and blank lines") {
    const auto fields =
        parse_header_lines("webhook-id: msg_1\r\n\nwebhook-timestamp:1614265330\n", "h.txt");
    REQUIRE(fields.size() == 2);
    CHECK(fields[0].value == "msg_1");
    CHECK(fields[1].name == "webhook-timestamp");
    CHECK(fields[1].value == "1614265330");
    CHECK(fields[1].line == 3);
}

TEST_CASE("a headers file that starts with a request line points to --request") {
    CHECK_THROWS_WITH_AS(parse_header_lines("POST / HTTP/1.1\nA: b\n", "h.txt"),
                         "h.txt:1: this is a request line: for a whole captured request use "
                         "--request",
                         atshook::Error);
}

TEST_CASE("header names are found case-insensitively") {
    const auto fields = parse_header_lines("WEBHOOK-ID: a\nwebhook-id: b\nother: c\n", "h");
    const auto found = atshook::find_headers(fields, "Webhook-Id");
    REQUIRE(found.size() == 2);
    CHECK(found[0]->value == "a");
    CHECK(found[1]->value == "b");
}
