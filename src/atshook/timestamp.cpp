#include "atshook/timestamp.hpp"

#include "atshook/error.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <charconv>
#include <optional>

namespace atshook {
namespace {

class Reader {
public:
    explicit Reader(std::string_view text) : m_text(text) {}

    std::optional<int> number(std::size_t width) {
        if (m_text.size() - m_at < width) return std::nullopt;
        int value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            const char c = m_text[m_at + i];
            if (c < '0' || c > '9') return std::nullopt;
            value = value * 10 + (c - '0');
        }
        m_at += width;
        return value;
    }
    bool take(std::string_view choices) {
        if (m_at < m_text.size() && choices.find(m_text[m_at]) != std::string_view::npos) {
            ++m_at;
            return true;
        }
        return false;
    }
    bool digit_next() const {
        return m_at < m_text.size() && m_text[m_at] >= '0' && m_text[m_at] <= '9';
    }
    bool done() const { return m_at == m_text.size(); }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
};

std::optional<Instant> parse_rfc3339(std::string_view text) {
    Reader in(text);
    const auto year = in.number(4);
    if (!year || !in.take("-")) return std::nullopt;
    const auto month = in.number(2);
    if (!month || !in.take("-")) return std::nullopt;
    const auto day = in.number(2);
    if (!day || !in.take("Tt ")) return std::nullopt;
    const auto hour = in.number(2);
    if (!hour || !in.take(":")) return std::nullopt;
    const auto minute = in.number(2);
    if (!minute || !in.take(":")) return std::nullopt;
    const auto second = in.number(2);
    if (!second) return std::nullopt;
    const date::year_month_day ymd{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                                   date::day{static_cast<unsigned>(*day)}};
    if (!ymd.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;

    Ticks fraction{0};
    if (in.take(".")) {
        if (!in.digit_next()) return std::nullopt;
        std::int64_t scale = 1'000'000;
        while (in.digit_next()) {
            const auto d = in.number(1);
            fraction += Ticks{*d * scale};
            scale /= 10; // digits past the seventh are below HireHive's precision: dropped
        }
    }
    std::chrono::minutes offset{0};
    if (!in.take("Zz")) {
        const bool east = in.take("+");
        if (!east && !in.take("-")) return std::nullopt;
        const auto oh = in.number(2);
        if (!oh || !in.take(":")) return std::nullopt;
        const auto om = in.number(2);
        if (!om || *oh > 23 || *om > 59) return std::nullopt;
        offset = std::chrono::hours{*oh} + std::chrono::minutes{*om};
        if (!east) offset = -offset;
    }
    if (!in.done()) return std::nullopt;
    const auto local = date::sys_days{ymd} + std::chrono::hours{*hour} +
                       std::chrono::minutes{*minute} + std::chrono::seconds{*second};
    return Instant{std::chrono::duration_cast<Ticks>(local.time_since_epoch() - offset) + fraction};
}

} // namespace

std::string format_rfc3339(Instant instant, int fraction_digits) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(instant);
    std::string text = date::format("%Y-%m-%dT%H:%M:%S", seconds);
    if (fraction_digits > 0) {
        const auto ticks = (instant - seconds).count(); // 0..9999999
        std::string digits = fmt::format("{:07d}", ticks);
        text += "." + digits.substr(0, static_cast<std::size_t>(fraction_digits));
    }
    return text + "Z";
}

Instant parse_instant(std::string_view text, std::string_view what) {
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
        std::int64_t seconds = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (error == std::errc{} && end == text.data() + text.size() &&
            seconds < 253'402'300'800) // before year 10000, so RFC 3339 can write it
            return Instant{std::chrono::duration_cast<Ticks>(std::chrono::seconds{seconds})};
    }
    if (auto instant = parse_rfc3339(text)) return *instant;
    throw Error(fmt::format("{}: '{}' is not a time: give Unix seconds (1706108374) or RFC 3339 "
                            "(2024-01-24T14:59:34Z)",
                            what, text),
                Error::Kind::usage);
}

} // namespace atshook
