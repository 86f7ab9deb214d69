// The hint for the most common handler bug: verifying a body that was parsed and written again.
#include "atshook/reserialization.hpp"
#include "atshook/signature/sign.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace atshook::signature;

namespace {

const Secret k_key = parse_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "test");
constexpr std::int64_t k_now = 1614265330;

DeliveryHeaders signed_over(std::string_view body) {
    const std::string token = signature_token(k_key, {"msg_1", k_now, body});
    atshook::HeaderFields fields{{"webhook-id", "msg_1", 1},
                                 {"webhook-timestamp", std::to_string(k_now), 2},
                                 {"webhook-signature", token, 3}};
    return find_delivery_headers(fields, "test");
}

bool has(const VerifyResult& result, Hint hint) {
    return std::find(result.hints.begin(), result.hints.end(), hint) != result.hints.end();
}

VerifyResult check(const DeliveryHeaders& headers, std::string_view body) {
    return atshook::verify_with_hints(headers, body, std::span(&k_key, 1), {k_now, 300, true});
}

} // namespace

TEST_CASE("a body that was pretty-printed after signing would match compactly") {
    const std::string compact = R"({"type":"job.created","data":{"id":"job_1","n":[1,2]}})";
    const std::string indented = "{\n  \"type\": \"job.created\",\n  \"data\": {\n    \"id\": "
                                 "\"job_1\",\n    \"n\": [\n      1,\n      2\n    ]\n  }\n}";
    const auto result = check(signed_over(compact), indented);
    CHECK(result.reason == Reason::no_matching_signature);
    CHECK(has(result, Hint::body_matches_compact));
    CHECK_FALSE(has(result, Hint::body_matches_indented));
    CHECK(hint_code(Hint::body_matches_compact) == "body_matches_compact");
}

TEST_CASE("a body that was compacted after signing would match with its indentation") {
    const std::string four = "{\n    \"b\": 1,\n    \"a\": \"\xc3\xa9\"\n}";
    const auto result = check(signed_over(four), R"({"b":1,"a":"é"})");
    CHECK(has(result, Hint::body_matches_indented));
}

TEST_CASE("no re-serialization hint for a body that really differs or is not JSON") {
    const auto headers = signed_over(R"({"a":1})");
    CHECK(check(headers, R"({"a":2})").hints.empty());
    CHECK(check(headers, "{\"a\":").hints.empty());
    CHECK(check(signed_over(R"({"a":1})"), R"({"a":1})").ok());
}

// emit and `sign FILE` sign pretty-printed JSON with a final newline; a framework that parses it
// and writes it compactly loses both the indentation and the newline.
TEST_CASE("a body signed indented with a final newline and checked compacted gets a hint") {
    const std::string signed_text = "{\n  \"type\": \"job.created\",\n  \"data\": {\n    \"id\": "
                                    "\"job_1\"\n  }\n}\n";
    const std::string compact = R"({"type":"job.created","data":{"id":"job_1"}})";
    const auto result = check(signed_over(signed_text), compact);
    CHECK(result.reason == Reason::no_matching_signature);
    REQUIRE(result.hints.size() == 1);
    CHECK(result.hints[0] == Hint::body_matches_indented_with_newline);
    CHECK(hint_code(result.hints[0]) == "body_matches_indented_with_newline");
    CHECK(hint_text(result.hints[0]).find("final newline") != std::string_view::npos);

    SUBCASE("four spaces of indentation") {
        const std::string four = "{\n    \"a\": [\n        1\n    ]\n}\n";
        const auto four_result = check(signed_over(four), R"({"a":[1]})");
        REQUIRE(four_result.hints.size() == 1);
        CHECK(four_result.hints[0] == Hint::body_matches_indented_with_newline);
    }
}

TEST_CASE("a body signed compact with a final newline and checked pretty-printed gets a hint") {
    const auto result =
        check(signed_over("{\"a\":[1,2]}\n"), "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
    REQUIRE(result.hints.size() == 1);
    CHECK(result.hints[0] == Hint::body_matches_compact_with_newline);
}

TEST_CASE("a body that differs only by its final newline gets the newline hint alone") {
    // Re-serializing it compactly would also match, but the newline is the whole story.
    const auto result = check(signed_over(R"({"a":1})"), "{\"a\":1}\n");
    REQUIRE(result.hints.size() == 1);
    CHECK(result.hints[0] == Hint::body_has_extra_trailing_newline);
}
