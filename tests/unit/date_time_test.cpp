#include "atshook/time/date_time.hpp"

#include <doctest/doctest.h>

// JSON Schema's `date-time` format, as the validator checks it.
const auto is_date_time = [](std::string_view text) { return atshook::time::is_rfc3339(text); };

TEST_CASE("date-time accepts HireHive's timestamps with 0 to 7 fractional digits") {
    CHECK(is_date_time("2023-11-07T05:31:56Z"));
    CHECK(is_date_time("2024-01-24T14:59:34.5Z"));
    CHECK(is_date_time("2024-01-24T14:59:34.522Z"));
    CHECK(is_date_time("2024-01-24T14:59:34.5220878Z"));
    CHECK(is_date_time("2024-01-24T14:59:34.522087812345Z"));
}

TEST_CASE("date-time accepts numeric offsets and lower-case t and z") {
    CHECK(is_date_time("2024-01-24T14:59:34+01:00"));
    CHECK(is_date_time("2024-01-24T14:59:34.1-08:00"));
    CHECK(is_date_time("2024-01-24t14:59:34z"));
}

TEST_CASE("date-time knows days per month and leap years") {
    CHECK(is_date_time("2024-02-29T00:00:00Z"));
    CHECK_FALSE(is_date_time("2023-02-29T00:00:00Z"));
    CHECK(is_date_time("2000-02-29T00:00:00Z"));
    CHECK_FALSE(is_date_time("1900-02-29T00:00:00Z"));
    CHECK_FALSE(is_date_time("2024-02-30T10:00:00Z"));
    CHECK_FALSE(is_date_time("2024-04-31T10:00:00Z"));
    CHECK_FALSE(is_date_time("2024-13-01T10:00:00Z"));
    CHECK_FALSE(is_date_time("2024-00-01T10:00:00Z"));
}

TEST_CASE("date-time rejects what RFC 3339 does not allow") {
    CHECK_FALSE(is_date_time("2024-01-24T14:59:34"));       // no offset
    CHECK_FALSE(is_date_time("2024-01-24 14:59:34Z"));      // space for T
    CHECK_FALSE(is_date_time("2024-01-24T14:59:34.Z"));     // empty fraction
    CHECK_FALSE(is_date_time("2024-01-24T24:00:00Z"));      // hour 24
    CHECK_FALSE(is_date_time("2024-01-24T14:60:00Z"));      // minute 60
    CHECK_FALSE(is_date_time("2024-01-24T14:59:34+24:00")); // offset hour 24
    CHECK_FALSE(is_date_time("2024-01-24T14:59:34+0100"));  // offset without colon
    CHECK_FALSE(is_date_time("2024-01-24T14:59:34Zjunk"));
    CHECK_FALSE(is_date_time("2024-1-24T14:59:34Z"));
    CHECK_FALSE(is_date_time(""));
    CHECK(is_date_time("1998-12-31T23:59:60Z")); // a leap second
    CHECK_FALSE(
        is_date_time("2024-01-24 14:59:34Z")); // space for T: readable by show, not RFC 3339
}

TEST_CASE("date-time accepts second 60 only as a leap second, at 23:59:60 UTC") {
    CHECK(is_date_time("1998-12-31T23:59:60Z"));
    CHECK(is_date_time("1998-12-31T23:59:60.5Z"));
    CHECK(is_date_time("1998-12-31T15:59:60.123-08:00")); // 23:59:60 UTC
    CHECK(is_date_time("1999-01-01T00:59:60+01:00"));     // 23:59:60 UTC the day before
    CHECK(is_date_time("2017-01-01T05:29:60+05:30"));
    CHECK_FALSE(is_date_time("1998-12-31T23:58:60Z")); // wrong minute
    CHECK_FALSE(is_date_time("1998-12-31T22:59:60Z")); // wrong hour
    CHECK_FALSE(is_date_time("2024-03-05T10:20:60Z"));
    CHECK_FALSE(is_date_time("1998-12-31T23:59:60+01:00")); // 22:59:60 UTC
    CHECK_FALSE(is_date_time("1998-12-31T23:59:61Z"));
}
