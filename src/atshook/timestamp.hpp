#pragma once
#include "atshook/time/date_time.hpp"

#include <chrono>
#include <cstdint>
#include <ratio>
#include <string>
#include <string_view>

namespace atshook {

// HireHive is a .NET service: its timestamps have up to 7 fractional digits, i.e. 100 ns ticks,
// the unit of time::Instant.
using time::Instant;
using time::Ticks;

// RFC 3339 in UTC with a `Z`: "2024-01-24T14:59:34Z" (0 digits) or "...34.5220878Z" (7); with
// k_shortest_fraction, the fraction without trailing zeros, and none when it is zero. The one
// writer of date-times in ats-hook.
constexpr int k_shortest_fraction = -1;
std::string format_rfc3339(Instant instant, int fraction_digits);

// Reads what signature::parse_moment reads (Unix seconds such as "1706108374" or "-5", or RFC
// 3339 such as "2024-01-24T14:59:34.52Z" with any offset), keeping the fraction. Throws
// atshook::Error (usage) naming `what` (e.g. "--at") when the text is neither, or is a time
// before the year 1 or after 9999.
Instant parse_instant(std::string_view text, std::string_view what);

} // namespace atshook
