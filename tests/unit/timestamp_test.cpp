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

TEST_CASE("a time that is neither is a usage error naming the option") {
    for (const char* text : {"", "yesterday", "2024-02-30T00:00:00Z", "2024-01-24T14:59:34",
                             "2024-01-24T14:59:34.Z", "99999999999999999999"}) {
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
