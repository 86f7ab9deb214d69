#include "atshook/signature/secret.hpp"

#include "atshook/base64.hpp"
#include "atshook/error.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <memory>

namespace atshook::signature {
namespace {

constexpr std::size_t k_ed25519_bytes = 32;

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

KeyBytes derive_ed25519_public(std::span<const unsigned char> seed) {
    PkeyPtr key{EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size())};
    if (!key) throw Error("OpenSSL could not load an Ed25519 key");
    std::vector<unsigned char> public_key(k_ed25519_bytes);
    std::size_t length = public_key.size();
    if (EVP_PKEY_get_raw_public_key(key.get(), public_key.data(), &length) != 1 ||
        length != k_ed25519_bytes)
        throw Error("OpenSSL could not derive an Ed25519 public key");
    return KeyBytes(public_key);
}

// Decodes the base64 part of a key; the decoded bytes are wiped when the result goes away.
KeyBytes decode_key(std::string_view base64, std::string_view origin, std::string_view prefix) {
    auto decoded = base64_decode(base64);
    KeyBytes bytes(decoded.bytes);
    OPENSSL_cleanse(decoded.bytes.data(), decoded.bytes.size());
    if (decoded.problem)
        throw Error(std::string(origin) + ": the secret is not valid: after '" +
                    std::string(prefix) + "', " + describe(*decoded.problem));
    if (bytes.empty())
        throw Error(std::string(origin) + ": the secret is empty" +
                    (prefix.empty() ? "" : " after '" + std::string(prefix) + "'"));
    return bytes;
}

} // namespace

KeyBytes::KeyBytes(std::span<const unsigned char> bytes) : m_bytes(bytes.begin(), bytes.end()) {}

KeyBytes::KeyBytes(std::string_view text)
    : KeyBytes(std::span(reinterpret_cast<const unsigned char*>(text.data()), text.size())) {}

KeyBytes::KeyBytes(KeyBytes&& other) noexcept : m_bytes(std::move(other.m_bytes)) {
    other.m_bytes.clear();
}

KeyBytes& KeyBytes::operator=(KeyBytes&& other) noexcept {
    if (this != &other) {
        wipe();
        m_bytes = std::move(other.m_bytes);
        other.m_bytes.clear();
    }
    return *this;
}

KeyBytes::~KeyBytes() {
    wipe();
}

void KeyBytes::wipe() noexcept {
    if (!m_bytes.empty()) OPENSSL_cleanse(m_bytes.data(), m_bytes.size());
}

Secret make_hmac_secret(std::span<const unsigned char> bytes) {
    Secret secret;
    secret.m_kind = KeyKind::hmac;
    secret.m_key = KeyBytes(bytes);
    return secret;
}

Secret make_ed25519_secret(std::span<const unsigned char> seed) {
    if (seed.size() != k_ed25519_bytes) throw Error("an Ed25519 seed has 32 bytes");
    Secret secret;
    secret.m_kind = KeyKind::ed25519_private;
    secret.m_key = KeyBytes(seed);
    secret.m_public = derive_ed25519_public(seed);
    return secret;
}

Secret parse_secret(std::string_view text, std::string_view origin) {
    if (text.empty())
        throw Error(std::string(origin) + ": the secret is empty; expected whsec_ followed by "
                                          "base64, as shown in the webhook's settings");
    Secret secret;
    secret.m_literal = KeyBytes(text);
    if (text.starts_with("whsk_")) {
        KeyBytes bytes = decode_key(text.substr(5), origin, "whsk_");
        if (bytes.size() != 2 * k_ed25519_bytes)
            throw Error(std::string(origin) +
                        ": a whsk_ key holds 64 bytes (seed and public "
                        "key), this one holds " +
                        std::to_string(bytes.size()));
        const auto all = bytes.bytes();
        secret.m_kind = KeyKind::ed25519_private;
        secret.m_key = KeyBytes(all.first(k_ed25519_bytes));
        secret.m_public = derive_ed25519_public(secret.m_key.bytes());
        if (!std::equal(all.begin() + k_ed25519_bytes, all.end(), secret.m_public.bytes().begin()))
            throw Error(std::string(origin) +
                        ": the whsk_ key's public half does not belong to its seed");
        return secret;
    }
    if (text.starts_with("whpk_")) {
        KeyBytes bytes = decode_key(text.substr(5), origin, "whpk_");
        if (bytes.size() != k_ed25519_bytes)
            throw Error(std::string(origin) + ": a whpk_ key holds 32 bytes, this one holds " +
                        std::to_string(bytes.size()));
        secret.m_kind = KeyKind::ed25519_public;
        secret.m_public = std::move(bytes);
        return secret;
    }
    const bool prefixed = text.starts_with("whsec_");
    secret.m_kind = KeyKind::hmac;
    secret.m_key = decode_key(prefixed ? text.substr(6) : text, origin, prefixed ? "whsec_" : "");
    return secret;
}

namespace {

// Prefix and base64 in one buffer sized up front, with room for a newline after it: no
// reallocation leaves a copy of the key text behind for the caller's wipe to miss.
std::string key_text(std::string_view prefix, std::span<const unsigned char> bytes) {
    std::string out;
    out.reserve(prefix.size() + base64_length(bytes.size()) + 1);
    out += prefix;
    base64_append(out, bytes);
    return out;
}

} // namespace

std::string format_hmac_secret(const Secret& secret) {
    return key_text("whsec_", secret.key());
}

std::string format_ed25519_private(const Secret& secret) {
    KeyBytes both = [&] {
        // Sized up front: growing the vector would leave a stale copy of the seed behind.
        std::vector<unsigned char> joined(secret.key().size() + secret.public_key().size());
        std::copy(secret.key().begin(), secret.key().end(), joined.begin());
        std::copy(secret.public_key().begin(), secret.public_key().end(),
                  joined.begin() + static_cast<std::ptrdiff_t>(secret.key().size()));
        KeyBytes result(joined);
        OPENSSL_cleanse(joined.data(), joined.size());
        return result;
    }();
    return key_text("whsk_", both.bytes());
}

std::string format_ed25519_public(const Secret& secret) {
    return key_text("whpk_", secret.public_key());
}

KeyBytes random_bytes(std::size_t count) {
    std::vector<unsigned char> bytes(count);
    if (count > INT_MAX || RAND_bytes(bytes.data(), static_cast<int>(count)) != 1)
        throw Error("OpenSSL could not produce random bytes");
    KeyBytes result(bytes);
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return result;
}

} // namespace atshook::signature
