#include "atshook/time/zone.hpp"

#include <doctest/doctest.h>

#include "atshook/timestamp.hpp"
#include <algorithm>
#include <set>
#include <string>
#include <string_view>

using namespace atshook::time;
using std::chrono::hours;
using std::chrono::seconds;

namespace {
std::string utc(atshook::Instant instant) {
    return atshook::format_rfc3339(instant, atshook::k_shortest_fraction);
}
} // namespace

namespace {

Instant at(const char* text) {
    return *instant_of(*parse_date_time(text));
}

} // namespace

TEST_CASE("an IANA name resolves through the tz database") {
    const auto zone = resolve_zone("Europe/Dublin");
    CHECK(zone.source == Zone::Source::iana);
    CHECK(zone.name() == "Europe/Dublin");
}

TEST_CASE("Windows zone names map to IANA through CLDR's territory 001") {
    const std::pair<const char*, const char*> cases[] = {
        {"GMT Standard Time", "Europe/London"},
        {"Pacific Standard Time", "America/Los_Angeles"},
        {"W. Europe Standard Time", "Europe/Berlin"},
        {"Eastern Standard Time", "America/New_York"},
        {"India Standard Time", "Asia/Kolkata"},
        {"AUS Eastern Standard Time", "Australia/Sydney"},
    };
    for (const auto& [windows, iana] : cases) {
        const std::string_view name = windows; // clang 14 cannot capture a binding
        CAPTURE(name);
        const auto zone = resolve_zone(windows);
        CHECK(zone.source == Zone::Source::windows);
        CHECK(zone.name() == iana);
    }
}

TEST_CASE("Windows zone names match whatever their case") {
    CHECK(resolve_zone("gmt standard time").name() == "Europe/London");
}

TEST_CASE("every Windows zone in the table names a zone of the system tz database") {
    std::set<std::string> names;
    for (const auto& entry : windows_zones()) {
        CAPTURE(entry.windows);
        CHECK(resolve_zone(entry.iana).source == Zone::Source::iana);
        names.emplace(entry.windows);
    }
    CHECK(names.size() == windows_zones().size());
    CHECK(names.size() >= 135);
}

TEST_CASE("Windows display names map to IANA through the zone they name") {
    const std::pair<const char*, const char*> cases[] = {
        {"(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "Asia/Kolkata"},
        {"(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"},
        {"(UTC-08:00) Pacific Time (US & Canada)", "America/Los_Angeles"},
        {"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"},
        {"(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "Europe/London"},
        {"(UTC) Coordinated Universal Time", "Etc/UTC"},
        {"(UTC+12:00) Coordinated Universal Time+12", "Etc/GMT-12"},
        {"(UTC+06:30) Yangon (Rangoon)", "Asia/Yangon"},
        {"(UTC-05:00) Indiana (East)", "America/Indiana/Indianapolis"},
        {"(UTC+11:00) Solomon Is., New Caledonia", "Pacific/Guadalcanal"},
        {"(UTC+13:00) Nuku'alofa", "Pacific/Tongatapu"},
        {"(UTC-03:00) City of Buenos Aires", "America/Argentina/Buenos_Aires"},
    };
    for (const auto& [display, iana] : cases) {
        const std::string_view name = display; // clang 14 cannot capture a binding
        CAPTURE(name);
        const auto zone = resolve_zone(display);
        CHECK(zone.source == Zone::Source::windows);
        CHECK(zone.name() == iana);
        CHECK(zone.given == display);
    }
}

TEST_CASE("Windows' display names name each zone of the CLDR table, each place once") {
    std::set<std::string_view> places;
    std::set<std::string_view> named;
    for (const auto& entry : windows_display_names()) {
        CAPTURE(entry.places);
        CHECK(places.insert(entry.places).second);
        CHECK(windows_zone_to_iana(entry.windows).has_value());
        named.insert(entry.windows);
        const std::string display = "(UTC+01:00) " + std::string(entry.places);
        CHECK(windows_display_name_to_standard(display) == entry.windows);
    }
    for (const auto& zone : windows_zones()) {
        CAPTURE(zone.windows);
        CHECK(named.count(zone.windows) == 1);
    }
    CHECK(named.size() == windows_zones().size());
}

TEST_CASE("a display name matches whatever its offset says, GMT or UTC, and blanks around it") {
    const char* const kolkata[] = {
        "(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi", // Windows XP and Server 2003
        "(utc+05:30) Chennai, Kolkata, Mumbai, New Delhi",
        "(UTC+06:00) Chennai, Kolkata, Mumbai, New Delhi",
        "(UTC+05:30)Chennai, Kolkata, Mumbai, New Delhi",
        "  (UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi \n",
    };
    for (const char* display : kolkata) {
        CAPTURE(display);
        CHECK(resolve_zone(display).name() == "Asia/Kolkata");
    }
    // Jordan and Syria left DST for UTC+03:00 in 2022; Windows changed the offset, not the place.
    CHECK(resolve_zone("(UTC+02:00) Amman").name() == "Asia/Amman");
    CHECK(resolve_zone("(UTC+03:00) Amman").name() == "Asia/Amman");
    CHECK(resolve_zone("(GMT) Coordinated Universal Time").name() == "Etc/UTC");
    // Kyiv was spelled Kiev until 2022.
    CHECK(resolve_zone("(UTC+02:00) Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius").name() ==
          "Europe/Kyiv");
}

TEST_CASE("a display name whose places Windows does not list falls back to UTC as unknown") {
    const char* const unknown[] = {
        "(UTC+05:30) Chennai, Kolkata, Mumbai",                         // a place missing
        "(UTC+05:30) chennai, kolkata, mumbai, new delhi",              // places compare exactly
        "Chennai, Kolkata, Mumbai, New Delhi",                          // no offset
        "(UTC+05:30)",                                                  // no places
        "(UTC+05:30 Chennai, Kolkata, Mumbai, New Delhi",               // no closing parenthesis
        "(CET+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", // not UTC or GMT
        "(UTC+01:00) Olympus Mons",
    };
    for (const char* display : unknown) {
        CAPTURE(display);
        const auto zone = resolve_zone(display);
        CHECK(zone.source == Zone::Source::unknown);
        CHECK(zone.is_fallback());
        CHECK(zone.name() == "UTC");
        CHECK(zone.given == display);
    }
}

TEST_CASE("an unknown zone falls back to UTC and says so") {
    const auto zone = resolve_zone("Mars/Olympus_Mons");
    CHECK(zone.source == Zone::Source::unknown);
    CHECK(zone.is_fallback());
    CHECK(zone.name() == "UTC");
    CHECK(zone.given == "Mars/Olympus_Mons");
    const auto reading = read_in_zone(at("2024-01-01T10:00:00Z"), zone);
    CHECK(reading.offset == seconds{0});
    CHECK(reading.abbreviation == "UTC");
}

TEST_CASE("no zone name gives UTC marked as missing") {
    const auto zone = resolve_zone("");
    CHECK(zone.source == Zone::Source::missing);
    CHECK(zone.name() == "UTC");
}

TEST_CASE("Europe/Dublin on its spring DST day reads GMT before 01:00 UTC and IST after") {
    const auto dublin = resolve_zone("Europe/Dublin");
    const auto before = read_in_zone(at("2024-03-31T00:30:00Z"), dublin);
    CHECK(before.abbreviation == "GMT");
    CHECK(before.offset == seconds{0});
    const auto after = read_in_zone(at("2024-03-31T01:30:00Z"), dublin);
    CHECK(after.abbreviation == "IST");
    CHECK(after.offset == hours{1});
    CHECK(utc(Instant{after.wall.time_since_epoch()}) == "2024-03-31T02:30:00Z");
}

TEST_CASE("America/New_York on its autumn DST day reads EDT, then EST") {
    const auto new_york = resolve_zone("America/New_York");
    const auto before = read_in_zone(at("2024-11-03T05:30:00Z"), new_york);
    CHECK(before.abbreviation == "EDT");
    CHECK(before.offset == hours{-4});
    const auto after = read_in_zone(at("2024-11-03T06:30:00Z"), new_york);
    CHECK(after.abbreviation == "EST");
    CHECK(after.offset == hours{-5});
}

TEST_CASE("a wall time without offset is read in the given zone") {
    const auto new_york = resolve_zone("America/New_York");
    const auto plain = parse_date_time("2024-07-01T09:00:00");
    CHECK(utc(instant_in_zone(*plain, new_york)) == "2024-07-01T13:00:00Z");
    // 01:30 happens twice on 3 November 2024: the earlier (EDT) one is taken.
    const auto twice = parse_date_time("2024-11-03T01:30:00");
    CHECK(utc(instant_in_zone(*twice, new_york)) == "2024-11-03T05:30:00Z");
    // 02:30 never happens on 10 March 2024: it is read with the offset before the jump.
    const auto skipped = parse_date_time("2024-03-10T02:30:00");
    CHECK(utc(instant_in_zone(*skipped, new_york)) == "2024-03-10T07:30:00Z");
    // An explicit offset wins over the zone.
    const auto explicit_utc = parse_date_time("2024-07-01T09:00:00Z");
    CHECK(utc(instant_in_zone(*explicit_utc, new_york)) == "2024-07-01T09:00:00Z");
}

TEST_CASE("offsets print as UTC+hh:mm with their sign") {
    CHECK(format_offset(seconds{0}) == "UTC+00:00");
    CHECK(format_offset(seconds{19800}) == "UTC+05:30");
    CHECK(format_offset(seconds{-18000}) == "UTC-05:00");
    CHECK(format_offset(seconds{-9000}) == "UTC-02:30");
}

TEST_CASE("zone_names lists the tz database's names, sorted, each one a name resolve_zone takes") {
    const auto names = zone_names();
    CHECK(names.size() >= 400);
    CHECK(std::is_sorted(names.begin(), names.end()));
    CHECK(std::binary_search(names.begin(), names.end(), "Europe/Berlin"));
    CHECK(std::binary_search(names.begin(), names.end(), "UTC"));
    CHECK_FALSE(std::binary_search(names.begin(), names.end(), "localtime"));
    for (const auto& name : names) {
        CAPTURE(name);
        CHECK(resolve_zone(name).source == Zone::Source::iana);
    }
}
