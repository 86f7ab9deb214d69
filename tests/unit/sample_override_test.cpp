#include "atshook/error.hpp"
#include "atshook/sample/override.hpp"

#include <doctest/doctest.h>

using Json = nlohmann::ordered_json;
using namespace atshook::sample;

namespace {

Json payload() {
    return Json::parse(R"({"type":"interview.created","data":{"object":{"event":{"status":"active",
        "attendees":[{"status":"accepted"},{"status":"pending"}]}}}})");
}

void expect_usage_error(Json document, const Override& edit, const std::string& part) {
    try {
        apply_override(document, edit);
        FAIL("no error");
    } catch (const atshook::Error& e) {
        CHECK(e.kind() == atshook::Error::Kind::usage);
        INFO(std::string(e.what()));
        CHECK(std::string(e.what()).find(part) != std::string::npos);
    }
}

} // namespace

TEST_CASE("a dotted path and a JSON pointer name the same field") {
    CHECK(to_pointer("data.object.event.status") == "/data/object/event/status");
    CHECK(to_pointer("/data/object/event/status") == "/data/object/event/status");
    CHECK(to_pointer("data.object.a/b~c") == "/data/object/a~1b~0c");
}

TEST_CASE("--set values are JSON literals, and bare words are strings") {
    CHECK(parse_set("a=123").value == Json(123));
    CHECK(parse_set("a=true").value == Json(true));
    CHECK(parse_set("a=null").value == Json(nullptr));
    CHECK(parse_set("a=\"123\"").value == Json("123"));
    CHECK(parse_set("a=[1,2]").value == Json::array({1, 2}));
    CHECK(parse_set("a=cancelled").value == Json("cancelled"));
    CHECK(parse_set("a=x=y").value == Json("x=y"));
    CHECK(parse_set("a=").value == Json(""));
    CHECK_THROWS_AS(parse_set("data.object.status"), atshook::Error);
}

TEST_CASE("--set replaces a field, indexes arrays and creates missing objects") {
    Json document = payload();
    apply_override(document, parse_set("data.object.event.status=cancelled"));
    apply_override(document, parse_set("/data/object/event/attendees/1/status=declined"));
    apply_override(document, parse_set("data.object.meta.meeting_url=https://meet.example.com/x"));
    apply_override(document, parse_set("data.object.event.attendees.-={\"status\":\"maybe\"}"));
    CHECK(document["data"]["object"]["event"]["status"] == "cancelled");
    CHECK(document["data"]["object"]["event"]["attendees"][1]["status"] == "declined");
    CHECK(document["data"]["object"]["meta"]["meeting_url"] == "https://meet.example.com/x");
    CHECK(document["data"]["object"]["event"]["attendees"].size() == 3);
}

TEST_CASE("--unset removes a field or an array element") {
    Json document = payload();
    apply_override(document, parse_unset("data.object.event.status"));
    apply_override(document, parse_unset("data.object.event.attendees.0"));
    CHECK_FALSE(document["data"]["object"]["event"].contains("status"));
    CHECK(document["data"]["object"]["event"]["attendees"].size() == 1);
}

TEST_CASE("an edit that cannot apply is a usage error naming the path") {
    expect_usage_error(payload(), parse_set("type.name=x"), "'type' is a string");
    expect_usage_error(payload(), parse_set("data.object.event.attendees.5.status=x"),
                       "not an index of the 2-element array");
    expect_usage_error(payload(), parse_unset("data.object.nothing"), "no field 'nothing'");
    expect_usage_error(payload(), parse_unset("data.nothing.deeper"),
                       "--unset data.nothing.deeper");
    expect_usage_error(payload(), parse_set("/=1"), "whole payload");
}
