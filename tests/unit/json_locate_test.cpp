// Expected offsets were worked out apart from locate_json_pointer: by searching each text's bytes
// for a unique excerpt, each checked with Python's json module (the slice parses to the value the
// pointer names), and by hand where Python cannot say (repeated names, broken texts).
#include "atshook/json_locate.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

using atshook::locate_json_pointer;
using atshook::TextSpan;

namespace {

constexpr std::string_view k_pretty = R"({
  "type": "interview.updated",
  "data": {
    "object": {
      "id": "int_1",
      "attendees": [
        {"name": "Ann", "status": "accepted"},
        {"name": "Bo", "status": "declined"}
      ]
    }
  }
}
)";

std::string with_crlf(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

struct Located {
    std::string_view pointer;
    TextSpan span;
};

// Each pointer's value lies at its span in `text`.
void check_located(std::string_view text, std::initializer_list<Located> expected) {
    for (const auto& located : expected) {
        CAPTURE(located.pointer);
        CHECK(locate_json_pointer(text, located.pointer) == located.span);
    }
}

// No pointer names a value in `text`.
void check_absent(std::string_view text, std::initializer_list<std::string_view> pointers) {
    for (const auto pointer : pointers) {
        CAPTURE(pointer);
        CHECK_FALSE(locate_json_pointer(text, pointer));
    }
}

} // namespace

TEST_CASE("locate_json_pointer finds the whole document for the empty pointer") {
    CHECK(locate_json_pointer(k_pretty, "") == TextSpan{0, 214});
    CHECK(locate_json_pointer("  {\"a\": 1}\n", "") == TextSpan{2, 10});
    CHECK(locate_json_pointer("\t42\r\n", "") == TextSpan{1, 3});
    CHECK(locate_json_pointer("\"text\"", "") == TextSpan{0, 6});
    CHECK(locate_json_pointer("null", "") == TextSpan{0, 4});
    CHECK_FALSE(locate_json_pointer("", ""));
    CHECK_FALSE(locate_json_pointer(" \n ", ""));
}

TEST_CASE("locate_json_pointer finds values in a pretty-printed payload") {
    check_located(k_pretty, {{"/type", {12, 31}},
                             {"/data/object/attendees/1/status", {183, 193}},
                             {"/data/object/attendees/0", {111, 148}},
                             {"/data/object/attendees", {101, 202}}});
}

TEST_CASE("locate_json_pointer finds values in compact one-line text") {
    constexpr std::string_view compact =
        R"({"type":"interview.updated","data":{"object":{"id":"int_1","attendees":[)"
        R"({"name":"Ann","status":"accepted"},{"name":"Bo","status":"declined"}]}}})";
    check_located(compact, {{"/data/object/attendees/1/status", {129, 139}},
                            {"/data/object/id", {51, 58}},
                            {"/data", {35, 143}}});
}

TEST_CASE("locate_json_pointer counts the CR of CRLF line ends as bytes") {
    const std::string crlf = with_crlf(k_pretty);
    check_located(crlf, {{"/data/object/attendees/1/status", {190, 200}},
                         {"/data/object/attendees/1", {165, 201}}});
}

TEST_CASE("locate_json_pointer gives byte offsets after multi-byte UTF-8") {
    constexpr std::string_view text =
        R"({"name": "Zoë 😀 Łukasz", "tags": ["日本", "ü"], "status": "ok"})";
    check_located(text, {{"/status", {66, 70}}, {"/tags/1", {49, 53}}});
}

TEST_CASE("locate_json_pointer matches member names by their decoded text") {
    constexpr std::string_view text =
        R"({"a\"b": 1, "c\\d": 2, "e\/f": 3, "line\nbreak": 4, "caf\u00e9": 5, "caf\u00C9": 6, )"
        R"("\ud83d\ude00": 7, "a/b": 8, "m~n": 9, "~1": 10, "": 11})";
    check_located(text, {{"/a\"b", {9, 10}},
                         {"/c\\d", {20, 21}},
                         {"/line\nbreak", {49, 50}},
                         {"/caf\xC3\xA9", {65, 66}},
                         {"/caf\xC3\x89", {81, 82}},
                         {"/\xF0\x9F\x98\x80", {100, 101}},
                         {"/", {137, 139}}});
    SUBCASE("pointer escapes: ~1 is '/', ~0 is '~', and ~01 is \"~1\", not \"/\"") {
        check_located(text, {{"/e~1f", {31, 32}},
                             {"/a~1b", {110, 111}},
                             {"/m~0n", {120, 121}},
                             {"/~01", {129, 131}}});
    }
    SUBCASE("an escape is not its raw text") {
        check_absent(text, {"/caf\\u00e9", "/e\\~1f", "/e\\/f"});
        CHECK_FALSE(locate_json_pointer(R"({"\ud83d": 1})", "/\xED\xA0\xBD"));
    }
}

TEST_CASE("locate_json_pointer steps through arrays and nested arrays") {
    constexpr std::string_view text = R"([[1, [2, 3]], [], [[[4]]], "x", -0.5e+10])";
    check_located(text, {{"/0/1/1", {9, 10}},
                         {"/2/0/0/0", {21, 22}},
                         {"/1", {14, 16}},
                         {"/2/0", {19, 24}},
                         {"/3", {27, 30}},
                         {"/4", {32, 40}}});
}

TEST_CASE("locate_json_pointer takes the first of repeated member names, as simdjson does") {
    CHECK(locate_json_pointer(R"({"a": 1, "a": 2})", "/a") == TextSpan{6, 7});
    constexpr std::string_view nested = R"({"a": {"b": 1}, "a": {"b": 2}})";
    check_located(nested, {{"/a", {6, 14}}, {"/a/b", {12, 13}}});
}

TEST_CASE("locate_json_pointer finds nothing where the document holds no such value") {
    constexpr std::string_view text = R"({"a": {"b": 1}, "c": [1]})";
    check_absent(text, {"/x", "/a/x", "/a/b/x", "/a/b/0", "/a/0", "/c/x", "/c/1"});
    CHECK_FALSE(locate_json_pointer("{}", "/a"));
    CHECK_FALSE(locate_json_pointer(R"("text")", "/0"));
}

TEST_CASE("locate_json_pointer finds nothing at an index past an array's end") {
    CHECK(locate_json_pointer("[10, 20]", "/1") == TextSpan{5, 7});
    check_absent("[10, 20]", {"/2", "/18446744073709551616", "/99999999999999999999999"});
    CHECK_FALSE(locate_json_pointer("[]", "/0"));
    CHECK_FALSE(locate_json_pointer("[ ]", "/0"));
}

TEST_CASE("locate_json_pointer refuses malformed pointers") {
    constexpr std::string_view text = R"({"a": [1, 2], "01": 3, "-": 4, "": 5, "~2": 6})";
    check_absent(text, {"a", "a/1", "/~2", "/~", "/a/~"});
    SUBCASE("array indices are decimal digits without a leading zero") {
        CHECK(locate_json_pointer(text, "/a/1") == TextSpan{10, 11});
        check_absent(text, {"/a/01", "/a/-", "/a/+1", "/a/", "/a/ 1", "/a/1 ", "/a/0x1"});
    }
    SUBCASE("the same tokens are fine as member names") {
        check_located(text, {{"/01", {20, 21}}, {"/-", {28, 29}}, {"/", {35, 36}}});
    }
}

TEST_CASE("locate_json_pointer finds nothing in text that stops being JSON on the way") {
    CHECK_FALSE(locate_json_pointer(R"({"a": [1, 2)", "/a"));
    CHECK_FALSE(locate_json_pointer(R"({"a": "unterminated)", "/a"));
    CHECK_FALSE(locate_json_pointer(R"({"a": tr)", "/a"));
    CHECK_FALSE(locate_json_pointer(R"({"a)", "/a"));
    CHECK_FALSE(locate_json_pointer(R"({"a": 1)", "/b"));
    CHECK_FALSE(locate_json_pointer(R"("\)", ""));
    CHECK_FALSE(locate_json_pointer(R"({"a": })", "/a"));
    CHECK_FALSE(locate_json_pointer(R"({"a" 1})", "/a"));
    CHECK_FALSE(locate_json_pointer(R"({"a": 1 "b": 2})", "/b"));
    CHECK_FALSE(locate_json_pointer(R"({"a": 1,})", "/b"));
    CHECK_FALSE(locate_json_pointer("[1 2]", "/1"));
    CHECK_FALSE(locate_json_pointer("[1,]", "/1"));
    CHECK_FALSE(locate_json_pointer(R"({"a": [1}, "b": 2})", "/b"));
    for (const char* scalar : {"[01]", "[truex]", "[nul]", "[-]", "[1.]", "[.5]", "[1e]", "[+1]"})
        CHECK_FALSE(locate_json_pointer(scalar, "/0"));
}

TEST_CASE("locate_json_pointer finds in a truncated text only the values it holds whole") {
    // Each prefix in a buffer of its own size, so that a sanitizer build sees any overread; the
    // bytes that would complete the text are not there to be read.
    constexpr std::string_view whole = R"({"a": [12, "t\"wo", {"b": null}], "c": true})";
    const std::vector<std::pair<std::string_view, TextSpan>> values = {
        {"", {0, 44}},      {"/a", {6, 32}},      {"/a/0", {7, 9}}, {"/a/1", {11, 18}},
        {"/a/2", {20, 31}}, {"/a/2/b", {26, 30}}, {"/c", {39, 43}}};
    for (const auto& [pointer, span] : values) CHECK(locate_json_pointer(whole, pointer) == span);
    for (std::size_t size = 0; size < whole.size(); ++size) {
        const std::vector<char> buffer(whole.begin(), whole.begin() + static_cast<long>(size));
        const std::string_view prefix(buffer.data(), buffer.size());
        CAPTURE(prefix);
        for (const auto& [pointer, span] : values) {
            const std::string_view where = pointer; // clang 14 cannot capture a binding
            CAPTURE(where);
            const auto found = locate_json_pointer(prefix, pointer);
            // "12" cut to "1" must not pass for a number, nor `true` before the closing brace.
            CHECK((found ? *found == span && span.end < size : true));
        }
    }
    CHECK_FALSE(locate_json_pointer(R"({"a": [1)", "/a/0"));
    CHECK(locate_json_pointer("12", "") == TextSpan{0, 2});
}

TEST_CASE("locate_json_pointer survives a million nested brackets") {
    const std::string open(1'000'000, '[');
    CHECK_FALSE(locate_json_pointer(open, ""));
    CHECK_FALSE(locate_json_pointer(open, "/0/0/0"));
    const std::string balanced = open + std::string(1'000'000, ']');
    CHECK(locate_json_pointer(balanced, "") == TextSpan{0, 2'000'000});
    std::string deep_pointer;
    for (int i = 0; i < 1000; ++i) deep_pointer += "/0";
    CHECK(locate_json_pointer(balanced, deep_pointer) == TextSpan{1000, 1'999'000});
    CHECK(locate_json_pointer(R"({"x": )" + balanced + R"(, "y": 2})", "/y") ==
          TextSpan{2'000'013, 2'000'014});
}

TEST_CASE("locate_json_pointer is not misled by brackets and escaped quotes in strings") {
    constexpr std::string_view text =
        R"({"skip": ["]", "}", "\"]", "\\", {"k": "{["}, "[{"], "a\"": {"want": 0}, "want": true})";
    check_located(text, {{"/want", {81, 85}}, {"/a\"/want", {69, 70}}});
}

TEST_CASE("locate_json_pointer skips a UTF-8 byte order mark") {
    constexpr std::string_view text = "\xEF\xBB\xBF{\"a\": 1}";
    check_located(text, {{"/a", {9, 10}}, {"", {3, 11}}});
}
