#include "atshook/timestamp.hpp"

#include "atshook/error.hpp"
#include "atshook/time/date_time.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <charconv>
#include <optional>

namespace atshook {
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
    if (const auto instant = time::parse_rfc3339(text)) return *instant;
    throw Error(fmt::format("{}: '{}' is not a time: give Unix seconds (1706108374) or RFC 3339 "
                            "(2024-01-24T14:59:34Z)",
                            what, text),
                Error::Kind::usage);
}

} // namespace atshook
