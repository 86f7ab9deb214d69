#pragma once
#include "atshook/signature/headers.hpp"
#include "atshook/signature/secret.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::signature {

// Why a delivery did or did not verify, in the order the checks run (spec section 4).
enum class Reason {
    ok,
    missing_header,        // `part` is absent or empty
    malformed,             // `part` cannot be read (a timestamp that is not an integer, more
                           // than limits::k_signature_tokens signatures); see detail
    too_old,               // the timestamp is more than the tolerance before now
    too_new,               // the timestamp is more than the tolerance after now
    no_matching_signature, // no v1 / v1a token matches any secret
};

// Likely causes of a failure, found by trying the obvious mistakes. A hint never changes the
// verdict: a body that "would match without its trailing newline" still fails.
enum class Hint {
    body_has_extra_trailing_newline,  // matches without the body's final newline
    body_lacks_trailing_newline,      // matches with a final newline added
    body_has_crlf,                    // matches with CRLF line ends turned into LF
    secret_used_as_literal_text,      // matches when the secret text itself is the HMAC key
    timestamp_in_milliseconds,        // the timestamp is 1000x too large
    no_v1_token,                      // the signature header holds no token these keys can check
    signature_matches_outside_window, // too_old / too_new, but the signature itself is right
    // Found by reserialization_hints (they read the body as JSON; this module knows bytes only):
    body_matches_compact,  // the same JSON written compactly matches: the body was reformatted
    body_matches_indented, // the same JSON written with indentation matches
    body_matches_compact_with_newline,  // ... compactly, with a final newline, matches
    body_matches_indented_with_newline, // ... with indentation and a final newline (what emit
                                        // and `sign FILE` write) matches
};

struct VerifyOptions {
    std::int64_t now = 0;                 // Unix seconds
    std::int64_t tolerance_seconds = 300; // both directions, boundary inclusive; not negative
    bool check_timestamp = true;          // false: skip the window check (reported as skipped)
};

struct VerifyResult {
    Reason reason = Reason::no_matching_signature;
    std::optional<HeaderPart> part;        // for missing_header and malformed
    std::string detail;                    // what exactly is wrong, for people; never key material
    std::optional<std::int64_t> timestamp; // the parsed timestamp, once it parsed
    std::int64_t age_seconds = 0;          // now - timestamp: positive in the past (saturating)
    bool timestamp_checked = false; // false when skipped or when verification stopped earlier
    std::optional<std::size_t> matched_secret; // 0-based index into the secrets
    std::string matched_version;               // "v1" or "v1a"
    std::vector<Hint> hints;

    bool ok() const { return reason == Reason::ok; }
};

// Verifies a delivery over the raw body bytes with one or more secrets (rotation: any may
// match). Checks run in the order of the reference libraries: headers present, timestamp an
// integer, timestamp within the tolerance of `now`, then a constant-time comparison with each
// v1 token (HMAC secrets) or an Ed25519 check of each v1a token (whsk_/whpk_ keys). Throws
// atshook::Error (usage) for a negative tolerance.
VerifyResult verify_delivery(const DeliveryHeaders& headers, std::string_view body,
                             std::span<const Secret> secrets, const VerifyOptions& options);

// Whether any v1 / v1a token of the signature header matches `body` signed with the headers' id
// and timestamp, whatever the time; false when a header is missing or malformed.
bool signature_matches_body(const DeliveryHeaders& headers, std::string_view body,
                            std::span<const Secret> secrets);

// Stable snake_case names for JSON output: "too_old", "body_has_crlf", ...
std::string_view reason_code(Reason reason);
std::string_view hint_code(Hint hint);
// One sentence telling the user what the hint means and what to do.
std::string_view hint_text(Hint hint);

} // namespace atshook::signature
