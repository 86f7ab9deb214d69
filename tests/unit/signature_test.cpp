// The Standard Webhooks behaviour of spec sections 4, 5, 6 and 9, one behaviour per test case.
#include "atshook/error.hpp"
#include "atshook/signature/sign.hpp"
#include "atshook/signature/verify.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace atshook::signature;

namespace {

constexpr std::string_view k_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::string_view k_id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr std::int64_t k_timestamp = 1614265330;
constexpr std::string_view k_body = R"({"test": 2432232314})";
constexpr std::string_view k_signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

DeliveryHeaders headers(std::string_view id, std::string_view timestamp,
                        std::string_view signature) {
    atshook::HeaderFields fields{{"webhook-id", std::string(id), 1},
                                 {"webhook-timestamp", std::string(timestamp), 2},
                                 {"webhook-signature", std::string(signature), 3}};
    return find_delivery_headers(fields, "test");
}

DeliveryHeaders canonical(std::string_view signature = k_signature) {
    return headers(k_id, std::to_string(k_timestamp), signature);
}

std::vector<Secret> secrets(std::initializer_list<std::string_view> texts) {
    std::vector<Secret> result;
    for (auto text : texts) result.push_back(parse_secret(text, "test secret"));
    return result;
}

VerifyResult verify(const DeliveryHeaders& h, std::string_view body = k_body,
                    std::int64_t now = k_timestamp,
                    std::initializer_list<std::string_view> keys = {k_secret}) {
    const auto s = secrets(keys);
    return verify_delivery(h, body, s, VerifyOptions{now, 300, true});
}

bool has_hint(const VerifyResult& r, Hint hint) {
    return std::find(r.hints.begin(), r.hints.end(), hint) != r.hints.end();
}

} // namespace

TEST_CASE("the canonical test vector verifies") {
    const auto result = verify(canonical());
    CHECK(result.reason == Reason::ok);
    CHECK(result.matched_secret == 0u);
    CHECK(result.matched_version == "v1");
    CHECK(result.timestamp_checked);
    CHECK(result.hints.empty());
}

TEST_CASE("sign reproduces the canonical test vector exactly") {
    const auto s = secrets({k_secret});
    const auto signed_headers = sign_delivery(s, SignedContent{k_id, k_timestamp, k_body});
    CHECK(signed_headers.id == k_id);
    CHECK(signed_headers.timestamp == "1614265330");
    CHECK(signed_headers.signature == k_signature);
}

TEST_CASE("a signature with its last character changed does not match") {
    const auto result = verify(canonical("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="));
    CHECK(result.reason == Reason::no_matching_signature);
    CHECK_FALSE(has_hint(result, Hint::no_v1_token));
}

TEST_CASE("a header with several tokens passes when one of them is valid") {
    const std::string several =
        "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= " + std::string(k_signature) +
        " v1,dGVzdA==";
    CHECK(verify(canonical(several)).reason == Reason::ok);
}

TEST_CASE("tokens labelled v2, v1a without an Ed25519 key or V1 are skipped, not failures") {
    const std::string sig(k_signature.substr(3));
    CHECK(verify(canonical("v2," + sig)).reason == Reason::no_matching_signature);
    CHECK(verify(canonical("V1," + sig)).reason == Reason::no_matching_signature);
    CHECK(verify(canonical("v2,abc v1a," + sig + " V1,x " + std::string(k_signature))).reason ==
          Reason::ok);
    CHECK(has_hint(verify(canonical("v2," + sig)), Hint::no_v1_token));
}

TEST_CASE("the secret works with and without the whsec_ prefix") {
    CHECK(verify(canonical(), k_body, k_timestamp, {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}).reason ==
          Reason::ok);
}

TEST_CASE("the tolerance is 300 s both ways, boundary inclusive") {
    CHECK(verify(canonical(), k_body, k_timestamp + 300).reason == Reason::ok);
    CHECK(verify(canonical(), k_body, k_timestamp - 300).reason == Reason::ok);
    const auto old = verify(canonical(), k_body, k_timestamp + 301);
    CHECK(old.reason == Reason::too_old);
    CHECK(old.age_seconds == 301);
    const auto future = verify(canonical(), k_body, k_timestamp - 301);
    CHECK(future.reason == Reason::too_new);
    CHECK(future.age_seconds == -301);
}

TEST_CASE("a too-old delivery whose signature is right says so as a hint") {
    const auto result = verify(canonical(), k_body, k_timestamp + 3600);
    CHECK(result.reason == Reason::too_old);
    CHECK(has_hint(result, Hint::signature_matches_outside_window));
}

TEST_CASE("a stale message with a bad signature reports too_old: time is checked first") {
    const auto result = verify(canonical("v1,bad"), k_body, k_timestamp + 301);
    CHECK(result.reason == Reason::too_old);
    CHECK_FALSE(has_hint(result, Hint::signature_matches_outside_window));
}

TEST_CASE("an absent or empty header is missing_header, checked before everything else") {
    SUBCASE("each header absent") {
        atshook::HeaderFields fields{{"webhook-id", "msg_1", 1}, {"webhook-timestamp", "x", 2}};
        const auto result = verify(find_delivery_headers(fields, "t"));
        CHECK(result.reason == Reason::missing_header);
        CHECK(result.part == HeaderPart::signature);
        CHECK(result.detail == "webhook-signature is absent (also looked for svix-signature)");
    }
    SUBCASE("an empty id") {
        const auto result = verify(headers("", "1614265330", k_signature));
        CHECK(result.reason == Reason::missing_header);
        CHECK(result.part == HeaderPart::id);
        CHECK(result.detail == "webhook-id is empty");
    }
    SUBCASE("an empty timestamp") {
        CHECK(verify(headers(k_id, "", k_signature)).part == HeaderPart::timestamp);
    }
    SUBCASE("an empty signature wins over a malformed timestamp") {
        const auto result = verify(headers(k_id, "soon", ""));
        CHECK(result.reason == Reason::missing_header);
        CHECK(result.part == HeaderPart::signature);
    }
}

TEST_CASE("a timestamp that is not an integer is malformed, never too_old") {
    for (const auto* text : {"1614265330.5", "1614265330.0", "1614265330abc", "abc", "0x10",
                             "1614265330 ", "--5", "+", "99999999999999999999"}) {
        CAPTURE(text);
        const auto result = verify(headers(k_id, text, k_signature));
        CHECK(result.reason == Reason::malformed);
        CHECK(result.part == HeaderPart::timestamp);
        CHECK_FALSE(result.detail.empty());
    }
    CHECK(verify(headers(k_id, "1614265330.5", k_signature)).detail ==
          "webhook-timestamp '1614265330.5' has a fraction; it must be whole seconds");
}

TEST_CASE("a timestamp with a plus sign or leading zeros is signed in canonical decimal") {
    CHECK(verify(headers(k_id, "+1614265330", k_signature)).reason == Reason::ok);
    CHECK(verify(headers(k_id, "01614265330", k_signature)).reason == Reason::ok);
    CHECK(verify(headers(k_id, "000001614265330", k_signature)).reason == Reason::ok);
}

TEST_CASE("the timestamp range is all of int64 and the age saturates instead of overflowing") {
    CHECK(parse_timestamp("-9223372036854775808").seconds == INT64_MIN);
    CHECK(parse_timestamp("9223372036854775807").seconds == INT64_MAX);
    CHECK_FALSE(parse_timestamp("9223372036854775808").ok());
    const auto result = verify(headers(k_id, "-9223372036854775808", k_signature));
    CHECK(result.reason == Reason::too_old);
    CHECK(result.age_seconds == INT64_MAX);
    CHECK(verify(headers(k_id, "9223372036854775807", k_signature), k_body, -5).reason ==
          Reason::too_new);
}

TEST_CASE("the milliseconds hint does not overflow when now is near the int64 limits") {
    // Under UBSan a signed overflow here aborts the test.
    const auto ts = std::to_string(INT64_MAX);
    const auto near_end = verify(headers(k_id, ts, k_signature), k_body, INT64_MAX - 1000);
    CHECK(near_end.reason == Reason::too_new);
    CHECK_FALSE(has_hint(near_end, Hint::timestamp_in_milliseconds));
    const auto ahead = verify(headers(k_id, ts, k_signature), k_body, INT64_MIN);
    CHECK(ahead.reason == Reason::too_new);
    CHECK_FALSE(has_hint(ahead, Hint::timestamp_in_milliseconds));
    const auto near_top =
        verify(headers(k_id, "9223372036854775000", k_signature), k_body, INT64_MAX / 1000);
    CHECK(has_hint(near_top, Hint::timestamp_in_milliseconds));
}

TEST_CASE("a negative tolerance is refused, not read as a window that nothing fits") {
    const auto s = secrets({k_secret});
    CHECK_THROWS_AS(verify_delivery(canonical(), k_body, s, VerifyOptions{k_timestamp, -1, true}),
                    atshook::Error);
}

TEST_CASE("a token without a comma or an empty token is ignored") {
    const std::string header = "  v1g0hM9SsE  garbage " + std::string(k_signature) + "  ";
    CHECK(verify(canonical(header)).reason == Reason::ok);
    CHECK(parse_signature_tokens("a  b,c ,d").size() == 2);
}

TEST_CASE("a token splits at its first comma, so v1,<sig>,extra does not match") {
    const auto tokens = parse_signature_tokens("v1,abc,def");
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].version == "v1");
    CHECK(tokens[0].value == "abc,def");
    CHECK(verify(canonical(std::string(k_signature) + ",extra")).reason ==
          Reason::no_matching_signature);
}

TEST_CASE("signatures are compared as text, so non-canonical base64 does not match") {
    // Drop the padding: the same bytes, a different text.
    CHECK(verify(canonical("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE")).reason ==
          Reason::no_matching_signature);
}

TEST_CASE("the id format is not checked") {
    const auto s = secrets({k_secret});
    const auto h = sign_delivery(s, SignedContent{"anything-at-all", k_timestamp, k_body});
    CHECK(verify(headers(h.id, h.timestamp, h.signature)).reason == Reason::ok);
}

TEST_CASE("header names are case-insensitive and svix-* is a per-header fallback") {
    SUBCASE("mixed case") {
        atshook::HeaderFields fields{{"Webhook-ID", std::string(k_id), 1},
                                     {"WEBHOOK-TIMESTAMP", "1614265330", 2},
                                     {"webhook-Signature", std::string(k_signature), 3}};
        CHECK(verify(find_delivery_headers(fields, "t")).reason == Reason::ok);
    }
    SUBCASE("svix names for some headers only") {
        atshook::HeaderFields fields{{"webhook-id", std::string(k_id), 1},
                                     {"Svix-Timestamp", "1614265330", 2},
                                     {"svix-signature", std::string(k_signature), 3}};
        const auto h = find_delivery_headers(fields, "t");
        CHECK(h.timestamp->found_as == "Svix-Timestamp");
        CHECK(verify(h).reason == Reason::ok);
    }
    SUBCASE("webhook-* wins over svix-*") {
        atshook::HeaderFields fields{{"svix-id", "msg_wrong", 1},
                                     {"webhook-id", std::string(k_id), 2},
                                     {"webhook-timestamp", "1614265330", 3},
                                     {"webhook-signature", std::string(k_signature), 4}};
        CHECK(find_delivery_headers(fields, "t").id->value == k_id);
    }
    SUBCASE("an empty webhook-* header stays empty (missing), its svix-* twin is not used") {
        atshook::HeaderFields fields{{"webhook-id", "", 1}, {"svix-id", std::string(k_id), 2}};
        CHECK(find_delivery_headers(fields, "t").id->found_as == "webhook-id");
        CHECK(find_delivery_headers(fields, "t").id->value.empty());
    }
}

TEST_CASE("a header given twice is an error naming the second line") {
    atshook::HeaderFields fields{{"webhook-id", "a", 4}, {"Webhook-Id", "b", 7}};
    CHECK_THROWS_WITH_AS(find_delivery_headers(fields, "req.http"),
                         "req.http:7: webhook-id appears a second time (first on line 4); a "
                         "delivery has one",
                         atshook::Error);
}

TEST_CASE("skipping the time check verifies an old delivery and says it was skipped") {
    const auto s = secrets({k_secret});
    const auto result = verify_delivery(canonical(), k_body, s, VerifyOptions{0, 300, false});
    CHECK(result.reason == Reason::ok);
    CHECK_FALSE(result.timestamp_checked);
}

TEST_CASE("a larger tolerance accepts an older delivery") {
    const auto s = secrets({k_secret});
    const auto result =
        verify_delivery(canonical(), k_body, s, VerifyOptions{k_timestamp + 3600, 3600, true});
    CHECK(result.reason == Reason::ok);
}

TEST_CASE("sign refuses more secrets than verify reads signatures") {
    std::vector<Secret> many;
    for (int i = 0; i < 33; ++i) many.push_back(parse_secret(k_secret, "test secret"));
    CHECK_THROWS_AS(sign_delivery(many, {k_id, k_timestamp, k_body}), atshook::Error);
    many.pop_back();
    const auto headers = sign_delivery(many, {k_id, k_timestamp, k_body});
    const auto result =
        verify_delivery(find_delivery_headers({{"webhook-id", headers.id, 1},
                                               {"webhook-timestamp", headers.timestamp, 2},
                                               {"webhook-signature", headers.signature, 3}},
                                              "test"),
                        k_body, many, VerifyOptions{k_timestamp, 300, true});
    CHECK(result.ok());
}
