#include "atshook/signature/verify.hpp"

#include "atshook/error.hpp"
#include "atshook/limits.hpp"

#include "atshook/base64.hpp"
#include "atshook/signature/sign.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <limits>

namespace atshook::signature {
namespace {

struct Match {
    std::size_t secret;
    std::string_view version;
};

bool can_check(const Secret& secret, std::string_view version) {
    return secret.kind() == KeyKind::hmac ? version == "v1" : version == "v1a";
}

// Constant time in the token's content: the length of a signature is public, its bytes are not.
bool same_text(std::string_view expected, std::string_view token) {
    return expected.size() == token.size() &&
           CRYPTO_memcmp(expected.data(), token.data(), expected.size()) == 0;
}

bool token_matches(const Secret& secret, const std::string& expected_v1,
                   const SignatureToken& token, const SignedContent& content) {
    if (secret.kind() == KeyKind::hmac) return same_text(expected_v1, token.value);
    const auto decoded = base64_decode(token.value);
    return !decoded.problem && ed25519_verifies(secret, decoded.bytes, content);
}

// The first secret and token that match, trying each secret's key (or, for the Stripe hint, its
// literal text) once per content. The expected HMAC is computed once per secret.
std::optional<Match> find_match(std::span<const Secret> secrets,
                                const std::vector<SignatureToken>& tokens,
                                const SignedContent& content, bool key_is_literal_text = false) {
    for (std::size_t i = 0; i < secrets.size(); ++i) {
        const Secret& secret = secrets[i];
        // Only a secret parsed from text has a literal form (one made from bytes has none).
        if (key_is_literal_text &&
            (secret.kind() != KeyKind::hmac || secret.literal_text().empty()))
            continue;
        const auto key = key_is_literal_text ? secret.literal_text() : secret.key();
        const bool any = std::any_of(tokens.begin(), tokens.end(), [&](const SignatureToken& t) {
            return can_check(secret, t.version);
        });
        if (!any) continue;
        const std::string expected =
            secret.kind() == KeyKind::hmac ? hmac_signature(key, content) : std::string();
        for (const auto& token : tokens)
            if (can_check(secret, token.version) && token_matches(secret, expected, token, content))
                return Match{i, token.version};
    }
    return std::nullopt;
}

std::int64_t saturating_difference(std::int64_t a, std::int64_t b) {
    std::int64_t result = 0;
    if (!__builtin_sub_overflow(a, b, &result)) return result;
    return b < 0 ? std::numeric_limits<std::int64_t>::max()
                 : std::numeric_limits<std::int64_t>::min();
}

std::string replace_crlf(std::string_view body) {
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i)
        if (!(body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n')) out += body[i];
    return out;
}

// Tries the usual accidents on a failed match; each hint is added only if it would match.
void add_mismatch_hints(VerifyResult& result, std::span<const Secret> secrets,
                        const std::vector<SignatureToken>& tokens, const SignedContent& content) {
    const bool any_checkable = std::any_of(tokens.begin(), tokens.end(), [&](const auto& t) {
        return std::any_of(secrets.begin(), secrets.end(),
                           [&](const Secret& s) { return can_check(s, t.version); });
    });
    if (!any_checkable) {
        result.hints.push_back(Hint::no_v1_token);
        return;
    }
    const auto matches_body = [&](std::string_view body) {
        SignedContent variant = content;
        variant.body = body;
        return find_match(secrets, tokens, variant).has_value();
    };
    const std::string_view body = content.body;
    if (body.ends_with('\n')) {
        const std::size_t cut = body.ends_with("\r\n") ? 2 : 1;
        if (matches_body(body.substr(0, body.size() - cut)))
            result.hints.push_back(Hint::body_has_extra_trailing_newline);
    } else if (matches_body(std::string(body) + "\n") || matches_body(std::string(body) + "\r\n")) {
        result.hints.push_back(Hint::body_lacks_trailing_newline);
    }
    if (body.find("\r\n") != std::string_view::npos && matches_body(replace_crlf(body)))
        result.hints.push_back(Hint::body_has_crlf);
    if (find_match(secrets, tokens, content, true))
        result.hints.push_back(Hint::secret_used_as_literal_text);
}

std::string describe_tokens(const std::vector<SignatureToken>& tokens) {
    std::size_t v1 = 0, v1a = 0, other = 0;
    for (const auto& token : tokens)
        (token.version == "v1" ? v1 : token.version == "v1a" ? v1a : other) += 1;
    return std::to_string(v1) + " v1, " + std::to_string(v1a) + " v1a and " +
           std::to_string(other) + " other token(s) in the signature header";
}

} // namespace

VerifyResult verify_delivery(const DeliveryHeaders& headers, std::string_view body,
                             std::span<const Secret> secrets, const VerifyOptions& options) {
    if (options.tolerance_seconds < 0)
        throw Error("the tolerance must be 0 seconds or more, not " +
                        std::to_string(options.tolerance_seconds),
                    Error::Kind::usage);
    VerifyResult result;
    for (const auto part : {HeaderPart::id, HeaderPart::timestamp, HeaderPart::signature}) {
        const auto& value = headers.get(part);
        if (!value || value->value.empty()) {
            result.reason = Reason::missing_header;
            result.part = part;
            result.detail = value
                                ? std::string(value->found_as) + " is empty"
                                : std::string(header_name(part)) + " is absent (also looked for " +
                                      std::string(svix_header_name(part)) + ")";
            return result;
        }
    }
    const auto parsed = parse_timestamp(headers.timestamp->value);
    if (!parsed.ok()) {
        result.reason = Reason::malformed;
        result.part = HeaderPart::timestamp;
        result.detail =
            headers.timestamp->found_as + " '" + headers.timestamp->value + "' " + parsed.problem;
        return result;
    }
    result.timestamp = parsed.seconds;
    result.age_seconds = saturating_difference(options.now, parsed.seconds);
    const SignedContent content{headers.id->value, parsed.seconds, body};
    const auto tokens = parse_signature_tokens(headers.signature->value);
    if (tokens.size() > limits::k_signature_tokens) {
        // Each token costs an HMAC or an Ed25519 check per secret: a sender signs with a few.
        result.reason = Reason::malformed;
        result.part = HeaderPart::signature;
        result.detail = headers.signature->found_as + " holds " + std::to_string(tokens.size()) +
                        " signatures; ats-hook checks at most " +
                        std::to_string(limits::k_signature_tokens);
        return result;
    }
    const auto match = find_match(secrets, tokens, content);

    if (options.check_timestamp) {
        result.timestamp_checked = true;
        const bool too_old = result.age_seconds > options.tolerance_seconds;
        const bool too_new = result.age_seconds < -options.tolerance_seconds;
        if (too_old || too_new) {
            result.reason = too_old ? Reason::too_old : Reason::too_new;
            // A timestamp in milliseconds sits about 1000x now in the future: 13 digits today.
            // Saturating, so a `now` near the int64 limits cannot overflow.
            const std::int64_t age_if_milliseconds =
                saturating_difference(options.now, parsed.seconds / 1000);
            if (too_new && age_if_milliseconds >= -86400 && age_if_milliseconds <= 86400 * 366)
                result.hints.push_back(Hint::timestamp_in_milliseconds);
            if (match) result.hints.push_back(Hint::signature_matches_outside_window);
            return result;
        }
    }
    if (match) {
        result.reason = Reason::ok;
        result.matched_secret = match->secret;
        result.matched_version = std::string(match->version);
        return result;
    }
    result.reason = Reason::no_matching_signature;
    result.detail = describe_tokens(tokens) + ", " + std::to_string(secrets.size()) +
                    (secrets.size() == 1 ? " secret" : " secrets") + " tried";
    add_mismatch_hints(result, secrets, tokens, content);
    return result;
}

bool signature_matches_body(const DeliveryHeaders& headers, std::string_view body,
                            std::span<const Secret> secrets) {
    if (!headers.id || !headers.timestamp || !headers.signature) return false;
    const auto parsed = parse_timestamp(headers.timestamp->value);
    if (!parsed.ok()) return false;
    const auto tokens = parse_signature_tokens(headers.signature->value);
    if (tokens.size() > limits::k_signature_tokens) return false;
    return find_match(secrets, tokens, SignedContent{headers.id->value, parsed.seconds, body})
        .has_value();
}

std::string_view reason_code(Reason reason) {
    switch (reason) {
    case Reason::ok:
        return "ok";
    case Reason::missing_header:
        return "missing_header";
    case Reason::malformed:
        return "malformed";
    case Reason::too_old:
        return "too_old";
    case Reason::too_new:
        return "too_new";
    case Reason::no_matching_signature:
        return "no_matching_signature";
    }
    return "no_matching_signature";
}

std::string_view hint_code(Hint hint) {
    switch (hint) {
    case Hint::body_has_extra_trailing_newline:
        return "body_has_extra_trailing_newline";
    case Hint::body_lacks_trailing_newline:
        return "body_lacks_trailing_newline";
    case Hint::body_has_crlf:
        return "body_has_crlf";
    case Hint::secret_used_as_literal_text:
        return "secret_used_as_literal_text";
    case Hint::timestamp_in_milliseconds:
        return "timestamp_in_milliseconds";
    case Hint::no_v1_token:
        return "no_v1_token";
    case Hint::signature_matches_outside_window:
        return "signature_matches_outside_window";
    case Hint::body_matches_compact:
        return "body_matches_compact";
    case Hint::body_matches_indented:
        return "body_matches_indented";
    case Hint::body_matches_compact_with_newline:
        return "body_matches_compact_with_newline";
    case Hint::body_matches_indented_with_newline:
        return "body_matches_indented_with_newline";
    }
    return "no_v1_token";
}

std::string_view hint_text(Hint hint) {
    switch (hint) {
    case Hint::body_has_extra_trailing_newline:
        return "the body would match without its final newline: an editor or `echo` probably "
               "added it; use the exact bytes received";
    case Hint::body_lacks_trailing_newline:
        return "the body would match with a final newline: the sender's body ended with one "
               "that was lost when it was copied";
    case Hint::body_has_crlf:
        return "the body would match with LF line ends instead of CRLF: the file was converted "
               "(git autocrlf, a Windows editor); use the exact bytes received";
    case Hint::secret_used_as_literal_text:
        return "the signature was made with the secret's text itself as the key, as Stripe "
               "does; Standard Webhooks keys HMAC with the base64-decoded bytes after whsec_";
    case Hint::timestamp_in_milliseconds:
        return "the timestamp looks like milliseconds; webhook-timestamp is in seconds";
    case Hint::no_v1_token:
        return "the signature header has no token these keys can check: expected "
               "'v1,<base64>' (or 'v1a,<base64>' for whsk_/whpk_ keys), separated by spaces "
               "(a Stripe header 't=...,v1=...' is a different scheme)";
    case Hint::signature_matches_outside_window:
        return "the signature itself is correct: to check a captured delivery, pass its time "
               "with --now or skip the time check with --ignore-timestamp";
    case Hint::body_matches_compact:
        return "the body would match if the same JSON were serialized compactly: it was parsed "
               "and written again with indentation (a framework's body parser, a logger, jq); "
               "verify the raw bytes as received";
    case Hint::body_matches_indented:
        return "the body would match if the same JSON were serialized with indentation: it was "
               "parsed and written again compactly (a framework's body parser, JSON.stringify); "
               "verify the raw bytes as received";
    case Hint::body_matches_compact_with_newline:
        return "the body would match if the same JSON were serialized compactly with a final "
               "newline: it was parsed and written again with indentation and without that "
               "newline; verify the raw bytes as received";
    case Hint::body_matches_indented_with_newline:
        return "the body would match if the same JSON were serialized with indentation and a "
               "final newline (as `ats-hook emit` and `sign FILE` write it): it was parsed and "
               "written again compactly (a framework's body parser, JSON.stringify); verify the "
               "raw bytes as received";
    }
    return "";
}

} // namespace atshook::signature
