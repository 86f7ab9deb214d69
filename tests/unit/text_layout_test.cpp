#include "atshook/render/text/layout.hpp"

#include <doctest/doctest.h>

using namespace atshook::render;

namespace {

std::string plain(const Rich& rich) {
    return paint(rich, false);
}

} // namespace

TEST_CASE("display width counts wide characters twice and combining marks not at all") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("María") == 5);
    CHECK(display_width("Mari\u0301a") == 5); // i + combining acute
    CHECK(display_width("张伟") == 4);
    CHECK(display_width("✓ ○ ✗") == 5);
}

TEST_CASE("wrap breaks at spaces, keeps every word and never exceeds the width") {
    const Rich text{{"the quick brown fox jumps over the lazy dog"}};
    const auto lines = wrap(text, 10);
    REQUIRE(lines.size() == 5);
    CHECK(plain(lines[0]) == "the quick");
    CHECK(plain(lines[1]) == "brown fox");
    CHECK(plain(lines[4]) == "dog");
    for (const auto& line : lines) CHECK(display_width(line) <= 10);
}

TEST_CASE("a word longer than the line is split, not cut") {
    const auto lines = wrap({{"https://example.com/abcdefghij"}}, 12);
    std::string joined;
    for (const auto& line : lines) {
        CHECK(display_width(line) <= 12);
        joined += plain(line);
    }
    CHECK(joined == "https://example.com/abcdefghij");
}

TEST_CASE("newlines are hard breaks and wide characters are never split in half") {
    const auto lines = wrap({{"one\ntwo"}}, 40);
    REQUIRE(lines.size() == 2);
    CHECK(plain(lines[1]) == "two");
    for (const auto& line : wrap({{"张伟张伟张伟"}}, 5)) CHECK(display_width(line) <= 5);
}

TEST_CASE("glued words stay on one line and print with a plain space") {
    const Rich text{{"aaaa "}, {std::string("application") + std::string(k_glue) + "app_1"}};
    const auto lines = wrap(text, 20);
    REQUIRE(lines.size() == 2); // unglued, "aaaa application" would fill the first line
    CHECK(plain(lines[0]) == "aaaa");
    CHECK(plain(lines[1]) == "application app_1");
}

TEST_CASE("control characters from payloads are neutralised before printing") {
    CHECK(clean_text("a\x1b[31mb", false) == "a\uFFFD[31mb");
    CHECK(clean_text("a\x1b[31mb", true) == "a?[31mb");
    CHECK(clean_text("tab\there\r\n", false) == "tab here\n");
    CHECK(clean_text("x\u202ey", false) == "x\uFFFDy");
    CHECK(clean_text("\xc2\x9b", false) == "\uFFFD"); // C1 CSI
}

TEST_CASE("colour wraps each styled run in one escape sequence") {
    const Rich rich{{"Ann Lee", Tone::strong}, {" "}, {"usr_1", Tone::code}};
    CHECK(paint(rich, true) == "\x1b[1mAnn Lee\x1b[0m \x1b[2musr_1\x1b[0m");
    CHECK(paint(rich, false) == "Ann Lee usr_1");
}
