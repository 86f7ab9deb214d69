// The small texts a delivery is checked with, each from its own field of the input (fields are
// separated by lines holding only "%%"): a headers file, a webhook-signature header, secrets
// (one per line), a webhook-timestamp, a --now moment, a --tolerance and the body. Whatever
// verifies must have been signed, and whatever is signed must verify.
#include "fuzz_target.hpp"
#include "test_keys.hpp"

#include "atshook/base64.hpp"
#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/sign.hpp"
#include "atshook/signature/verify.hpp"

#include <algorithm>
#include <string>

namespace {

namespace signature = atshook::signature;
using signature::KeyKind;
using signature::Secret;

bool same_bytes(std::span<const unsigned char> a, std::span<const unsigned char> b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

void check_base64(std::string_view text) {
    const auto decoded = atshook::base64_decode(text);
    if (decoded.problem) {
        fuzz::require(decoded.problem->position <= text.size(), "a base64 problem is in the text");
        fuzz::require(!atshook::describe(*decoded.problem).empty(),
                      "a base64 problem is described");
        return;
    }
    const auto again = atshook::base64_decode(atshook::base64_encode(decoded.bytes));
    fuzz::require(!again.problem && again.bytes == decoded.bytes, "base64 round-trips");
}

// Parses one secret line; a parsed key survives its own text form unchanged.
std::optional<Secret> read_secret(std::string_view text) {
    check_base64(text);
    try {
        Secret secret = signature::parse_secret(text, "secret line");
        std::string formatted = secret.kind() == KeyKind::hmac ? format_hmac_secret(secret)
                                : secret.kind() == KeyKind::ed25519_private
                                    ? format_ed25519_private(secret)
                                    : format_ed25519_public(secret);
        const Secret again = signature::parse_secret(formatted, "formatted secret");
        fuzz::require(again.kind() == secret.kind() && same_bytes(again.key(), secret.key()) &&
                          same_bytes(again.public_key(), secret.public_key()),
                      "a secret's text form reads back as the same key");
        return secret;
    } catch (const atshook::Error& e) {
        const std::string_view message = e.what();
        // A text with a space can be a phrase of the message itself (the fuzzer found "...base64
        // alphabet (A-Z a-z 0-9 "); a key never has one, so those prove nothing.
        fuzz::require(text.size() < 12 || text.find(' ') != std::string_view::npos ||
                          message.find(text) == std::string_view::npos,
                      "an error about a secret never quotes it");
        return std::nullopt;
    }
}

void check_tokens(std::string_view header) {
    for (const auto& token : signature::parse_signature_tokens(header)) {
        fuzz::require(token.version.data() >= header.data() &&
                          token.value.data() + token.value.size() <= header.data() + header.size(),
                      "signature tokens point into the header");
        fuzz::require(token.version.find_first_of(", ") == std::string_view::npos &&
                          token.value.find(' ') == std::string_view::npos,
                      "a token is split at its first comma and ends at a space");
    }
}

void check_timestamp(std::string_view text) {
    const auto parsed = signature::parse_timestamp(text);
    if (!parsed.ok()) return;
    const auto again = signature::parse_timestamp(std::to_string(parsed.seconds));
    fuzz::require(again.ok() && again.seconds == parsed.seconds, "a timestamp round-trips");
}

// Signs the body with every key that can sign and checks that the signature verifies.
void check_signing(std::span<const Secret> secrets, std::string_view id, std::int64_t timestamp,
                   std::string_view body) {
    std::vector<Secret> signers;
    for (const auto& secret : secrets)
        if (secret.kind() != KeyKind::ed25519_public)
            signers.push_back(signature::parse_secret(secret.kind() == KeyKind::hmac
                                                          ? format_hmac_secret(secret)
                                                          : format_ed25519_private(secret),
                                                      "signing key"));
    if (signers.empty()) return;
    signature::SignedHeaders sent;
    try {
        sent = signature::sign_delivery(signers, {id, timestamp, body});
    } catch (const atshook::Error&) {
        return; // an id that cannot be signed
    }
    signature::DeliveryHeaders headers;
    headers.id = signature::HeaderValue{sent.id, "webhook-id"};
    headers.timestamp = signature::HeaderValue{sent.timestamp, "webhook-timestamp"};
    headers.signature = signature::HeaderValue{sent.signature, "webhook-signature"};
    const auto result = signature::verify_delivery(headers, body, signers, {0, 300, false});
    fuzz::require(result.ok(), "a delivery signed with a key verifies with it");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto fields = fuzz::split_fields(fuzz::as_text(data, size), 7);
    const std::string_view header_lines = fields[0], signature_header = fields[1],
                           secret_lines = fields[2], timestamp = fields[3], moment = fields[4],
                           tolerance = fields[5], body = fields[6];

    std::vector<Secret> secrets = fuzz::test_secrets();
    for (std::size_t at = 0; at <= secret_lines.size();) {
        const std::size_t end = std::min(secret_lines.find('\n', at), secret_lines.size());
        if (auto secret = read_secret(secret_lines.substr(at, end - at)))
            secrets.push_back(std::move(*secret));
        at = end + 1;
    }
    check_tokens(signature_header);
    check_timestamp(timestamp);
    const auto now = signature::parse_moment(moment);
    const auto seconds = signature::parse_timestamp(tolerance);
    const signature::VerifyOptions options{now.ok() ? now.seconds : fuzz::k_now,
                                           seconds.ok() ? seconds.seconds : 300, true};

    // As `verify --id --timestamp --signature` passes them.
    signature::DeliveryHeaders flags;
    flags.id = signature::HeaderValue{"msg_2cKfTq8ZbW1nVxR4hYp0LmE3sJd", "--id"};
    flags.timestamp = signature::HeaderValue{std::string(timestamp), "--timestamp"};
    flags.signature = signature::HeaderValue{std::string(signature_header), "--signature"};
    try {
        signature::verify_delivery(flags, body, secrets, options);
    } catch (const atshook::Error&) {
        fuzz::require(options.tolerance_seconds < 0, "only a negative tolerance is refused");
    }

    // As `verify --headers FILE` reads them.
    try {
        const auto lines = atshook::parse_header_lines(header_lines, "headers.txt");
        const auto headers = signature::find_delivery_headers(lines, "headers.txt");
        const auto result = signature::verify_delivery(headers, body, secrets, options);
        if (result.ok())
            fuzz::require(*result.matched_secret < secrets.size(), "the matching secret exists");
        if (headers.id && !headers.id->value.empty())
            check_signing(secrets, headers.id->value, fuzz::k_now, body);
    } catch (const atshook::Error&) {
        // malformed header lines, a header given twice, or a negative tolerance
    }
    const auto parsed = signature::parse_timestamp(timestamp);
    check_signing(secrets, "msg_2cKfTq8ZbW1nVxR4hYp0LmE3sJd", parsed.ok() ? parsed.seconds : 0,
                  body);
    return 0;
}
