#include "atshook/time/date_time.hpp"

#include "atshook/timestamp.hpp"
#include <doctest/doctest.h>

using atshook::time::instant_of;
using atshook::time::parse_date_time;
using atshook::time::parse_rfc3339;

namespace {
std::string utc(atshook::Instant instant) {
    return atshook::format_rfc3339(instant, atshook::k_shortest_fraction);
}
} // namespace

TEST_CASE("date-times with 0 to 7 fractional digits name the same second") {
    const auto whole = parse_date_time("2024-01-24T14:59:34Z");
    REQUIRE(whole);
    for (const char* text :
         {"2024-01-24T14:59:34.5Z", "2024-01-24T14:59:34.52Z", "2024-01-24T14:59:34.5220878Z"}) {
        CAPTURE(text);
        const auto value = parse_date_time(text);
        REQUIRE(value);
        const auto difference = *instant_of(*value) - *instant_of(*whole);
        CHECK(difference > std::chrono::milliseconds{499});
        CHECK(difference < std::chrono::milliseconds{530});
    }
}

TEST_CASE(".NET's 7-digit fraction keeps its 100 ns ticks") {
    const auto value = parse_date_time("2024-01-24T14:59:34.5220878Z");
    REQUIRE(value);
    CHECK(utc(*instant_of(*value)) == "2024-01-24T14:59:34.5220878Z");
}

TEST_CASE("digits beyond .NET's 7 (100 ns ticks) are accepted and dropped") {
    const auto value = parse_date_time("2024-01-24T14:59:34.123456789123Z");
    REQUIRE(value);
    CHECK(utc(*instant_of(*value)) == "2024-01-24T14:59:34.1234567Z");
}

TEST_CASE("dates far from now keep their year (no wrap after 2262)") {
    CHECK(utc(*parse_rfc3339("9999-12-31T23:59:59.9999999Z")) == "9999-12-31T23:59:59.9999999Z");
    CHECK(utc(*parse_rfc3339("2300-01-01T00:00:00Z")) == "2300-01-01T00:00:00Z");
    CHECK(utc(*parse_rfc3339("0001-01-01T00:00:00Z")) == "0001-01-01T00:00:00Z");
}

TEST_CASE("an offset moves the instant to UTC") {
    const auto value = parse_date_time("2024-03-31T02:30:00+01:00");
    REQUIRE(value);
    CHECK(utc(*instant_of(*value)) == "2024-03-31T01:30:00Z");
    const auto west = parse_date_time("2024-03-10T01:30:00-05:00");
    REQUIRE(west);
    CHECK(utc(*instant_of(*west)) == "2024-03-10T06:30:00Z");
}

TEST_CASE("a date-time without an offset has a wall time but no instant of its own") {
    const auto value = parse_date_time("2024-03-31T02:30:00.1234567");
    REQUIRE(value);
    CHECK_FALSE(value->offset);
    CHECK_FALSE(instant_of(*value));
}

TEST_CASE("texts that are not RFC 3339 date-times are refused") {
    for (const char* text :
         {"", "<string>", "2024-01-24", "2024-01-24T14:59", "2024-13-01T00:00:00Z",
          "2024-02-30T00:00:00Z", "2024-01-24T24:00:00Z", "2024-01-24T14:59:34.Z",
          "2024-01-24T14:59:34Zjunk", "2024-01-24T14:59:34+0100", "24-01-24T14:59:34Z"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_date_time(text));
    }
}

TEST_CASE("a lowercase t and z or a space separator are read as RFC 3339 allows") {
    CHECK(parse_date_time("2024-01-24t14:59:34z"));
    CHECK(parse_date_time("2024-01-24 14:59:34Z"));
}
