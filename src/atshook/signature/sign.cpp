#include "atshook/signature/sign.hpp"

#include "atshook/base64.hpp"
#include "atshook/error.hpp"
#include "atshook/limits.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <vector>

namespace atshook::signature {
namespace {

template <typename T, void (*Free)(T*)> struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using MacPtr = std::unique_ptr<EVP_MAC, Deleter<EVP_MAC, EVP_MAC_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX, EVP_MAC_CTX_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

constexpr std::size_t k_ed25519_signature_bytes = 64;

const unsigned char* bytes_of(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

// Ed25519 (pure, RFC 8032) needs the whole message in one piece; HMAC streams the three parts.
std::string joined_content(const SignedContent& content) {
    const std::string timestamp = std::to_string(content.timestamp);
    std::string joined;
    joined.reserve(content.id.size() + timestamp.size() + content.body.size() + 2);
    joined.append(content.id).append(".").append(timestamp).append(".").append(content.body);
    return joined;
}

[[noreturn]] void openssl_failed(std::string_view what) {
    throw Error("OpenSSL failed to " + std::string(what));
}

// HMAC-SHA256 contexts with their key already set, a few per thread. Fetching the algorithm,
// making a context and setting the key cost several times more than hashing a 1 kB delivery
// (measured in listen: 14% of its CPU, against 3% for the hashing), and a receiver uses the
// same one or two keys for every delivery.
class KeyedMacs {
public:
    KeyedMacs() = default;
    KeyedMacs(const KeyedMacs&) = delete;
    KeyedMacs& operator=(const KeyedMacs&) = delete;
    ~KeyedMacs() {
        for (auto& entry : m_entries) OPENSSL_cleanse(entry.key.data(), entry.key.size());
    }

    // A context keyed with `key`, ready for its first update.
    EVP_MAC_CTX* ready_for(std::span<const unsigned char> key) {
        for (auto& entry : m_entries)
            if (std::equal(entry.key.begin(), entry.key.end(), key.begin(), key.end())) {
                // Without a key, init starts a new message with the key set before.
                if (EVP_MAC_init(entry.ctx.get(), nullptr, 0, nullptr) != 1)
                    openssl_failed("restart HMAC-SHA256");
                return entry.ctx.get();
            }
        static const MacPtr mac{EVP_MAC_fetch(nullptr, "HMAC", nullptr)};
        if (!mac) openssl_failed("load HMAC");
        MacCtxPtr ctx{EVP_MAC_CTX_new(mac.get())};
        if (!ctx) openssl_failed("create an HMAC context");
        char digest[] = "SHA256";
        const std::array<OSSL_PARAM, 2> params{
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_END};
        if (EVP_MAC_init(ctx.get(), key.data(), key.size(), params.data()) != 1)
            openssl_failed("compute HMAC-SHA256");
        if (m_entries.size() == k_capacity) {
            OPENSSL_cleanse(m_entries.front().key.data(), m_entries.front().key.size());
            m_entries.erase(m_entries.begin());
        }
        m_entries.push_back({{key.begin(), key.end()}, std::move(ctx)});
        return m_entries.back().ctx.get();
    }

private:
    // Rotation gives a receiver two secrets, and the hints try each one's text as a key too.
    static constexpr std::size_t k_capacity = 8;
    struct Entry {
        std::vector<unsigned char> key;
        MacCtxPtr ctx;
    };
    std::vector<Entry> m_entries;
};

} // namespace

std::string hmac_signature(std::span<const unsigned char> key, const SignedContent& content) {
    thread_local KeyedMacs macs;
    EVP_MAC_CTX* ctx = macs.ready_for(key);
    // The timestamp's decimal digits, without a string: at most 20 characters.
    std::array<char, 24> timestamp{};
    const auto [end, error] =
        std::to_chars(timestamp.data(), timestamp.data() + timestamp.size(), content.timestamp);
    const std::size_t timestamp_size = static_cast<std::size_t>(end - timestamp.data());
    if (error != std::errc{} || EVP_MAC_update(ctx, bytes_of(content.id), content.id.size()) != 1 ||
        EVP_MAC_update(ctx, bytes_of("."), 1) != 1 ||
        EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(timestamp.data()),
                       timestamp_size) != 1 ||
        EVP_MAC_update(ctx, bytes_of("."), 1) != 1 ||
        EVP_MAC_update(ctx, bytes_of(content.body), content.body.size()) != 1)
        openssl_failed("compute HMAC-SHA256");
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    std::size_t length = 0;
    if (EVP_MAC_final(ctx, out.data(), &length, out.size()) != 1)
        openssl_failed("finish HMAC-SHA256");
    return base64_encode(std::span(out.data(), length));
}

std::string ed25519_signature(const Secret& secret, const SignedContent& content) {
    PkeyPtr key{EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, secret.key().data(),
                                             secret.key().size())};
    MdCtxPtr ctx{EVP_MD_CTX_new()};
    if (!key || !ctx) openssl_failed("load the Ed25519 key");
    const std::string message = joined_content(content);
    std::array<unsigned char, k_ed25519_signature_bytes> signature{};
    std::size_t length = signature.size();
    if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), signature.data(), &length, bytes_of(message), message.size()) !=
            1)
        openssl_failed("sign with Ed25519");
    return base64_encode(std::span(signature.data(), length));
}

bool ed25519_verifies(const Secret& secret, std::span<const unsigned char> signature,
                      const SignedContent& content) {
    if (signature.size() != k_ed25519_signature_bytes) return false;
    PkeyPtr key{EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, secret.public_key().data(),
                                            secret.public_key().size())};
    MdCtxPtr ctx{EVP_MD_CTX_new()};
    if (!key || !ctx) openssl_failed("load the Ed25519 public key");
    const std::string message = joined_content(content);
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        openssl_failed("start Ed25519 verification");
    return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), bytes_of(message),
                            message.size()) == 1;
}

std::string signature_token(const Secret& secret, const SignedContent& content) {
    switch (secret.kind()) {
    case KeyKind::hmac:
        return "v1," + hmac_signature(secret.key(), content);
    case KeyKind::ed25519_private:
        return "v1a," + ed25519_signature(secret, content);
    case KeyKind::ed25519_public:
        break;
    }
    throw Error("a whpk_ key is a public key and cannot sign; sign with its whsk_ private key");
}

SignedHeaders sign_delivery(std::span<const Secret> secrets, const SignedContent& content) {
    if (content.id.empty()) throw Error("the message id is empty");
    if (content.id.find('.') != std::string_view::npos)
        throw Error("the message id '" + std::string(content.id) +
                    "' contains '.', which would make the signed content ambiguous");
    if (secrets.empty()) throw Error("no secret to sign with");
    // One token per secret, and verify reads at most this many: sign nothing it would refuse.
    if (secrets.size() > limits::k_signature_tokens)
        throw Error(std::to_string(secrets.size()) + " secrets would make " +
                    std::to_string(secrets.size()) + " signatures; verify checks at most " +
                    std::to_string(limits::k_signature_tokens));
    SignedHeaders headers{std::string(content.id), std::to_string(content.timestamp), {}};
    for (const auto& secret : secrets) {
        if (!headers.signature.empty()) headers.signature += ' ';
        headers.signature += signature_token(secret, content);
    }
    return headers;
}

std::string message_id(std::span<const unsigned char> random) {
    constexpr std::string_view k_base62 =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    constexpr std::size_t k_length = 27;
    if (random.size() < k_length) throw Error("a message id needs 27 random bytes");
    std::string id = "msg_";
    // byte % 62 slightly favours the first 8 characters; ids need uniqueness, not uniformity.
    for (std::size_t i = 0; i < k_length; ++i) id += k_base62[random[i] % 62];
    return id;
}

} // namespace atshook::signature
