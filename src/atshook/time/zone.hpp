#pragma once
#include "atshook/time/date_time.hpp"

#include <date/tz.h>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Time zones as payloads name them: IANA names through the system tz database, Windows names
// (HireHive runs on .NET) through the CLDR windowsZones table, Windows display names through
// Windows' own list to those, and anything else as UTC.
namespace atshook::time {

struct Zone {
    enum class Source {
        iana,    // the name is in the tz database
        windows, // a Windows zone name (standard or display name), mapped to IANA
        missing, // no name was given: UTC
        unknown, // a name neither table knows: UTC
    };
    Source source = Source::missing;
    std::string given; // the name as written ("" when missing)
    // The zone used. Null means plain UTC (missing or unknown names, or no tz database).
    const date::time_zone* tz = nullptr;

    std::string name() const; // IANA name in use, "UTC" for the fallback
    bool is_fallback() const { return source == Source::missing || source == Source::unknown; }
};

// Never throws: a name that cannot be resolved gives a UTC zone with source `unknown`.
Zone resolve_zone(std::string_view given);

// A UTC zone that needs no tz database, for defaults.
Zone utc_zone();

// Every IANA name the system tz database knows (zones and links, such as "Europe/Berlin" and
// "US/Eastern"), sorted: names resolve_zone accepts. Empty without a tz database.
std::vector<std::string> zone_names();

struct WindowsZone {
    std::string_view windows; // "GMT Standard Time"
    std::string_view iana;    // "Europe/London" (CLDR territory 001, current IANA spelling)
};

// The CLDR windowsZones table, territory "001" (the zone's main city).
std::span<const WindowsZone> windows_zones();

struct WindowsDisplayName {
    std::string_view places;  // "Chennai, Kolkata, Mumbai, New Delhi"
    std::string_view windows; // "India Standard Time", a name of windows_zones()
};

// Windows' list of zones as people pick them, each display name without its offset, such as
// "(UTC+05:30) ", in Windows' order. A few places appear twice, in an earlier spelling too.
std::span<const WindowsDisplayName> windows_display_names();

// The Windows standard name for a display name such as "(UTC+05:30) Chennai, Kolkata, Mumbai,
// New Delhi" or the older "(GMT+05:30) ...": the places must match exactly; the offset, which
// changes with a zone's rules across Windows versions, is not compared, nor the case of its
// "UTC" or "GMT", nor white space around the name.
std::optional<std::string_view> windows_display_name_to_standard(std::string_view display_name);

// The IANA name for a Windows zone name: a standard name ("India Standard Time", compared
// without regard to case) or a display name (as windows_display_name_to_standard reads it).
std::optional<std::string_view> windows_zone_to_iana(std::string_view windows_name);

// A moment as a clock in a zone shows it.
struct ZonedReading {
    WallTime wall;
    std::string abbreviation; // "GMT", "IST", or a numeric one such as "+0530" for some zones
    std::chrono::seconds offset;
};
ZonedReading read_in_zone(Instant instant, const Zone& zone);

// The moment a date-time names: its own offset when it has one, otherwise its wall time read in
// `zone` (the earlier moment when the clock time happens twice, shifted past a skipped hour).
Instant instant_in_zone(const DateTime& value, const Zone& zone);

// "UTC+05:30", "UTC-05:00", "UTC+00:00".
std::string format_offset(std::chrono::seconds offset);

} // namespace atshook::time
