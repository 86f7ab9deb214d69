#include "atshook/time/date_time.hpp"

#include <fmt/format.h>

namespace atshook::time {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads exactly `count` digits at `pos`; advances `pos` on success.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (!is_digit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += count;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

} // namespace

std::optional<DateTime> parse_date_time(std::string_view text) {
    std::size_t pos = 0;
    const auto year = read_digits(text, pos, 4);
    if (!year || !expect(text, pos, '-')) return std::nullopt;
    const auto month = read_digits(text, pos, 2);
    if (!month || !expect(text, pos, '-')) return std::nullopt;
    const auto day = read_digits(text, pos, 2);
    if (!day || pos >= text.size()) return std::nullopt;
    const char separator = text[pos++];
    if (separator != 'T' && separator != 't' && separator != ' ') return std::nullopt;
    const auto hour = read_digits(text, pos, 2);
    if (!hour || !expect(text, pos, ':')) return std::nullopt;
    const auto minute = read_digits(text, pos, 2);
    if (!minute || !expect(text, pos, ':')) return std::nullopt;
    const auto second = read_digits(text, pos, 2);
    if (!second) return std::nullopt;

    std::int64_t ticks = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        std::size_t digits = 0;
        while (pos < text.size() && is_digit(text[pos])) {
            if (digits < 7) ticks = ticks * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (std::size_t i = digits; i < 7; ++i) ticks *= 10;
    }

    std::optional<std::chrono::minutes> offset;
    if (pos < text.size()) {
        const char zone = text[pos++];
        if (zone == 'Z' || zone == 'z') {
            offset = std::chrono::minutes{0};
        } else if (zone == '+' || zone == '-') {
            const auto off_hour = read_digits(text, pos, 2);
            if (!off_hour || !expect(text, pos, ':')) return std::nullopt;
            const auto off_minute = read_digits(text, pos, 2);
            if (!off_minute || *off_hour > 23 || *off_minute > 59) return std::nullopt;
            const std::chrono::minutes magnitude{*off_hour * 60 + *off_minute};
            offset = zone == '+' ? magnitude : -magnitude;
        } else {
            return std::nullopt;
        }
    }
    if (pos != text.size()) return std::nullopt;

    const date::year_month_day ymd{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                                   date::day{static_cast<unsigned>(*day)}};
    // Second 60 is a leap second in RFC 3339; the tz library counts none, so it reads as :00 of
    // the next minute.
    if (!ymd.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
    if (*second == 60 && offset) {
        // A leap second is inserted at 23:59:60 UTC (RFC 3339 section 5.7, Appendix D); the
        // offset only moves where that minute falls on the local clock.
        const auto utc = (std::chrono::minutes{*hour * 60 + *minute} - *offset).count();
        if ((utc % 1440 + 1440) % 1440 != 23 * 60 + 59) return std::nullopt;
    }
    const WallTime wall = date::local_days{ymd} + std::chrono::hours{*hour} +
                          std::chrono::minutes{*minute} + std::chrono::seconds{*second} +
                          Ticks{ticks};
    return DateTime{wall, offset, separator == ' '};
}

bool is_rfc3339(std::string_view text) {
    const auto value = parse_date_time(text);
    return value && value->offset && !value->space_separator;
}

std::optional<Instant> parse_rfc3339(std::string_view text) {
    const auto value = parse_date_time(text);
    if (!value || value->space_separator) return std::nullopt;
    return instant_of(*value);
}

std::optional<Instant> instant_of(const DateTime& value) {
    if (!value.offset) return std::nullopt;
    return Instant{value.wall.time_since_epoch()} - *value.offset;
}

} // namespace atshook::time
