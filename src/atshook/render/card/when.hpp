#pragma once
// Inside the render module: dates, clock times, durations and ranges as cards show them.
#include "atshook/render/card/card.hpp"

#include <optional>
#include <string>

namespace atshook::render {

std::string format_day(time::WallTime wall);       // "Thu 1 Feb 2024"
std::string format_clock(time::WallTime wall);     // "14:00", "14:00:30" when seconds are set
std::string format_duration(time::Ticks duration); // "1 h 30 min", "45 min", "2 d 1 h"
// "GMT (UTC+00:00)"; just "UTC+05:30" when the zone has no letters for it; "UTC" for UTC.
std::string zone_label(const time::ZonedReading& reading);

// A start-end range as a clock in `zone` shows it, e.g. "Thu 1 Feb 2024 14:00–15:00 GMT
// (UTC+00:00) · 1 h"; each end may be missing. The duration is the real elapsed time, so an
// interview across a DST change shows both abbreviations and its true length.
Rich format_range(std::optional<time::Instant> start, std::optional<time::Instant> end,
                  const time::Zone& zone, const Glyphs& glyphs);

} // namespace atshook::render
