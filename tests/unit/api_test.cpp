// The public surface of libatshook (include/atshook/atshook.hpp), through the shared library:
// what a C++ handler relies on.
#include <atshook/atshook.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace api = atshook::api;

namespace {

// The canonical Standard Webhooks test vector.
constexpr std::string_view k_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::string_view k_id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr std::int64_t k_time = 1614265330;
constexpr std::string_view k_body = R"({"test": 2432232314})";
constexpr std::string_view k_signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

std::string sample(const std::string& name) {
    std::ifstream in(std::string(ATS_HOOK_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<api::Key> keys_of(std::string_view text) {
    std::vector<api::Key> keys;
    keys.push_back(api::Key::parse(text));
    return keys;
}

std::vector<api::Header> headers_of(std::string_view signature) {
    return {{"Webhook-Id", std::string(k_id)},
            {"webhook-timestamp", std::to_string(k_time)},
            {"webhook-signature", std::string(signature)}};
}

} // namespace

TEST_CASE("api: the canonical vector verifies, and a changed character does not") {
    const auto keys = keys_of(k_secret);
    const auto ok = api::verify(headers_of(k_signature), k_body, keys, k_time + 10);
    CHECK(ok.ok());
    CHECK(ok.code == "ok");
    CHECK(ok.matched_key == 0u);
    CHECK(ok.timestamp == k_time);

    const auto bad = api::verify(headers_of("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="),
                                 k_body, keys, k_time);
    CHECK(bad.outcome == api::Outcome::no_matching_signature);
    CHECK(bad.code == "no_matching_signature");
}

TEST_CASE("api: the time window, missing headers and hints") {
    const auto keys = keys_of(k_secret);
    CHECK(api::verify(headers_of(k_signature), k_body, keys, k_time + 301).outcome ==
          api::Outcome::too_old);
    CHECK(api::verify(headers_of(k_signature), k_body, keys, k_time - 301).outcome ==
          api::Outcome::too_new);
    CHECK(api::verify(headers_of(k_signature), k_body, keys, k_time + 3600, 3600).ok());

    const std::vector<api::Header> no_id{{"webhook-timestamp", std::to_string(k_time)},
                                         {"webhook-signature", std::string(k_signature)}};
    const auto missing = api::verify(no_id, k_body, keys, k_time);
    CHECK(missing.outcome == api::Outcome::missing_header);

    // The body with a newline an editor added: refused, with the hint that says so.
    const auto newline =
        api::verify(headers_of(k_signature), std::string(k_body) + "\n", keys, k_time);
    CHECK(newline.outcome == api::Outcome::no_matching_signature);
    REQUIRE(newline.hint_codes.size() == 1);
    CHECK(newline.hint_codes[0] == "body_has_extra_trailing_newline");
    CHECK(newline.hints.size() == 1);
    CHECK(!newline.hints[0].empty());
}

TEST_CASE("api: sign makes the canonical signature, a second key adds a token") {
    const auto one = api::sign(keys_of(k_secret), k_id, k_time, k_body);
    CHECK(one.id == k_id);
    CHECK(one.timestamp == "1614265330");
    CHECK(one.signature == k_signature);

    std::string text;
    std::vector<api::Key> two;
    two.push_back(api::Key::parse(k_secret));
    two.push_back(api::Key::generate_hmac(text));
    CHECK(text.starts_with("whsec_"));
    const auto both = api::sign(two, k_id, k_time, k_body);
    CHECK(both.signature.starts_with(std::string(k_signature) + " v1,"));
    // The new key alone verifies it (rotation).
    const auto verified = api::verify(headers_of(both.signature), k_body, keys_of(text), k_time);
    CHECK(verified.ok());
}

TEST_CASE("api: bad keys and ids are errors that never quote the key") {
    try {
        api::Key::parse("whsec_not base64!", "WEBHOOK_SECRET");
        FAIL("parsed a malformed key");
    } catch (const api::Error& e) {
        const std::string message = e.what();
        CHECK(message.find("WEBHOOK_SECRET") != std::string::npos);
        CHECK(message.find("not base64") == std::string::npos);
    }
    CHECK_THROWS_AS(api::sign(keys_of(k_secret), "msg.1", k_time, k_body), api::Error);
    CHECK_THROWS_AS(api::sign({}, k_id, k_time, k_body), api::Error);
}

TEST_CASE("api: a request file reads back with its exact body") {
    const std::string file = sample("signed/application.created.http");
    const auto request = api::parse_request(file, "application.created.http");
    CHECK(request.method == "POST");
    CHECK(request.target == "/hirehive");
    CHECK(request.body.size() == 2004);
    const auto verified =
        api::verify(request.headers, request.body,
                    keys_of("whsec_06VTm7M3bNJMOxArkMt57uDpXuAuB0ZU+Ups+6EYTaU="), 1707124470);
    CHECK(verified.ok());
    CHECK_THROWS_AS(api::parse_request("not a request", "x.http"), api::Error);
}

TEST_CASE("api: validate finds the schema error with its pointer, strict mode more") {
    const std::string invalid = sample("invalid/attendee-status-attending.json");
    api::Validator validator;
    const auto result = validator.validate(invalid);
    CHECK(result.status == api::Validation::Status::invalid);
    CHECK(result.event_type == "interview.created");
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].pointer == "/data/object/event/attendees/1/status");
    CHECK(result.findings[0].keyword == "enum");
    CHECK(result.findings[0].error);

    const std::string lean = R"({"type":"job.created","timestamp":"2024-01-01T00:00:00Z",)"
                             R"("data":{"object":{"id":"job_1"}}})";
    CHECK(validator.validate(lean).ok());
    api::ValidateOptions strict_options;
    strict_options.strict = true;
    api::Validator strict(strict_options);
    CHECK(strict.validate(lean).status == api::Validation::Status::invalid);

    const auto broken = validator.validate("{\"type\": ");
    CHECK(broken.status == api::Validation::Status::unreadable);
    CHECK(broken.error.starts_with("1:"));
    api::ValidateOptions misspelt;
    misspelt.event_type = "interview.create";
    CHECK_THROWS_AS(api::Validator{misspelt}, api::Error);
}

TEST_CASE("api: read_event gives the type, provenance, ids and an interview's attendees") {
    const auto interview = api::read_event(sample("valid/interview.created.json"));
    CHECK(interview.type == "interview.created");
    CHECK(interview.documented);
    CHECK(interview.object_kind == "interview");
    REQUIRE(interview.object_id);
    CHECK(interview.object_id->starts_with("int_"));
    REQUIRE(interview.interview);
    CHECK(interview.interview->attendees.size() == 4);
    CHECK(interview.interview->time_zone == "Europe/Dublin");

    const auto job = api::read_event(sample("valid/job.deleted.json"));
    CHECK(job.type == "job.deleted");
    CHECK(!job.documented); // its page was not available: inferred from the job object
    CHECK(!job.interview);
    CHECK_THROWS_AS(api::read_event(R"({"type":"job.exploded"})"), api::Error);

    const auto types = api::event_types();
    CHECK(types.size() == 19);
    CHECK(types.front() == "job.created");
    CHECK(api::version() == ATS_HOOK_VERSION);
}
