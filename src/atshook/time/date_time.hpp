#pragma once
#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

// Date-times as HireHive writes them: RFC 3339 with 0 to 7 (or more) fractional digits, as
// .NET's "o" format produces, usually with a `Z` suffix.
namespace atshook::time {

// 100 ns, .NET's tick and the precision of HireHive's 7 fractional digits; an int64 of them
// spans the years 0001-9999 that RFC 3339 can write (nanoseconds would wrap after 2262).
using Ticks = std::chrono::duration<std::int64_t, std::ratio<1, 10'000'000>>;
using Instant = date::sys_time<Ticks>;
using WallTime = date::local_time<Ticks>;

struct DateTime {
    WallTime wall; // the date and clock time as written
    // The UTC offset as written (`Z` is zero). Absent when the text has none, as .NET writes a
    // DateTime of unspecified kind; the reader then decides which zone the wall time is in.
    std::optional<std::chrono::minutes> offset;
    bool space_separator = false; // "2024-01-24 14:59:34": accepted for reading, not RFC 3339
};

// Reads `YYYY-MM-DD(T|t| )hh:mm:ss[.fraction][Z|z|±hh:mm]`. Digits beyond the seventh are
// dropped; second 60 (a leap second) reads as the next minute's 00. Returns nullopt for
// anything else, including out-of-range fields. The one date-time parser of ats-hook.
std::optional<DateTime> parse_date_time(std::string_view text);

// Exactly RFC 3339's `date-time` (JSON Schema's format): a `T` and an offset are required.
bool is_rfc3339(std::string_view text);

// The moment an RFC 3339 date-time names; nullopt when `text` is not one.
std::optional<Instant> parse_rfc3339(std::string_view text);

// The moment a date-time names when it carries an offset.
std::optional<Instant> instant_of(const DateTime& value);

} // namespace atshook::time
