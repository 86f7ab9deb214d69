#include "atshook/error.hpp"
#include "atshook/overlay/overlay_set.hpp"
#include "atshook/schema/store.hpp"
#include "atshook/validation.hpp"

#include <doctest/doctest.h>

#include <string>

using atshook::overlay::OverlaySet;
using atshook::overlay::parse_overlay;
using json = nlohmann::json;

namespace {

std::shared_ptr<const OverlaySet> load(std::string_view actions, std::string_view info_extra = "") {
    const std::string text = R"({"overlay": "1.0.0", "info": {"title": "t", "version": "1")" +
                             std::string(info_extra) + R"(}, "actions": )" + std::string(actions) +
                             "}";
    return OverlaySet::make({parse_overlay(text, "fix.json")});
}

std::string load_error(std::string_view actions, std::string_view info_extra = "") {
    try {
        load(actions, info_extra);
    } catch (const atshook::Error& e) {
        return e.what();
    }
    return "accepted";
}

// interview.created with an event type HireHive's documentation does not list.
const char* k_video_interview =
    R"({"type": "interview.created", "timestamp": "2024-02-12T13:26:18.083Z",
        "data": {"object": {"id": "int_1", "event": {"type": "video"}}}})";

constexpr const char* k_add_video =
    R"([{"target": "$.definitions['objects.interview'].properties.event.properties.type",
         "update": {"enum": ["video"]}}])";

} // namespace

TEST_CASE("the schema version is sha256: and 16 hex digits, the same on every call") {
    const std::string version = atshook::schema::schema_version();
    CHECK(version.size() == 7 + 16);
    CHECK(version.starts_with("sha256:"));
    CHECK(version.find_first_not_of("0123456789abcdef", 7) == std::string::npos);
    CHECK(atshook::schema::schema_version() == version);
}

TEST_CASE("an overlay adding an enum value makes a payload with that value valid") {
    atshook::Validator shipped;
    const auto before = shipped.validate(k_video_interview);
    CHECK(before.status == atshook::DocumentResult::Status::invalid);

    for (const auto strictness : {atshook::Strictness::lenient, atshook::Strictness::strict}) {
        atshook::ValidateOptions options;
        options.strictness = strictness;
        options.overlays = load(k_add_video);
        atshook::Validator corrected(options);
        const auto after = corrected.validate(k_video_interview);
        if (strictness == atshook::Strictness::lenient) {
            CHECK(after.status == atshook::DocumentResult::Status::valid);
            CHECK(after.findings.empty());
        }
        for (const auto& finding : after.findings)
            CHECK(finding.pointer != "/data/object/event/type");
    }
}

TEST_CASE("with an overlay, lenient validation still reports unknown members as warnings") {
    atshook::ValidateOptions options;
    options.overlays = load(k_add_video);
    atshook::Validator corrected(options);
    const auto result = corrected.validate(
        R"({"type": "interview.created", "timestamp": "2024-02-12T13:26:18.083Z",
            "data": {"object": {"id": "int_1", "event": {"type": "video", "room": "4b"}}}})");
    CHECK(result.status == atshook::DocumentResult::Status::valid);
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].pointer == "/data/object/event/room");
    CHECK(result.findings[0].severity == atshook::Severity::warning);
}

TEST_CASE("an action applies to every event whose schema its target selects something in") {
    const auto set = load(
        R"([{"target": "$.definitions['objects.candidate'].properties", "update": {"pronouns": {"type": "string"}}}])");
    for (const char* event : {"candidate.updated", "application.created"}) {
        const json schema = effective_event_schema(*set, event, atshook::schema::Mode::strict);
        CHECK(schema["definitions"]["objects.candidate"]["properties"].contains("pronouns"));
    }
}

TEST_CASE("the printed schema is the overlay applied to the exported schema of that mode") {
    const auto set = load(k_add_video);
    for (const auto mode : {atshook::schema::Mode::lenient, atshook::schema::Mode::strict}) {
        json expected = atshook::schema::export_event_schema("interview.created", mode);
        auto& type = expected["definitions"]["objects.interview"]["properties"]["event"]
                             ["properties"]["type"];
        if (type.contains("enum"))
            type["enum"].push_back("video");
        else
            type["enum"] = json::array({"video"});
        CHECK(effective_event_schema(*set, "interview.created", mode) == expected);
    }
}

TEST_CASE("an event-specific action uses a filter on the envelope's type") {
    const auto set = load(
        R"([{"target": "$.anyOf[?(@.properties.type.const == 'job.deleted')].properties", "update": {"reason": {"type": "string"}}}])");
    const json deleted = effective_event_schema(*set, "job.deleted", atshook::schema::Mode::strict);
    CHECK(deleted["anyOf"][0]["properties"].contains("reason"));
    CHECK(deleted["anyOf"][1]["properties"].contains("reason"));
    const json created = effective_event_schema(*set, "job.created", atshook::schema::Mode::strict);
    CHECK_FALSE(created["anyOf"][0]["properties"].contains("reason"));
}

TEST_CASE("an action whose target selects nothing in any event is an error naming it") {
    CHECK(load_error(R"([{"target": "$.definitions['objects.interview'].properties", "update": {}},
                         {"target": "$.definitions['objects.candidat'].properties", "update": {}}])") ==
          "fix.json: action 2 (target \"$.definitions['objects.candidat'].properties\"): the "
          "target selects nothing in the schema of any of the 19 events (see `ats-hook schema "
          "TYPE` for what a target can name)");
}

TEST_CASE("an overlay made for another schema version is refused, naming where it says so") {
    CHECK(load_error(k_add_video, R"(, "x-ats-hook-schema-version": "sha256:0000000000000000")") ==
          "fix.json: made for schema version sha256:0000000000000000; this ats-hook has " +
              atshook::schema::schema_version() +
              " (write the overlay again for these schemas, or remove x-ats-hook-schema-version "
              "if you checked it by hand)");
    CHECK(load_error(R"([{"target": "$.definitions", "update": {},
                          "x-ats-hook-schema-version": "sha256:1"}])")
              .starts_with("fix.json: action 1 (target \"$.definitions\"): made for schema "
                           "version sha256:1; this ats-hook has sha256:"));
    CHECK(load_error(k_add_video, R"(, "x-ats-hook-schema-version": ")" +
                                      atshook::schema::schema_version() + "\"") == "accepted");
}

TEST_CASE("an overlay that leaves a schema ats-hook cannot check is refused, naming the file") {
    const std::string error = load_error(
        R"([{"target": "$.definitions['objects.interview']", "update": {"not": {"type": "null"}}}])");
    CHECK(error.starts_with("fix.json: the corrected schema of "));
    CHECK(error.find("not") != std::string::npos);
}
