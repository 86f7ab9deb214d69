#include "atshook/time/zone.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace atshook::time {
namespace {

const date::time_zone* find_iana(std::string_view name) {
    if (name.empty()) return nullptr;
    try {
        return date::locate_zone(name);
    } catch (const std::runtime_error&) {
        // The name is not in the database, or there is no database: the caller falls back.
        return nullptr;
    }
}

} // namespace

std::string Zone::name() const {
    return tz ? std::string(tz->name()) : std::string("UTC");
}

Zone utc_zone() {
    return Zone{Zone::Source::iana, "UTC", nullptr};
}

std::vector<std::string> zone_names() {
    std::vector<std::string> names;
    try {
        for (const auto& zone : date::get_tzdb().zones) {
            // IANA names begin with a capital; the folder's "localtime" points at /etc.
            if (const auto name = zone.name();
                !name.empty() && std::isupper(static_cast<unsigned char>(name.front())))
                names.emplace_back(name);
        }
    } catch (const std::runtime_error&) {
        return {}; // no tz database: resolve_zone knows no IANA name either
    }
    std::sort(names.begin(), names.end());
    return names;
}

Zone resolve_zone(std::string_view given) {
    Zone zone;
    zone.given = std::string(given);
    if (given.empty()) {
        zone.source = Zone::Source::missing;
        return zone;
    }
    if (const auto* tz = find_iana(given)) {
        zone.source = Zone::Source::iana;
        zone.tz = tz;
        return zone;
    }
    if (const auto iana = windows_zone_to_iana(given)) {
        if (const auto* tz = find_iana(*iana)) {
            zone.source = Zone::Source::windows;
            zone.tz = tz;
            return zone;
        }
    }
    zone.source = Zone::Source::unknown;
    return zone;
}

ZonedReading read_in_zone(Instant instant, const Zone& zone) {
    if (!zone.tz) return ZonedReading{WallTime{instant.time_since_epoch()}, "UTC", {}};
    const auto info = zone.tz->get_info(date::floor<std::chrono::seconds>(instant));
    return ZonedReading{WallTime{(instant + info.offset).time_since_epoch()}, info.abbrev,
                        info.offset};
}

Instant instant_in_zone(const DateTime& value, const Zone& zone) {
    if (const auto instant = instant_of(value)) return *instant;
    if (!zone.tz) return Instant{value.wall.time_since_epoch()};
    const auto seconds = date::floor<std::chrono::seconds>(value.wall);
    const auto info = zone.tz->get_info(seconds);
    const auto sub = value.wall - seconds;
    switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
        return Instant{(value.wall - info.first.offset).time_since_epoch()};
    case date::local_info::nonexistent:
        // The clock skipped this time; read it with the offset from before the change, which
        // lands after the gap, as most calendars do.
        return Instant{(seconds + sub - info.first.offset).time_since_epoch()};
    }
    return Instant{value.wall.time_since_epoch()};
}

std::string format_offset(std::chrono::seconds offset) {
    const char sign = offset < std::chrono::seconds{0} ? '-' : '+';
    const auto magnitude = offset < std::chrono::seconds{0} ? -offset : offset;
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(magnitude).count();
    return fmt::format("UTC{}{:02}:{:02}", sign, minutes / 60, minutes % 60);
}

} // namespace atshook::time
