#include "atshook/signature/headers.hpp"

#include "atshook/error.hpp"
#include "atshook/time/date_time.hpp"

#include <date/date.h>

#include <charconv>
#include <limits>

namespace atshook::signature {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::optional<std::int64_t> unix_seconds_of(std::string_view text) {
    const auto instant = time::parse_rfc3339(text);
    if (!instant) return std::nullopt;
    return date::floor<std::chrono::seconds>(*instant).time_since_epoch().count();
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

const std::optional<HeaderValue>& DeliveryHeaders::get(HeaderPart part) const {
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

std::optional<HeaderValue>& DeliveryHeaders::get(HeaderPart part) {
    return const_cast<std::optional<HeaderValue>&>(std::as_const(*this).get(part));
}

DeliveryHeaders find_delivery_headers(const HeaderFields& fields, std::string_view source) {
    DeliveryHeaders headers;
    for (const auto part : {HeaderPart::id, HeaderPart::timestamp, HeaderPart::signature}) {
        for (const auto name : {header_name(part), svix_header_name(part)}) {
            const auto found = find_headers(fields, name);
            if (found.size() > 1)
                throw Error(std::string(source) + ":" + std::to_string(found[1]->line) + ": " +
                            std::string(name) + " appears a second time (first on line " +
                            std::to_string(found[0]->line) + "); a delivery has one");
            auto& slot = headers.get(part);
            // svix-* stands in only for an absent webhook-* header; an empty one is missing.
            if (!found.empty() && !slot)
                slot = HeaderValue{found[0]->value, found[0]->name, found[0]->line};
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
        if (const auto seconds = unix_seconds_of(text))
            result.seconds = *seconds;
        else
            result.problem = "is not an RFC 3339 date-time like 2021-02-25T15:02:10Z";
        return result;
    }
    auto result = parse_timestamp(text);
    if (!result.ok()) result.problem += " (give Unix seconds or an RFC 3339 date-time)";
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
