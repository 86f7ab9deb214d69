// Hints on failure (spec section 9), sign/verify round trips, tamper detection and rotation.
#include "atshook/signature/sign.hpp"
#include "atshook/signature/verify.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace atshook::signature;

namespace {

constexpr std::string_view k_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::string_view k_id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr std::int64_t k_now = 1614265330;
constexpr std::string_view k_body = R"({"test": 2432232314})";

DeliveryHeaders headers(std::string_view id, std::string_view timestamp,
                        std::string_view signature) {
    DeliveryHeaders h;
    h.id = HeaderValue{std::string(id), "webhook-id"};
    h.timestamp = HeaderValue{std::string(timestamp), "webhook-timestamp"};
    h.signature = HeaderValue{std::string(signature), "webhook-signature"};
    return h;
}

std::vector<Secret> keys(std::initializer_list<std::string_view> texts) {
    std::vector<Secret> result;
    for (auto text : texts)
        result.push_back(parse_secret(text, "test"));
    return result;
}

VerifyResult verify(std::string_view signature, std::string_view body,
                    std::string_view timestamp = "1614265330") {
    const auto secrets = keys({k_secret});
    return verify_delivery(headers(k_id, timestamp, signature), body, secrets,
                           VerifyOptions{k_now, 300, true});
}

bool has_hint(const VerifyResult &r, Hint hint) {
    return std::find(r.hints.begin(), r.hints.end(), hint) != r.hints.end();
}

std::string random_body(std::mt19937 &rng, std::size_t size) {
    std::string body(size, '\0');
    std::uniform_int_distribution<int> byte(0, 255);
    for (auto &c : body)
        c = static_cast<char>(byte(rng));
    return body;
}

VerifyResult sign_then_verify(std::span<const Secret> signers, std::span<const Secret> verifiers,
                              std::string_view id, std::int64_t ts, std::string_view body) {
    const auto h = sign_delivery(signers, SignedContent{id, ts, body});
    return verify_delivery(headers(h.id, h.timestamp, h.signature), body, verifiers,
                           VerifyOptions{ts, 300, true});
}

} // namespace

TEST_CASE("hint: the body would match without its trailing newline") {
    const auto result =
        verify("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", std::string(k_body) + "\n");
    CHECK(result.reason == Reason::no_matching_signature);
    CHECK(result.hints == std::vector{Hint::body_has_extra_trailing_newline});
    CHECK(has_hint(
        verify("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", std::string(k_body) + "\r\n"),
        Hint::body_has_extra_trailing_newline));
}

TEST_CASE("hint: the body would match with the trailing newline the sender had") {
    // HMAC of the body plus "\n", computed with Python's hmac module.
    const auto result = verify("v1,FIt3hYjPQCdyuyMOw+0dZwwjGRAx1Il4CsgdFnOmrcc=", k_body);
    CHECK(result.reason == Reason::no_matching_signature);
    CHECK(result.hints == std::vector{Hint::body_lacks_trailing_newline});
}

TEST_CASE("hint: the body would match with LF instead of CRLF") {
    // Signed over "{\n  \"test\": 2432232314\n}\n"; the file was converted to CRLF.
    const auto result = verify("v1,3tKlI11l2IWz1U4oWOxqsWNwRZCORQcoolmtMTE+O4Q=",
                               "{\r\n  \"test\": 2432232314\r\n}\r\n");
    CHECK(result.reason == Reason::no_matching_signature);
    CHECK(result.hints == std::vector{Hint::body_has_crlf});
}

TEST_CASE("hint: the secret would match as literal text, as Stripe keys its HMAC") {
    const auto result = verify("v1,TcxlhK9b6UD6iVI1ZU2tTqp8PEVfYRseNNfa6b+LcUg=", k_body);
    CHECK(result.reason == Reason::no_matching_signature);
    CHECK(result.hints == std::vector{Hint::secret_used_as_literal_text});
}

TEST_CASE("hint: a timestamp in milliseconds is too new and says why") {
    const auto result =
        verify("v1,rTuMKFUiBNE7gJ41LZxwvD1dtGO0rPk1IamJN9BSq2w=", k_body, "1614265330000");
    CHECK(result.reason == Reason::too_new);
    CHECK(has_hint(result, Hint::timestamp_in_milliseconds));
    CHECK_FALSE(has_hint(verify("v1,x", k_body, "1614266330"), Hint::timestamp_in_milliseconds));
}

TEST_CASE("hint: a signature header without any v1 token") {
    for (const auto *header : {"t=1614265330,v1=5257a869e7", "g0hM9SsE+OTPJTGt", "v2,abc"}) {
        CAPTURE(header);
        const auto result = verify(header, k_body);
        CHECK(result.reason == Reason::no_matching_signature);
        CHECK(result.hints == std::vector{Hint::no_v1_token});
    }
}

TEST_CASE("a plain mismatch gives no hint rather than a wrong one") {
    const auto result = verify("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=", k_body);
    CHECK(result.hints.empty());
    CHECK(result.detail == "1 v1, 0 v1a and 0 other token(s) in the signature header, 1 secret "
                           "tried");
}

TEST_CASE("random bodies round-trip: empty, non-UTF-8, and 1 MiB") {
    std::mt19937 rng(20240124);
    const auto secrets = keys({k_secret});
    for (const std::size_t size : {0u, 1u, 2u, 3u, 63u, 64u, 65u, 1000u, 1u << 20}) {
        CAPTURE(size);
        const std::string body = random_body(rng, size);
        CHECK(sign_then_verify(secrets, secrets, k_id, k_now, body).reason == Reason::ok);
    }
    const std::string invalid_utf8 = "\xff\xfe\xc0\x80{\"a\":\"\xed\xa0\x80\"}";
    CHECK(sign_then_verify(secrets, secrets, k_id, k_now, invalid_utf8).reason == Reason::ok);
    CHECK(sign_then_verify(secrets, secrets, k_id, k_now, std::string(5, '\0')).reason ==
          Reason::ok);
}

TEST_CASE("the empty body signs id.ts. exactly as Python's hmac does") {
    const auto secrets = keys({k_secret});
    const auto h = sign_delivery(secrets, SignedContent{k_id, k_now, ""});
    CHECK(h.signature == "v1,v48jdbgvh29KJz2Qc+ghw8G6vG3nAKnujWBg8oM/62A=");
}

TEST_CASE("every single-byte change of body, id, timestamp or signature fails") {
    std::mt19937 rng(7);
    const auto secrets = keys({k_secret});
    const std::string body = random_body(rng, 200);
    const auto h = sign_delivery(secrets, SignedContent{k_id, k_now, body});
    const auto check = [&](const std::string &id, const std::string &ts, const std::string &sig,
                           const std::string &b) {
        return verify_delivery(headers(id, ts, sig), b, secrets, VerifyOptions{k_now, 0, false});
    };
    REQUIRE(check(h.id, h.timestamp, h.signature, body).ok());
    const auto flip = [](std::string text, std::size_t i) {
        text[i] = static_cast<char>(text[i] ^ 0x01);
        return text;
    };
    for (std::size_t i = 0; i < body.size(); ++i)
        CHECK_FALSE(check(h.id, h.timestamp, h.signature, flip(body, i)).ok());
    for (std::size_t i = 0; i < h.id.size(); ++i)
        CHECK_FALSE(check(flip(h.id, i), h.timestamp, h.signature, body).ok());
    for (std::size_t i = 0; i < h.timestamp.size(); ++i)
        CHECK_FALSE(check(h.id, flip(h.timestamp, i), h.signature, body).ok());
    for (std::size_t i = 0; i < h.signature.size(); ++i)
        CHECK_FALSE(check(h.id, h.timestamp, flip(h.signature, i), body).ok());
}

TEST_CASE("rotation: old and new secrets verify in both directions") {
    constexpr std::string_view k_old = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    constexpr std::string_view k_new = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    const auto old_only = keys({k_old});
    const auto new_only = keys({k_new});
    const auto both = keys({k_old, k_new});
    const auto both_reversed = keys({k_new, k_old});

    SUBCASE("a sender signing with both passes a receiver holding either") {
        CHECK(sign_then_verify(both, old_only, k_id, k_now, k_body).ok());
        CHECK(sign_then_verify(both, new_only, k_id, k_now, k_body).ok());
        const auto result = sign_then_verify(both_reversed, old_only, k_id, k_now, k_body);
        CHECK(result.ok());
        CHECK(result.matched_secret == 0u);
    }
    SUBCASE("a receiver holding both accepts a sender with either, naming which matched") {
        CHECK(sign_then_verify(old_only, both, k_id, k_now, k_body).matched_secret == 0u);
        CHECK(sign_then_verify(new_only, both, k_id, k_now, k_body).matched_secret == 1u);
    }
    SUBCASE("a sender signing with both writes two tokens separated by one space") {
        const auto h = sign_delivery(both, SignedContent{k_id, k_now, k_body});
        CHECK(h.signature.starts_with("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,"));
        CHECK(std::count(h.signature.begin(), h.signature.end(), ' ') == 1);
    }
    SUBCASE("a wrong secret fails") {
        CHECK(sign_then_verify(old_only, new_only, k_id, k_now, k_body).reason ==
              Reason::no_matching_signature);
    }
}

TEST_CASE("Ed25519: whsk_ signs v1a, whpk_ and whsk_ verify it, HMAC secrets skip it") {
    const auto private_key = make_ed25519_secret(random_bytes(32).bytes());
    std::vector<Secret> signer;
    signer.push_back(parse_secret(format_ed25519_private(private_key), "s"));
    const auto public_only = keys({format_ed25519_public(private_key)});
    const auto hmac_only = keys({k_secret});
    std::mt19937 rng(3);
    const std::string body = random_body(rng, 4096);
    const auto result = sign_then_verify(signer, public_only, k_id, k_now, body);
    CHECK(result.ok());
    CHECK(result.matched_version == "v1a");
    CHECK(sign_then_verify(signer, signer, k_id, k_now, body).ok());
    const auto hmac = sign_then_verify(signer, hmac_only, k_id, k_now, body);
    CHECK(hmac.reason == Reason::no_matching_signature);
    CHECK(hmac.hints == std::vector{Hint::no_v1_token});
    const auto h = sign_delivery(signer, SignedContent{k_id, k_now, body});
    CHECK(h.signature.size() == 4 + 88);
    CHECK_FALSE(verify_delivery(headers(k_id, "1614265330", h.signature), body + "x", public_only,
                                VerifyOptions{k_now, 300, true})
                    .ok());
}
