#include "atshook/timestamp.hpp"

#include "atshook/error.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/time/date_time.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace atshook {
std::string format_rfc3339(Instant instant, int fraction_digits) {
    const auto day = date::floor<date::days>(instant);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<Ticks> clock{instant - day};
    std::string text =
        fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", int{ymd.year()}, unsigned{ymd.month()},
                    unsigned{ymd.day()}, clock.hours().count(), clock.minutes().count(),
                    clock.seconds().count());
    std::string digits = fmt::format("{:07}", clock.subseconds().count()); // 0..9999999
    if (fraction_digits == k_shortest_fraction)
        digits.erase(digits.find_last_not_of('0') + 1); // all of it when the fraction is zero
    else
        digits.resize(static_cast<std::size_t>(std::clamp(fraction_digits, 0, 7)));
    if (!digits.empty()) text += "." + digits;
    return text + "Z";
}

Instant parse_instant(std::string_view text, std::string_view what) {
    // One reading of a user's time for every option: --at accepts what --timestamp and --now do.
    const auto moment = signature::parse_moment(text);
    if (!moment.ok())
        throw Error(fmt::format("{}: '{}' {}", what, text, moment.problem), Error::Kind::usage);
    // "0001-01-01T00:00:00+01:00" is RFC 3339 yet falls in the year 0: check every moment.
    constexpr std::int64_t k_year_1 = -62'135'596'800, k_year_10000 = 253'402'300'800;
    if (moment.seconds < k_year_1 || moment.seconds >= k_year_10000)
        throw Error(fmt::format("{}: '{}' is outside the years 0001 to 9999 that RFC 3339 can "
                                "write in UTC",
                                what, text),
                    Error::Kind::usage);
    if (const auto precise = time::parse_rfc3339(text)) return *precise; // keeps the fraction
    return Instant{std::chrono::duration_cast<Ticks>(std::chrono::seconds{moment.seconds})};
}

} // namespace atshook
