// Secrets (spec section 3 and 9): their text forms, strict parsing and Ed25519 keys.
#include "atshook/error.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/secret.hpp"
#include "atshook/signature/sign.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace atshook::signature;

namespace {

std::string error_of(std::string_view text) {
    try {
        parse_secret(text, "secret file keys.txt line 2");
    } catch (const atshook::Error &e) {
        return e.what();
    }
    return "";
}

std::vector<unsigned char> bytes_of(const std::string &hex) {
    std::vector<unsigned char> out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

// RFC 8032 section 7.1, test 1.
const auto k_seed = bytes_of("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
const auto k_public = bytes_of("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
constexpr std::string_view k_whsk = "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2DXWpgBgrEKt9VL/"
                                    "tPJZAc6DuFy89qmIyWvAhpo9wdRGg==";
constexpr std::string_view k_whpk = "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

} // namespace

TEST_CASE("a whsec_ secret's key is the base64-decoded bytes, not the text") {
    const auto secret = parse_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "s");
    CHECK(secret.kind() == KeyKind::hmac);
    CHECK(secret.key().size() == 24);
    CHECK(secret.key()[0] == 0x31);
    CHECK_FALSE(secret.is_short());
    CHECK(format_hmac_secret(secret) == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
}

TEST_CASE("base64 padding in a secret is optional") {
    const auto padded = parse_secret("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGA==", "s");
    const auto bare = parse_secret("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGA", "s");
    CHECK(padded.key().size() == 25);
    CHECK(
        std::equal(padded.key().begin(), padded.key().end(), bare.key().begin(), bare.key().end()));
}

TEST_CASE("a secret with a character outside standard base64 is an error that quotes nothing") {
    const std::string message = error_of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!");
    CHECK(message == "secret file keys.txt line 2: the secret is not valid: after 'whsec_', "
                     "character 32 is not in the standard base64 alphabet (A-Z a-z 0-9 + /)");
    CHECK(error_of("whsec_MfKQ9r8GKYqrTwjUPD8I LPZIo2LaLaSw").find("character 21") !=
          std::string::npos);
    CHECK(error_of("whsec_MfKQ9r8GKYqrTwjUPD8I_PZIo2LaLaSw").find("URL-safe") != std::string::npos);
}

TEST_CASE("an empty secret or a bare whsec_ is an error") {
    CHECK(error_of("") == "secret file keys.txt line 2: the secret is empty; expected whsec_ "
                          "followed by base64, as shown in the webhook's settings");
    CHECK(error_of("whsec_") == "secret file keys.txt line 2: the secret is empty after 'whsec_'");
    CHECK(error_of("whsec_==") != "");
}

TEST_CASE("a key under 24 bytes is accepted but flagged short") {
    const auto secret = parse_secret("whsec_c2hvcnQ=", "s");
    CHECK(secret.key().size() == 5);
    CHECK(secret.is_short());
}

TEST_CASE("a secret keeps its literal text for the Stripe hint") {
    const auto secret = parse_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "s");
    const std::string literal(secret.literal_text().begin(), secret.literal_text().end());
    CHECK(literal == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
}

TEST_CASE("an Ed25519 seed gives the RFC 8032 public key and round-trips through whsk_/whpk_") {
    const auto secret = make_ed25519_secret(k_seed);
    CHECK(std::equal(secret.public_key().begin(), secret.public_key().end(), k_public.begin(),
                     k_public.end()));
    CHECK(format_ed25519_private(secret) == k_whsk);
    CHECK(format_ed25519_public(secret) == k_whpk);
    const auto parsed = parse_secret(k_whsk, "s");
    CHECK(parsed.kind() == KeyKind::ed25519_private);
    CHECK(parse_secret(k_whpk, "s").kind() == KeyKind::ed25519_public);
}

TEST_CASE("Ed25519 keys of the wrong size or with a foreign public half are errors") {
    CHECK(error_of("whpk_c2hvcnQ=") ==
          "secret file keys.txt line 2: a whpk_ key holds 32 bytes, this one holds 5");
    CHECK(error_of("whsk_c2hvcnQ=").find("a whsk_ key holds 64 bytes") != std::string::npos);
    std::string mixed(k_whsk);
    mixed[70] = mixed[70] == 'A' ? 'B' : 'A'; // a character of the public half
    CHECK(error_of(mixed).find("public half does not belong") != std::string::npos);
}

TEST_CASE("an Ed25519 v1a signature matches OpenSSL's for the canonical content") {
    // From `openssl pkeyutl -sign -rawin` with the RFC 8032 seed over
    // 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}'.
    const std::string expected = "fldxM4gAKugP6nnt1hdz3sgGfZ6d99nzrMFnZOELIxbzEHoVmAb2ADpkJK7zgPeP"
                                 "mPsle0zV9jSeGlHFG2NVAw==";
    const auto secret = parse_secret(k_whsk, "s");
    const SignedContent content{"msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                                R"({"test": 2432232314})"};
    CHECK(signature_token(secret, content) == "v1a," + expected);
}

TEST_CASE("a public key cannot sign") {
    const auto secret = parse_secret(k_whpk, "s");
    CHECK_THROWS_AS(signature_token(secret, SignedContent{"msg_1", 1, "{}"}), atshook::Error);
}

TEST_CASE("sign refuses an id that would make the signed content ambiguous") {
    std::vector<Secret> secrets;
    secrets.push_back(parse_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "s"));
    CHECK_THROWS_AS(sign_delivery(secrets, SignedContent{"msg.1", 1, "{}"}), atshook::Error);
    CHECK_THROWS_AS(sign_delivery(secrets, SignedContent{"", 1, "{}"}), atshook::Error);
}

TEST_CASE("message ids look like Svix ids") {
    std::vector<unsigned char> random(27, 0);
    random[1] = 61;
    CHECK(message_id(random) == "msg_0z0000000000000000000000000");
    const auto fresh = random_bytes(27);
    CHECK(message_id(fresh.bytes()).size() == 31);
}

TEST_CASE("a moment is Unix seconds or an RFC 3339 date-time") {
    CHECK(parse_moment("1614265330").seconds == 1614265330);
    CHECK(parse_moment("2021-02-25T15:02:10Z").seconds == 1614265330);
    CHECK(parse_moment("2021-02-25t15:02:10.987z").seconds == 1614265330);
    CHECK(parse_moment("2021-02-25T16:32:10+01:30").seconds == 1614265330);
    CHECK(parse_moment("2021-02-25T10:02:10-05:00").seconds == 1614265330);
    CHECK(parse_moment("1970-01-01T00:00:00Z").seconds == 0);
    CHECK_FALSE(parse_moment("2021-02-30T15:02:10Z").ok());
    CHECK_FALSE(parse_moment("2021-02-25T15:02:10").ok());
    CHECK_FALSE(parse_moment("2021-02-25").ok());
    CHECK_FALSE(parse_moment("yesterday").ok());
    CHECK(parse_moment("-5").seconds == -5);
}
