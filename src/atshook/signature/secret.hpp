#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::signature {

// Key bytes that are wiped (OPENSSL_cleanse) when they go away. Sized once, never grown, so no
// reallocation leaves a stale copy behind. Move-only, so there is one owner of each copy.
class KeyBytes {
public:
    KeyBytes() = default;
    explicit KeyBytes(std::span<const unsigned char> bytes);
    explicit KeyBytes(std::string_view text);
    KeyBytes(KeyBytes&& other) noexcept;
    KeyBytes& operator=(KeyBytes&& other) noexcept;
    KeyBytes(const KeyBytes&) = delete;
    KeyBytes& operator=(const KeyBytes&) = delete;
    ~KeyBytes();

    std::span<const unsigned char> bytes() const { return m_bytes; }
    std::size_t size() const { return m_bytes.size(); }
    bool empty() const { return m_bytes.empty(); }

private:
    void wipe() noexcept;
    std::vector<unsigned char> m_bytes;
};

enum class KeyKind {
    hmac,            // whsec_: signs and verifies v1 tokens
    ed25519_private, // whsk_: signs v1a tokens, and verifies them with its public half
    ed25519_public,  // whpk_: verifies v1a tokens only
};

// A webhook key parsed from its text form. Never printable: it has no operator<< and error
// messages about it say where it came from, never what it contains.
class Secret {
public:
    KeyKind kind() const { return m_kind; }
    // HMAC key, or the 32-byte Ed25519 seed of a private key; empty for a public key.
    std::span<const unsigned char> key() const { return m_key.bytes(); }
    // The 32-byte Ed25519 public key (empty for HMAC).
    std::span<const unsigned char> public_key() const { return m_public.bytes(); }
    // The text exactly as given, for the "keyed with the literal text, as Stripe does" hint.
    std::span<const unsigned char> literal_text() const { return m_literal.bytes(); }
    // Standard Webhooks asks for 24 to 64 random bytes; nobody enforces it, so we warn.
    bool is_short() const { return m_kind == KeyKind::hmac && m_key.size() < k_min_bytes; }

    static constexpr std::size_t k_min_bytes = 24;
    static constexpr std::size_t k_max_bytes = 64;

private:
    friend Secret parse_secret(std::string_view text, std::string_view origin);
    friend Secret make_hmac_secret(std::span<const unsigned char> bytes);
    friend Secret make_ed25519_secret(std::span<const unsigned char> seed);
    KeyKind m_kind = KeyKind::hmac;
    KeyBytes m_key;
    KeyBytes m_public;
    KeyBytes m_literal;
};

// Parses `whsec_<base64>` (or bare base64), `whsk_<base64 of seed + public key>` or
// `whpk_<base64 of public key>`. Base64 is standard with optional padding. Throws
// atshook::Error naming `origin` (e.g. "secret file keys.txt line 2") and what is wrong;
// the message never contains any part of `text`.
Secret parse_secret(std::string_view text, std::string_view origin);

Secret make_hmac_secret(std::span<const unsigned char> bytes);
// An Ed25519 private key from its 32-byte seed (RFC 8032); the public half is derived.
Secret make_ed25519_secret(std::span<const unsigned char> seed);

// Text forms, as keygen writes them: "whsec_...", "whsk_...", "whpk_...". Each has capacity for
// one more character, so appending a newline does not reallocate; wipe it when done.
std::string format_hmac_secret(const Secret& secret);
std::string format_ed25519_private(const Secret& secret);
std::string format_ed25519_public(const Secret& secret);

// Cryptographically random bytes (OpenSSL RAND_bytes); throws atshook::Error on failure.
KeyBytes random_bytes(std::size_t count);

} // namespace atshook::signature
