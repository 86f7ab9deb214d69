// Date-times and zone names: the first line of the input is read as a date-time (RFC 3339 and
// the looser forms HireHive writes), the rest as a zone name (IANA or Windows); each is also read
// as the other. What parses must format and parse back to the same moment.
#include "fuzz_target.hpp"

#include "atshook/error.hpp"
#include "atshook/time/date_time.hpp"
#include "atshook/time/zone.hpp"
#include "atshook/timestamp.hpp"

#include <string>

namespace {

namespace time = atshook::time;

void check_zone_name(std::string_view name) {
    const auto zone = time::resolve_zone(name);
    if (zone.source == time::Zone::Source::iana || zone.source == time::Zone::Source::windows)
        fuzz::require(zone.tz != nullptr, "a known zone has its tz database entry");
    fuzz::require(!zone.name().empty(), "a zone has a name");
    if (const auto iana = time::windows_zone_to_iana(name))
        fuzz::require(!iana->empty(), "a Windows name maps to an IANA name");
}

// The moments RFC 3339 can write in UTC: the years 0001 to 9999.
bool writable(time::Instant instant) {
    using namespace std::chrono;
    constexpr auto first = date::sys_days{date::year{1} / 1 / 1};
    constexpr auto end = date::sys_days{date::year{10000} / 1 / 1};
    return instant >= first && instant < end;
}

void check_instant(time::Instant instant, const std::vector<time::Zone>& zones) {
    for (const auto& zone : zones) {
        const auto reading = time::read_in_zone(instant, zone);
        fuzz::require(!time::format_offset(reading.offset).empty(), "an offset has a text");
    }
    if (!writable(instant)) return; // "0001-01-01T00:00:00+01:00" is RFC 3339 but in year 0
    for (int digits = 0; digits <= 7; ++digits) {
        const std::string text = atshook::format_rfc3339(instant, digits);
        fuzz::require(time::is_rfc3339(text), "format_rfc3339 writes RFC 3339");
        if (digits == 7) {
            const auto again = time::parse_rfc3339(text);
            fuzz::require(again && *again == instant, "a written moment reads back the same");
        }
    }
}

void check_date_time(std::string_view text, const std::vector<time::Zone>& zones) {
    const auto rfc3339 = time::parse_rfc3339(text);
    fuzz::require(rfc3339.has_value() == time::is_rfc3339(text),
                  "parse_rfc3339 reads exactly what is_rfc3339 accepts");
    if (rfc3339) check_instant(*rfc3339, zones);
    try {
        const auto instant = atshook::parse_instant(text, "--at");
        if (rfc3339) fuzz::require(instant == *rfc3339, "parse_instant agrees with parse_rfc3339");
        fuzz::require(writable(instant), "parse_instant gives moments of the years 1 to 9999");
        check_instant(instant, zones);
    } catch (const atshook::Error&) {
        fuzz::require(!rfc3339 || !writable(*rfc3339),
                      "parse_instant accepts every RFC 3339 date-time of the years 1 to 9999");
    }
    const auto value = time::parse_date_time(text);
    if (!value) {
        fuzz::require(!rfc3339, "parse_date_time reads every RFC 3339 date-time");
        return;
    }
    const auto own = time::instant_of(*value);
    fuzz::require(own.has_value() == value->offset.has_value(), "an offset gives the moment");
    if (rfc3339) fuzz::require(own && *own == *rfc3339, "both parsers name the same moment");
    for (const auto& zone : zones) {
        const auto instant = time::instant_in_zone(*value, zone);
        if (own) fuzz::require(instant == *own, "a written offset wins over the zone");
        time::read_in_zone(instant, zone);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    const auto newline = text.find('\n');
    const std::string_view first = text.substr(0, newline);
    const std::string_view rest =
        newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);

    check_zone_name(rest);
    check_zone_name(first);
    static const std::vector<time::Zone> fixed = {
        time::utc_zone(), time::resolve_zone("Europe/Dublin"),
        time::resolve_zone("America/St_Johns"), time::resolve_zone("Australia/Lord_Howe")};
    std::vector<time::Zone> zones = fixed;
    zones.push_back(time::resolve_zone(rest));
    check_date_time(first, zones);
    check_date_time(text, zones);
    return 0;
}
