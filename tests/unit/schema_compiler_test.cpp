#include "atshook/error.hpp"
#include "atshook/schema/compiler.hpp"
#include "atshook/schema/walker.hpp"

#include <doctest/doctest.h>

#include <string>

using atshook::schema::Mode;
using json = nlohmann::json;

namespace {

std::string refusal(const json& schema) {
    try {
        atshook::schema::compile({{"test.json", schema}}, "test.json", Mode::standard);
    } catch (const atshook::Error& e) {
        return e.what();
    }
    return "";
}

atshook::Findings check(const json& schema, const std::string& document, Mode mode) {
    const auto tree = atshook::schema::compile({{"test.json", schema}}, "test.json", mode);
    simdjson::dom::parser parser;
    atshook::Findings findings;
    atshook::schema::walk(tree, parser.parse(document).value(), findings);
    return findings;
}

const json k_object = json::parse(R"({
    "type": "object", "required": ["id"], "additionalProperties": false,
    "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                   "note": {"type": ["string", "null"]}}})");

} // namespace

TEST_CASE("an unsupported keyword is refused at load, naming it and where it stands") {
    const std::string why = refusal(json::parse(R"({"properties": {"a": {"oneOf": [true]}}})"));
    CHECK(why.find("\"oneOf\" is not supported") != std::string::npos);
    CHECK(why.find("test.json#/properties/a") != std::string::npos);
    CHECK(refusal(json::parse(R"({"format": "email"})")).find("format \"email\"") !=
          std::string::npos);
    CHECK(refusal(json::parse(R"({"x-provenance": "documented"})")).find("x-provenance") !=
          std::string::npos);
    CHECK(refusal(json::parse(R"({"$ref": "other.json#/a"})")).find("outside the embedded") !=
          std::string::npos);
    CHECK(refusal(json::parse(R"({"$ref": "#/definitions/missing"})")).find("does not exist") !=
          std::string::npos);
    CHECK(refusal(json::parse(R"({"type": "text"})")).find("not a JSON Schema type") !=
          std::string::npos);
}

TEST_CASE("annotations are accepted and change nothing") {
    CHECK(refusal(json::parse(R"({"$schema": "x", "$id": "t.json", "$comment": "c", "title": "t",
        "description": "d", "examples": [1], "default": 1, "definitions": {}})")) == "");
}

TEST_CASE("lenient mode lets optional members be null and makes unknown members warnings") {
    const auto findings =
        check(k_object, R"({"id": "a", "name": null, "extra": 1})", Mode::lenient);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].pointer == "/extra");
    CHECK(findings[0].keyword == "additionalProperties");
    CHECK(findings[0].severity == atshook::Severity::warning);
    CHECK_FALSE(atshook::has_errors(check(k_object, R"({"id": "a"})", Mode::lenient)));
}

TEST_CASE("lenient mode still rejects a null required member") {
    const auto findings = check(k_object, R"({"id": null})", Mode::lenient);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].keyword == "type");
    CHECK(findings[0].pointer == "/id");
}

TEST_CASE("strict mode requires every declared member and allows null only where typed") {
    const auto findings = check(k_object, R"({"id": "a", "name": null, "extra": 1})", Mode::strict);
    REQUIRE(findings.size() == 3);
    CHECK(findings[0].keyword == "type"); // name: null
    CHECK(findings[1].keyword == "additionalProperties");
    CHECK(findings[1].severity == atshook::Severity::error);
    CHECK(findings[2].keyword == "required"); // note absent
    CHECK(findings[2].expected == "a member \"note\"");
    CHECK(check(k_object, R"({"id": "a", "name": "n", "note": null})", Mode::strict).empty());
}

TEST_CASE("standard mode is plain draft-07") {
    const auto findings =
        check(k_object, R"({"id": "a", "name": null, "extra": 1})", Mode::standard);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].keyword == "type");
    CHECK(findings[1].severity == atshook::Severity::error);
}

TEST_CASE("all findings of a document are collected, each with its pointer") {
    const json schema = json::parse(R"({"type": "array", "items": {"type": "object",
        "properties": {"status": {"enum": ["accepted", "pending"]}, "a/b~c": {"type": "integer"}}}})");
    const auto findings = check(
        schema, R"([{"status": "attending"}, {"status": "pending"}, {"a/b~c": 1.5, "status": 3}])",
        Mode::standard);
    REQUIRE(findings.size() == 3);
    CHECK(findings[0].pointer == "/0/status");
    CHECK(findings[0].message == "\"attending\" is not one of accepted, pending");
    CHECK(findings[1].pointer == "/2/a~1b~0c");
    CHECK(findings[1].message == "expected integer, found number 1.5");
    CHECK(findings[2].pointer == "/2/status");
}

TEST_CASE("messages name the id prefix, the limit and the expected type") {
    const json schema = json::parse(R"({"type": "object", "properties": {
        "id": {"type": "string", "pattern": "^can_[A-Za-z0-9]+$"},
        "first": {"type": "string", "minLength": 1},
        "rating": {"type": "integer", "minimum": 1, "maximum": 5},
        "when": {"type": "string", "format": "date-time"}}})");
    const auto findings = check(
        schema, R"({"id": "cand_1", "first": "", "rating": 7, "when": "2024-02-30T10:00:00Z"})",
        Mode::standard);
    REQUIRE(findings.size() == 4);
    CHECK(findings[0].message == "\"cand_1\" does not start with the id prefix \"can_\"");
    CHECK(findings[0].expected == "\"can_\" followed by [A-Za-z0-9]");
    CHECK(findings[1].message == "\"\" is shorter than 1 character");
    CHECK(findings[2].message == "7 is greater than the maximum 5");
    CHECK(findings[3].message == "\"2024-02-30T10:00:00Z\" is not an RFC 3339 date-time");
}

TEST_CASE("anyOf reports the branch that recognised the most of the document") {
    const json schema = json::parse(R"({"anyOf": [
        {"type": "object", "required": ["object"], "properties": {"object": {"$ref": "#/definitions/o"}}},
        {"$ref": "#/definitions/o"}],
        "definitions": {"o": {"type": "object", "required": ["id"],
            "properties": {"id": {"type": "string"}, "s": {"enum": ["a"]}}}}})");
    auto findings = check(schema, R"({"object": {"id": "x", "s": "b"}})", Mode::standard);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].pointer == "/object/s");
    findings = check(schema, R"({"id": "x", "s": "b"})", Mode::standard);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].pointer == "/s");
    findings = check(schema, R"({"s": "a"})", Mode::standard); // the object itself lacks its id
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message == "missing required member \"id\"");
}

TEST_CASE("recursive references compile to a finite tree") {
    const json schema = json::parse(R"({"type": "object",
        "properties": {"child": {"$ref": "#"}, "n": {"type": "integer"}}})");
    const auto findings = check(schema, R"({"child": {"child": {"n": "x"}}})", Mode::standard);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].pointer == "/child/child/n");
}
