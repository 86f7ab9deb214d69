#pragma once
#include "atshook/signature/secret.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace atshook::signature {

// What a sender signs: id "." timestamp "." body, the timestamp in canonical decimal.
struct SignedContent {
    std::string_view id;
    std::int64_t timestamp = 0;
    std::string_view body; // the raw bytes, never re-serialised
};

// base64(HMAC-SHA256(key, content)) through OpenSSL EVP_MAC: the 44-character `v1` value.
std::string hmac_signature(std::span<const unsigned char> key, const SignedContent& content);

// base64(Ed25519 signature) of the content: the 88-character `v1a` value. `secret` must hold a
// private key.
std::string ed25519_signature(const Secret& secret, const SignedContent& content);

// Whether the 64 signature bytes are a valid Ed25519 signature of the content under the public
// key of `secret` (a whsk_ or whpk_ key).
bool ed25519_verifies(const Secret& secret, std::span<const unsigned char> signature,
                      const SignedContent& content);

// One header token, "v1,<base64>" for an HMAC secret or "v1a,<base64>" for a whsk_ key.
// Throws atshook::Error for a whpk_ key: a public key cannot sign.
std::string signature_token(const Secret& secret, const SignedContent& content);

// The three header values a sender writes. With several secrets (rotation) the signature
// header holds one token per secret, in order, separated by single spaces.
struct SignedHeaders {
    std::string id;
    std::string timestamp;
    std::string signature;
};
// Throws atshook::Error when the id or timestamp cannot be signed unambiguously (the id is
// empty or contains '.'), when no secret is given, or for more than limits::k_signature_tokens
// secrets (verify would refuse the header).
SignedHeaders sign_delivery(std::span<const Secret> secrets, const SignedContent& content);

// A fresh `msg_` id in the style of Svix: "msg_" and 27 base62 characters from `random`
// (at least 27 bytes, e.g. from random_bytes).
std::string message_id(std::span<const unsigned char> random);

} // namespace atshook::signature
