#pragma once
#include "atshook/http_message.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::signature {

// The three Standard Webhooks headers of a delivery.
enum class HeaderPart { id, timestamp, signature };

// "webhook-id", "webhook-timestamp", "webhook-signature".
std::string_view header_name(HeaderPart part);
// "svix-id", ... : the names Svix senders use, accepted as a fallback per header.
std::string_view svix_header_name(HeaderPart part);

struct HeaderValue {
    std::string value;    // may be empty: verify reports that as missing
    std::string found_as; // the name it was found under, e.g. "webhook-id" or "Svix-Id"
    std::size_t line = 0; // its line in a request or headers file; 0 when it came from elsewhere
};

struct DeliveryHeaders {
    std::optional<HeaderValue> id;
    std::optional<HeaderValue> timestamp;
    std::optional<HeaderValue> signature;

    const std::optional<HeaderValue>& get(HeaderPart part) const;
    std::optional<HeaderValue>& get(HeaderPart part);
};

// Finds the three headers, names compared case-insensitively: `webhook-*` first, then for each
// header that is absent or empty its `svix-*` twin. Throws atshook::Error when one name appears
// on two lines (a delivery has one of each; guessing which one counts would hide a bug).
DeliveryHeaders find_delivery_headers(const HeaderFields& fields, std::string_view source);

// A timestamp header value as an integer: `[+-]?[0-9]+` fitting int64. Fractions, spaces and
// other characters are problems, described for the user.
struct ParsedTimestamp {
    std::int64_t seconds = 0;
    std::string problem; // empty when parsed
    bool ok() const { return problem.empty(); }
};
ParsedTimestamp parse_timestamp(std::string_view text);

// A moment given on the command line: Unix seconds (as parse_timestamp) or an RFC 3339
// date-time such as 2021-02-25T15:02:10Z or 2021-02-25T16:02:10.5+01:00 (fractions dropped).
ParsedTimestamp parse_moment(std::string_view text);

// One `version,signature` entry of a webhook-signature header.
struct SignatureToken {
    std::string_view version; // "v1", "v1a", "v2", ... compared exactly
    std::string_view value;   // everything after the first comma
};

// Splits on spaces, ignores empty entries and entries without a comma, splits each at its first
// comma. The views point into `header`.
std::vector<SignatureToken> parse_signature_tokens(std::string_view header);

} // namespace atshook::signature
