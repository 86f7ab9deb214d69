#include "atshook/printable.hpp"

#include <doctest/doctest.h>

using atshook::printable;
using atshook::printable_lines;

TEST_CASE("printable keeps text and non-ASCII letters as they are") {
    CHECK(printable("/data/object/title: \"Café\" 日本") == "/data/object/title: \"Café\" 日本");
    CHECK(printable("") == "");
}

TEST_CASE("printable escapes C0, DEL and C1 controls, so no escape sequence can start") {
    CHECK(printable("a\x1b[2Jb") == "a\\x1b[2Jb");
    CHECK(printable("bell\x07 del\x7f nul" + std::string(1, '\0')) ==
          "bell\\x07 del\\x7f nul\\x00");
    CHECK(printable("line\nnext\r\ttab") == "line\\nnext\\r\\ttab");
    CHECK(printable("\xc2\x9b"
                    "31m") == "\\u{009b}31m"); // C1 CSI encoded as UTF-8
}

TEST_CASE("printable escapes bytes that are not UTF-8, a lone 0x9b CSI among them") {
    CHECK(printable("\x9b"
                    "31m") == "\\x9b31m");
    CHECK(printable("caf\xe9") == "caf\\xe9");
    CHECK(printable("\xe2\x82") == "\\xe2\\x82"); // a sequence cut short
}

TEST_CASE("printable escapes bidirectional overrides that would reorder the line") {
    CHECK(printable("user\xe2\x80\xae"
                    "gpj.exe") == "user\\u{202e}gpj.exe");
    CHECK(printable("\xe2\x81\xa6x\xe2\x81\xa9") == "\\u{2066}x\\u{2069}");
}

TEST_CASE("printable_lines keeps the newlines and escapes within each line") {
    CHECK(printable_lines("one\x1b\ntwo\n") == "one\\x1b\ntwo\n");
    CHECK(printable_lines("no newline") == "no newline");
}
