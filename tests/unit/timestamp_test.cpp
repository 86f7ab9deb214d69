#include "atshook/error.hpp"
#include "atshook/timestamp.hpp"

#include <doctest/doctest.h>

using atshook::format_rfc3339;
using atshook::parse_instant;

TEST_CASE("times are written in UTC with 0 or 7 fractional digits") {
    const auto instant = parse_instant("2024-01-24T14:59:34.5220878Z", "t");
    CHECK(format_rfc3339(instant, 7) == "2024-01-24T14:59:34.5220878Z");
    CHECK(format_rfc3339(instant, 0) == "2024-01-24T14:59:34Z");
    CHECK(format_rfc3339(instant, 3) == "2024-01-24T14:59:34.522Z");
}

TEST_CASE("--at takes Unix seconds or RFC 3339 with any offset") {
    CHECK(format_rfc3339(parse_instant("1706108374", "t"), 0) == "2024-01-24T14:59:34Z");
    CHECK(format_rfc3339(parse_instant("2024-01-24T16:59:34+02:00", "t"), 0) ==
          "2024-01-24T14:59:34Z");
    CHECK(format_rfc3339(parse_instant("2024-01-24t09:59:34.5-05:00", "t"), 1) ==
          "2024-01-24T14:59:34.5Z");
    CHECK(format_rfc3339(parse_instant("2024-01-24T14:59:34.123456789Z", "t"), 7) ==
          "2024-01-24T14:59:34.1234567Z");
}

TEST_CASE("--at reads every time --timestamp and --now read, negative seconds included") {
    CHECK(format_rfc3339(parse_instant("-5", "t"), 0) == "1969-12-31T23:59:55Z");
    CHECK(format_rfc3339(parse_instant("+60", "t"), 0) == "1970-01-01T00:01:00Z");
    CHECK(format_rfc3339(parse_instant("-62135596800", "t"), 0) == "0001-01-01T00:00:00Z");
    CHECK(format_rfc3339(parse_instant("253402300799", "t"), 0) == "9999-12-31T23:59:59Z");
}

TEST_CASE("a time that is neither is a usage error naming the option") {
    for (const char* text :
         {"", "yesterday", "2024-02-30T00:00:00Z", "2024-01-24T14:59:34", "2024-01-24T14:59:34.Z",
          "99999999999999999999", "253402300800", "-62135596801", "1.5", "--5",
          "0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00"}) {
        INFO(text);
        try {
            parse_instant(text, "--at");
            FAIL("accepted");
        } catch (const atshook::Error& e) {
            CHECK(e.kind() == atshook::Error::Kind::usage);
            CHECK(std::string(e.what()).starts_with("--at: "));
        }
    }
}
