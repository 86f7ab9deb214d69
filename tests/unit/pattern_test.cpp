#include "atshook/error.hpp"
#include "atshook/schema/pattern.hpp"

#include <doctest/doctest.h>

using atshook::schema::Pattern;

TEST_CASE("id patterns are matched by the fast path") {
    const Pattern id("^int_[A-Za-z0-9]+$");
    CHECK(id.is_fast());
    CHECK(id.matches("int_1a2b3c"));
    CHECK(id.matches("int_X"));
    CHECK_FALSE(id.matches("int_"));
    CHECK_FALSE(id.matches("int_1a-2"));
    CHECK_FALSE(id.matches("can_1a2b3c"));
    CHECK_FALSE(id.matches(" int_1a2b3c"));
    CHECK_FALSE(id.matches("int_1a2b3c\n"));
}

TEST_CASE("the fast path agrees with std::regex on the id shape") {
    const Pattern fast("^wbhk_evt_[A-Za-z0-9]+$");
    const std::regex slow("^wbhk_evt_[A-Za-z0-9]+$");
    for (const char* text : {"wbhk_evt_1", "wbhk_evt_", "wbhk_evt_a_b", "wbhk_1", "wbhk_evt_Zz09",
                             "xwbhk_evt_1", "wbhk_evt_\xc3\xa9"})
        CHECK_MESSAGE(fast.matches(text) == std::regex_search(text, slow), text);
}

TEST_CASE("other patterns fall back to an ECMAScript regex, searched not anchored") {
    const Pattern other("a+b");
    CHECK_FALSE(other.is_fast());
    CHECK(other.matches("xxaab"));
    CHECK_FALSE(other.matches("xxb"));
    CHECK_FALSE(Pattern("^[^a]+$").is_fast());
}

TEST_CASE("a pattern that does not compile is refused with its text") {
    try {
        Pattern bad("^(unclosed");
        FAIL("no error");
    } catch (const atshook::Error& e) {
        CHECK(std::string(e.what()).find("^(unclosed") != std::string::npos);
    }
}
