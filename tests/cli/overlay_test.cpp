#include "cli/run_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace {

const std::string k_overlay = test::source_path("tests/data/overlay/video.overlay.json");
const std::string k_payload = test::source_path("tests/data/overlay/video-interview.json");

std::string temp_file(const std::string& name, const std::string& content) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("ats-hook-overlay-test-" + std::to_string(getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

test::RunOptions without_overlay_variable() {
    test::RunOptions options;
    options.env["ATS_HOOK_OVERLAY"] = "\x01unset";
    return options;
}

test::RunOptions with_overlay_variable(const std::string& value) {
    test::RunOptions options;
    options.env["ATS_HOOK_OVERLAY"] = value;
    return options;
}

} // namespace

TEST_CASE("validate fails an unknown enum value without the overlay and passes it with it") {
    const auto shipped = test::run_ats({"validate", k_payload}, without_overlay_variable());
    CHECK(shipped.exit_code == 1);
    CHECK(shipped.out.find("/data/object/event/type: \"video\" is not one of phone, online, "
                           "on_site") != std::string::npos);

    const auto corrected =
        test::run_ats({"validate", "--overlay", k_overlay, k_payload}, without_overlay_variable());
    CHECK(corrected.exit_code == 0);
    CHECK(corrected.out == k_payload + ": valid interview.created\n");
    CHECK(corrected.err.empty());
}

TEST_CASE("validate --strict with the overlay no longer names the corrected enum") {
    const auto run = test::run_ats({"validate", "--strict", "--overlay", k_overlay, k_payload},
                                   without_overlay_variable());
    CHECK(run.out.find("/data/object/event/type") == std::string::npos);
}

TEST_CASE(
    "ATS_HOOK_OVERLAY names overlays when --overlay is not given, and --overlay replaces it") {
    CHECK(test::run_ats({"validate", k_payload}, with_overlay_variable("::" + k_overlay + ":"))
              .exit_code == 0);
    const auto replaced = test::run_ats({"validate", "--overlay", k_overlay, k_payload},
                                        with_overlay_variable("/nonexistent/overlay.json"));
    CHECK(replaced.exit_code == 0);
    CHECK(test::run_ats({"validate", k_payload}, with_overlay_variable("")).exit_code == 1);
}

TEST_CASE("show --check with the overlay lists no finding for the corrected value") {
    const auto run = test::run_ats({"show", "--check", "--overlay", k_overlay, k_payload},
                                   without_overlay_variable());
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("is not one of") == std::string::npos);
}

TEST_CASE("schema TYPE --overlay prints the shipped schema with the overlay applied") {
    const auto shipped =
        test::run_ats({"schema", "interview.created", "--strict"}, without_overlay_variable());
    const auto corrected =
        test::run_ats({"schema", "interview.created", "--strict", "--overlay", k_overlay},
                      without_overlay_variable());
    REQUIRE(corrected.exit_code == 0);
    auto expected = nlohmann::json::parse(shipped.out);
    expected["definitions"]["objects.interview"]["properties"]["event"]["properties"]["type"]
            ["enum"] = {"phone", "online", "on_site", "video"};
    CHECK(nlohmann::json::parse(corrected.out) == expected);
}

TEST_CASE("schema without a TYPE refuses an overlay as a usage error") {
    const auto run = test::run_ats({"schema", "--overlay", k_overlay}, without_overlay_variable());
    CHECK(run.exit_code == 2);
    CHECK(run.err == "ats-hook: error: an overlay (--overlay or ATS_HOOK_OVERLAY) corrects one "
                     "event's schema: give the event TYPE, or clear ATS_HOOK_OVERLAY\n");
    CHECK(run.out.empty());
}

TEST_CASE("--overlay needs --validate on verify and --check on show") {
    CHECK(test::run_ats({"verify", "--overlay", k_overlay}, without_overlay_variable()).exit_code ==
          2);
    CHECK(test::run_ats({"show", "--overlay", k_overlay, k_payload}, without_overlay_variable())
              .exit_code == 2);
}

TEST_CASE("a bad overlay exits 3 naming the file, before any input is read") {
    const std::string header = R"({"overlay": "1.0.0", "info": {"title": "t", "version": "1"},)";
    struct Case {
        std::string name;
        std::string content;
        std::string message; // after "ats-hook: error: <file>"
    };
    const std::vector<Case> cases = {
        {"malformed.json", "{\n  \"overlay\": \"1.0.0\",\n  \"info\" {}\n}",
         ":3:10: not valid JSON: syntax error while parsing object separator - unexpected '{'; "
         "expected ':'\n"},
        {"not-an-overlay.json", R"({"openapi": "3.1.0"})",
         ": unknown member \"openapi\" (allowed: overlay, info, actions, extends, and x- "
         "extensions)\n"},
        {"nothing.json",
         header + R"( "actions": [{"target": "$.definitions['objects.interviw']", "update": {}}]})",
         ": action 1 (target \"$.definitions['objects.interviw']\"): the target selects nothing "
         "in the schema of any of the 19 events (see `ats-hook schema TYPE` for what a target "
         "can name)\n"},
        {"other-version.json", header + R"( "actions": [{"target": "$.definitions", "update": {},
                       "x-ats-hook-schema-version": "sha256:0123456789abcdef"}]})",
         ": action 1 (target \"$.definitions\"): made for schema version sha256:0123456789abcdef; "
         "this ats-hook has "},
        {"uncheckable.json",
         header + R"( "actions": [{"target": "$.definitions['objects.interview']",
                       "update": {"oneOf": []}}]})",
         ": the corrected schema of "},
    };
    for (const auto& bad : cases) {
        CAPTURE(bad.name);
        const std::string path = temp_file(bad.name, bad.content);
        const auto run =
            test::run_ats({"validate", "--overlay", path, "-"}, test::stdin_of("not read"));
        CHECK(run.exit_code == 3);
        CHECK(run.out.empty());
        CHECK(run.err.starts_with("ats-hook: error: " + path + bad.message));
        std::filesystem::remove(path);
    }
    const auto missing = test::run_ats({"schema", "job.created", "--overlay", "/nonexistent.json"},
                                       without_overlay_variable());
    CHECK(missing.exit_code == 3);
    CHECK(missing.err ==
          "ats-hook: error: cannot read /nonexistent.json: No such file or directory\n");
}

TEST_CASE("verify --validate judges the body against the corrected schema with --overlay") {
    const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const std::string key = temp_file("overlay-verify.key", secret + "\n");
    std::filesystem::permissions(key, std::filesystem::perms::owner_read |
                                          std::filesystem::perms::owner_write);
    const auto signed_run =
        test::run_ats({"sign", "--secret-file", key, "--format", "http", k_payload},
                      without_overlay_variable());
    REQUIRE(signed_run.exit_code == 0);
    const std::string request = temp_file("overlay-verify.http", signed_run.out);
    const std::vector<std::string> verify = {"verify", "--secret-file", key, "--request", request,
                                             "--validate"};
    const auto shipped = test::run_ats(verify, without_overlay_variable());
    CHECK(shipped.exit_code == 1);
    CHECK(shipped.out.find("is not one of phone, online, on_site") != std::string::npos);
    auto with = verify;
    with.insert(with.end(), {"--overlay", k_overlay});
    const auto corrected = test::run_ats(with, without_overlay_variable());
    CHECK(corrected.exit_code == 0);
    CHECK(corrected.out.find(request + ": valid interview.created") != std::string::npos);
}
