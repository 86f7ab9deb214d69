#include "atshook/signature/headers.hpp"

#include "atshook/error.hpp"

#include <date/date.h>

#include <charconv>
#include <limits>

namespace atshook::signature {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads exactly `count` digits at `pos`, advancing it.
std::optional<int> read_digits(std::string_view text, std::size_t &pos, std::size_t count) {
    if (pos + count > text.size())
        return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (!is_digit(text[pos + i]))
            return std::nullopt;
        value = value * 10 + (text[pos + i] - '0');
    }
    pos += count;
    return value;
}

bool expect(std::string_view text, std::size_t &pos, std::string_view one_of) {
    if (pos >= text.size() || one_of.find(text[pos]) == std::string_view::npos)
        return false;
    ++pos;
    return true;
}

std::optional<std::int64_t> parse_rfc3339(std::string_view text) {
    std::size_t pos = 0;
    const auto year = read_digits(text, pos, 4);
    if (!year || !expect(text, pos, "-"))
        return std::nullopt;
    const auto month = read_digits(text, pos, 2);
    if (!month || !expect(text, pos, "-"))
        return std::nullopt;
    const auto day = read_digits(text, pos, 2);
    if (!day || !expect(text, pos, "Tt "))
        return std::nullopt;
    const auto hour = read_digits(text, pos, 2);
    if (!hour || !expect(text, pos, ":"))
        return std::nullopt;
    const auto minute = read_digits(text, pos, 2);
    if (!minute || !expect(text, pos, ":"))
        return std::nullopt;
    const auto second = read_digits(text, pos, 2);
    if (!second)
        return std::nullopt;
    if (pos < text.size() && text[pos] == '.') {
        const std::size_t start = ++pos;
        while (pos < text.size() && is_digit(text[pos]))
            ++pos;
        if (pos == start)
            return std::nullopt;
    }
    int offset_minutes = 0;
    if (expect(text, pos, "Zz")) {
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos++] == '-' ? -1 : 1;
        const auto offset_hour = read_digits(text, pos, 2);
        if (!offset_hour || !expect(text, pos, ":"))
            return std::nullopt;
        const auto offset_minute = read_digits(text, pos, 2);
        if (!offset_minute || *offset_hour > 23 || *offset_minute > 59)
            return std::nullopt;
        offset_minutes = sign * (*offset_hour * 60 + *offset_minute);
    } else {
        return std::nullopt;
    }
    if (pos != text.size() || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;
    const date::year_month_day ymd{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                                   date::day{static_cast<unsigned>(*day)}};
    if (!ymd.ok())
        return std::nullopt;
    const std::int64_t days = date::sys_days{ymd}.time_since_epoch().count();
    return days * 86400 + *hour * 3600 + *minute * 60 + *second - offset_minutes * 60;
}

} // namespace

std::string_view header_name(HeaderPart part) {
    switch (part) {
    case HeaderPart::id:
        return "webhook-id";
    case HeaderPart::timestamp:
        return "webhook-timestamp";
    case HeaderPart::signature:
        return "webhook-signature";
    }
    return "webhook-id";
}

std::string_view svix_header_name(HeaderPart part) {
    switch (part) {
    case HeaderPart::id:
        return "svix-id";
    case HeaderPart::timestamp:
        return "svix-timestamp";
    case HeaderPart::signature:
        return "svix-signature";
    }
    return "svix-id";
}

const std::optional<HeaderValue> &DeliveryHeaders::get(HeaderPart part) const {
    switch (part) {
    case HeaderPart::id:
        return id;
    case HeaderPart::timestamp:
        return timestamp;
    case HeaderPart::signature:
        return signature;
    }
    return id;
}

std::optional<HeaderValue> &DeliveryHeaders::get(HeaderPart part) {
    return const_cast<std::optional<HeaderValue> &>(std::as_const(*this).get(part));
}

DeliveryHeaders find_delivery_headers(const HeaderFields &fields, std::string_view source) {
    DeliveryHeaders headers;
    for (const auto part : {HeaderPart::id, HeaderPart::timestamp, HeaderPart::signature}) {
        for (const auto name : {header_name(part), svix_header_name(part)}) {
            const auto found = find_headers(fields, name);
            if (found.size() > 1)
                throw Error(std::string(source) + ":" + std::to_string(found[1]->line) + ": " +
                            std::string(name) + " appears a second time (first on line " +
                            std::to_string(found[0]->line) + "); a delivery has one");
            auto &slot = headers.get(part);
            if (!found.empty() && (!slot || slot->value.empty()))
                slot = HeaderValue{found[0]->value, found[0]->name};
        }
    }
    return headers;
}

ParsedTimestamp parse_timestamp(std::string_view text) {
    ParsedTimestamp result;
    std::string_view digits = text;
    const bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-'))
        digits.remove_prefix(1);
    const auto first_bad = digits.find_first_not_of("0123456789");
    if (text.empty()) {
        result.problem = "is empty";
    } else if (digits.empty()) {
        result.problem = "has no digits";
    } else if (first_bad != std::string_view::npos) {
        const char c = digits[first_bad];
        result.problem = c == '.'                  ? "has a fraction; it must be whole seconds"
                         : (c == ' ' || c == '\t') ? "contains white space"
                                                   : "is not an integer number of seconds";
    } else {
        // Parse the magnitude as unsigned so that -9223372036854775808 fits.
        std::uint64_t magnitude = 0;
        const auto [ptr, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
        constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        if (ec != std::errc() || magnitude > max + (negative ? 1 : 0)) {
            result.problem = "is out of range for a 64-bit number of seconds";
        } else if (negative) {
            result.seconds = magnitude == max + 1 ? std::numeric_limits<std::int64_t>::min()
                                                  : -static_cast<std::int64_t>(magnitude);
        } else {
            result.seconds = static_cast<std::int64_t>(magnitude);
        }
        (void)ptr;
    }
    return result;
}

ParsedTimestamp parse_moment(std::string_view text) {
    const bool looks_like_date = text.size() > 4 && text[4] == '-' && is_digit(text[0]);
    if (looks_like_date) {
        ParsedTimestamp result;
        if (const auto seconds = parse_rfc3339(text))
            result.seconds = *seconds;
        else
            result.problem = "is not an RFC 3339 date-time like 2021-02-25T15:02:10Z";
        return result;
    }
    auto result = parse_timestamp(text);
    if (!result.ok())
        result.problem += " (give Unix seconds or an RFC 3339 date-time)";
    return result;
}

std::vector<SignatureToken> parse_signature_tokens(std::string_view header) {
    std::vector<SignatureToken> tokens;
    std::size_t pos = 0;
    while (pos <= header.size()) {
        const std::size_t end = std::min(header.find(' ', pos), header.size());
        const std::string_view entry = header.substr(pos, end - pos);
        const std::size_t comma = entry.find(',');
        if (comma != std::string_view::npos)
            tokens.push_back(SignatureToken{entry.substr(0, comma), entry.substr(comma + 1)});
        pos = end + 1;
    }
    return tokens;
}

} // namespace atshook::signature
