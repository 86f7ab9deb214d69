#include "atshook/error.hpp"
#include "atshook/validation.hpp"

#include <doctest/doctest.h>

using atshook::DocumentResult;

namespace {

const char* k_job = R"({"type": "job.created", "timestamp": "2024-01-24T14:59:34.5220878Z",
    "data": {"object": {"id": "job_1a2b3c", "title": "Backend Engineer", "status": "published"}}})";

} // namespace

TEST_CASE("a minimal job.created is valid by default and invalid under strict") {
    atshook::Validator lenient;
    const auto result = lenient.validate(k_job);
    CHECK(result.status == DocumentResult::Status::valid);
    CHECK(result.event_type == "job.created");
    CHECK(result.findings.empty());

    atshook::Validator strict(
        {.strictness = atshook::Strictness::strict, .forced_event = {}, .max_depth = 256});
    const auto strict_result = strict.validate(k_job);
    CHECK(strict_result.status == DocumentResult::Status::invalid);
    CHECK(strict_result.findings.size() > 10); // every undocumented absence is named
}

TEST_CASE("the object's id and the envelope's type, timestamp and data are required") {
    atshook::Validator validator;
    const auto no_id = validator.validate(
        R"({"type": "job.created", "timestamp": "2024-01-24T14:59:34Z", "data": {"object": {"title": "x"}}})");
    REQUIRE(no_id.findings.size() == 1);
    CHECK(no_id.findings[0].pointer == "/data/object");
    CHECK(no_id.findings[0].keyword == "required");
    const auto no_timestamp =
        validator.validate(R"({"type": "job.created", "data": {"id": "job_1"}})");
    REQUIRE(no_timestamp.findings.size() == 1);
    CHECK(no_timestamp.findings[0].message == "missing required member \"timestamp\"");
}

TEST_CASE("a payload without type cannot be validated until --event names one") {
    atshook::Validator validator;
    const char* untyped = R"({"timestamp": "2024-01-24T14:59:34Z", "data": {"id": "job_1"}})";
    const auto result = validator.validate(untyped);
    CHECK(result.status == DocumentResult::Status::invalid);
    CHECK(result.findings[0].message.find("cannot tell which event this is") != std::string::npos);
    atshook::Validator forced({.strictness = {}, .forced_event = "job.created", .max_depth = 256});
    const auto forced_result = forced.validate(untyped);
    REQUIRE(forced_result.findings.size() == 1);
    CHECK(forced_result.findings[0].pointer == "");
    CHECK(forced_result.findings[0].expected == "a member \"type\"");
}

TEST_CASE("an unknown --event is a usage error") {
    CHECK_THROWS_AS(
        atshook::Validator({.strictness = {}, .forced_event = "job.create", .max_depth = 256}),
        atshook::Error);
}

TEST_CASE("unusable input is unreadable, with an offset for malformed JSON") {
    atshook::Validator validator;
    const auto malformed = validator.validate("{\"type\": \"job.created\",, }");
    CHECK(malformed.status == DocumentResult::Status::unreadable);
    CHECK(malformed.error.starts_with("not valid JSON: "));
    CHECK(malformed.error_offset == 23);
    CHECK(validator.validate("").error == "empty input: expected a JSON object");
    CHECK(validator.validate("\"text\"").error ==
          "a HireHive event is a JSON object, but this is a single value");
    const auto shallow = atshook::Validator({.strictness = {}, .forced_event = {}, .max_depth = 4})
                             .validate(R"({"a": [[[[1]]]]})");
    CHECK(shallow.error == "nesting is deeper than 4 levels");
}

TEST_CASE("line_column counts lines and UTF-8 characters") {
    CHECK(atshook::line_column("ab\ncd", 4).line == 2);
    CHECK(atshook::line_column("ab\ncd", 4).column == 2);
    CHECK(atshook::line_column("\xc3\xa9x", 2).column == 2);
}

TEST_CASE("findings past max_findings are counted by severity, not kept") {
    atshook::ValidateOptions options;
    options.max_findings = 3;
    atshook::Validator validator(options);
    // Five unknown members (warnings in lenient mode), then three wrong types (errors).
    const auto result = validator.validate(
        R"({"type": "job.created", "timestamp": "2024-01-24T14:59:34Z", "data": {"object": {
        "id": "job_1", "u1": 1, "u2": 2, "u3": 3, "u4": 4, "u5": 5,
        "title": 1, "status": 2, "description": 3}}})");
    CHECK(result.findings.size() == 3);
    CHECK(result.omitted.warnings == 2);
    CHECK(result.omitted.errors == 3);
    // The errors were all cut, yet the document is invalid.
    CHECK_FALSE(atshook::has_errors(result.findings));
    CHECK(result.status == DocumentResult::Status::invalid);
}

TEST_CASE("under the limit nothing is omitted") {
    atshook::Validator validator;
    const auto result = validator.validate(k_job);
    CHECK(result.omitted == atshook::OmittedFindings{});
}

TEST_CASE("nesting of exactly 256 levels is read, 257 is refused") {
    atshook::Validator validator;
    const auto at = [](int depth) { // the envelope is level 1
        return R"({"type": "job.deleted", "x": )" +
               std::string(static_cast<std::size_t>(depth - 1), '[') + "1" +
               std::string(static_cast<std::size_t>(depth - 1), ']') + "}";
    };
    CHECK(validator.validate(at(256)).status != DocumentResult::Status::unreadable);
    const auto deeper = validator.validate(at(257));
    CHECK(deeper.status == DocumentResult::Status::unreadable);
    CHECK(deeper.error == "nesting is deeper than 256 levels");
}

TEST_CASE("a number beyond double range is named as such") {
    const auto result = atshook::Validator().validate(R"({"type": "job.deleted", "x": 1e400})");
    CHECK(result.status == DocumentResult::Status::unreadable);
    CHECK(result.error == "a number is out of range (beyond 64-bit integers or double precision)");
}
