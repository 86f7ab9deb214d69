#pragma once
#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

// Date-times as HireHive writes them: RFC 3339 with 0 to 7 (or more) fractional digits, as
// .NET's "o" format produces, usually with a `Z` suffix.
namespace atshook::time {

using Nanos = std::chrono::nanoseconds;
using Instant = date::sys_time<Nanos>;
using WallTime = date::local_time<Nanos>;

struct DateTime {
    WallTime wall; // the date and clock time as written
    // The UTC offset as written (`Z` is zero). Absent when the text has none, as .NET writes a
    // DateTime of unspecified kind; the reader then decides which zone the wall time is in.
    std::optional<std::chrono::minutes> offset;
};

// Reads `YYYY-MM-DD(T|t| )hh:mm:ss[.fraction][Z|z|±hh:mm]`. Digits beyond nanoseconds are
// dropped. Returns nullopt for anything else, including out-of-range fields.
std::optional<DateTime> parse_date_time(std::string_view text);

// The moment a date-time names when it carries an offset.
std::optional<Instant> instant_of(const DateTime& value);

// `2023-11-07T05:31:56Z`, with the fraction (trailing zeros trimmed) only when it is not zero.
std::string format_utc(Instant instant);

} // namespace atshook::time
