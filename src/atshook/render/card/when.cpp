#include "atshook/render/card/when.hpp"

#include <fmt/format.h>

namespace atshook::render {
namespace {

constexpr std::string_view k_weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::string_view k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool has_letters(std::string_view abbreviation) {
    for (const char c : abbreviation)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    return false;
}

} // namespace

std::string format_day(time::WallTime wall) {
    const auto day = date::floor<date::days>(wall);
    const date::year_month_day ymd{day};
    const date::weekday weekday{day};
    return fmt::format("{} {} {} {}", k_weekdays[weekday.c_encoding()], unsigned{ymd.day()},
                       k_months[unsigned{ymd.month()} - 1], int{ymd.year()});
}

std::string format_clock(time::WallTime wall) {
    const auto day = date::floor<date::days>(wall);
    const date::hh_mm_ss<std::chrono::seconds> clock{date::floor<std::chrono::seconds>(wall - day)};
    if (clock.seconds().count() != 0)
        return fmt::format("{:02}:{:02}:{:02}", clock.hours().count(), clock.minutes().count(),
                           clock.seconds().count());
    return fmt::format("{:02}:{:02}", clock.hours().count(), clock.minutes().count());
}

std::string format_duration(time::Ticks duration) {
    const auto total_seconds = date::floor<std::chrono::seconds>(duration).count();
    if (total_seconds < 60) return fmt::format("{} s", total_seconds);
    const auto total_minutes = total_seconds / 60;
    const auto days = total_minutes / (24 * 60);
    const auto hours = total_minutes / 60 % 24;
    const auto minutes = total_minutes % 60;
    std::string text;
    auto add = [&text](long long value, std::string_view unit) {
        if (value == 0) return;
        if (!text.empty()) text += ' ';
        text += fmt::format("{}{}{}", value, k_glue, unit); // "1 h" never splits
    };
    add(days, "d");
    add(hours, "h");
    add(minutes, "min");
    return text;
}

std::string zone_label(const time::ZonedReading& reading) {
    const std::string offset = time::format_offset(reading.offset);
    if (reading.abbreviation == "UTC" && reading.offset.count() == 0) return "UTC";
    if (!has_letters(reading.abbreviation)) return offset;
    return fmt::format("{} ({})", reading.abbreviation, offset);
}

Rich format_range(std::optional<time::Instant> start, std::optional<time::Instant> end,
                  const time::Zone& zone, const Glyphs& glyphs) {
    const std::string dot = fmt::format(" {} ", glyphs.dot);
    if (start && end) {
        const auto from = time::read_in_zone(*start, zone);
        const auto to = time::read_in_zone(*end, zone);
        const bool same_day =
            date::floor<date::days>(from.wall) == date::floor<date::days>(to.wall);
        const bool same_label = zone_label(from) == zone_label(to);
        // "14:00–15:00" on one day in one zone; spaced out when either side says more.
        std::string text = format_day(from.wall) + " " + format_clock(from.wall);
        if (!same_label) text += " " + zone_label(from);
        text +=
            same_day && same_label ? std::string(glyphs.range) : fmt::format(" {} ", glyphs.range);
        if (!same_day) text += format_day(to.wall) + " ";
        text += format_clock(to.wall) + " " + zone_label(to);
        Rich rich{{text, Tone::strong}};
        if (*end < *start)
            rich.push_back({dot + "ends before it starts", Tone::warn});
        else
            rich.push_back({dot + format_duration(*end - *start)});
        return rich;
    }
    if (start) {
        const auto from = time::read_in_zone(*start, zone);
        return {{format_day(from.wall) + " " + format_clock(from.wall) + " " + zone_label(from),
                 Tone::strong},
                {dot + "no end time", Tone::muted}};
    }
    if (end) {
        const auto to = time::read_in_zone(*end, zone);
        return {{"no start time", Tone::muted},
                {dot + "ends " + format_day(to.wall) + " " + format_clock(to.wall) + " " +
                     zone_label(to),
                 Tone::strong}};
    }
    return {{std::string(glyphs.dash), Tone::muted}};
}

} // namespace atshook::render
