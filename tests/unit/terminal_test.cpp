#include "atshook/render/terminal.hpp"

#include <doctest/doctest.h>

using namespace atshook::render;

TEST_CASE("colour by default only on a terminal whose TERM is not dumb") {
    CHECK(use_color(ColorChoice::automatic, {true, "xterm-256color", {}, {}}));
    CHECK_FALSE(use_color(ColorChoice::automatic, {false, "xterm-256color", {}, {}}));
    CHECK_FALSE(use_color(ColorChoice::automatic, {true, "dumb", {}, {}}));
}

TEST_CASE("NO_COLOR turns colour off and CLICOLOR_FORCE on, flags decide alone") {
    CHECK_FALSE(use_color(ColorChoice::automatic, {true, "xterm", "1", {}}));
    CHECK(use_color(ColorChoice::automatic, {true, "xterm", "", {}})); // empty NO_COLOR: unset
    CHECK(use_color(ColorChoice::automatic, {false, "dumb", {}, "1"}));
    CHECK_FALSE(use_color(ColorChoice::automatic, {false, "xterm", {}, "0"}));
    CHECK_FALSE(use_color(ColorChoice::automatic, {true, "xterm", "1", "1"}));
    CHECK(use_color(ColorChoice::always, {false, "dumb", "1", {}}));
    CHECK_FALSE(use_color(ColorChoice::never, {true, "xterm", {}, "1"}));
}

TEST_CASE("the locale is UTF-8 when the first set of LC_ALL, LC_CTYPE, LANG says so") {
    CHECK(locale_is_utf8("C.UTF-8", {}, {}));
    CHECK(locale_is_utf8({}, "en_IE.utf8", {}));
    CHECK(locale_is_utf8("", {}, "de_DE.UTF-8"));
    CHECK_FALSE(locale_is_utf8("C", {}, "en_US.UTF-8")); // LC_ALL wins
    CHECK_FALSE(locale_is_utf8({}, {}, {}));
    CHECK_FALSE(locale_is_utf8({}, {}, "POSIX"));
}

TEST_CASE("the width is the terminal's, else a positive COLUMNS, else 80") {
    CHECK(output_width(120, "60") == 120);
    CHECK(output_width({}, "60") == 60);
    CHECK(output_width({}, "-3") == 80);
    CHECK(output_width({}, "wide") == 80);
    CHECK(output_width({}, {}) == 80);
}
