#include "atshook/sample/scenario/office_hours.hpp"

namespace atshook::sample {
namespace {

using namespace std::chrono_literals;

constexpr auto k_opens = 9h;

bool is_weekend(date::local_days day) {
    const date::weekday weekday{day};
    return weekday == date::Saturday || weekday == date::Sunday;
}

date::local_days next_working_day(date::local_days day) {
    do day += date::days{1};
    while (is_weekend(day));
    return day;
}

} // namespace

OfficeHours::OfficeHours(std::string_view time_zone, Instant from)
    : m_zone(date::locate_zone(time_zone)) {
    const auto local = m_zone->to_local(std::chrono::ceil<std::chrono::seconds>(from));
    auto day = std::chrono::floor<date::days>(local);
    OfficeTime into = local - day - k_opens;
    if (is_weekend(day) || into >= k_day) {
        day = next_working_day(day);
        into = 0s;
    }
    m_first_day = day;
    m_start = std::max(into, 0s);
}

Instant OfficeHours::at(OfficeTime time) const {
    const std::int64_t days = time / k_day;
    // Whole weeks keep a weekday a weekday; the rest is walked past the weekends.
    auto day = m_first_day + date::days{7 * (days / 5)};
    for (auto left = days % 5; left > 0; --left) day = next_working_day(day);
    const date::local_seconds local = day + k_opens + time % k_day;
    return std::chrono::time_point_cast<Ticks>(m_zone->to_sys(local, date::choose::earliest));
}

} // namespace atshook::sample
