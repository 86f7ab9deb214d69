// `ats-hook learn` as a user runs it: on clean generated traffic, on traffic with planted
// deviations, splitting a corpus and merging its profiles, and on bad input of every kind.
#include "cli/run_process.hpp"

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

fs::path scratch(const std::string& name) {
    const fs::path dir =
        fs::temp_directory_path() / ("ats-hook-learn-" + std::to_string(getpid()));
    fs::create_directories(dir);
    return dir / name;
}

std::string write(const std::string& name, const std::string& content) {
    const fs::path path = scratch(name);
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

std::vector<json> records(const std::string& ndjson) {
    std::vector<json> out;
    std::istringstream in(ndjson);
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
}

std::string emitted(int count, int seed) {
    const auto run = test::run_ats(
        {"emit", "all", "--count", std::to_string(count), "--seed", std::to_string(seed)});
    REQUIRE(run.exit_code == 0);
    return run.out;
}

struct Planted {
    std::string ndjson;
    std::map<std::string, std::size_t> first_line; // by what was planted
};

// emit's traffic with five deviations planted, each first at a known line.
Planted plant(const std::string& clean) {
    Planted out;
    std::istringstream in(clean);
    std::map<std::string, int> planted;
    std::size_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        json event = json::parse(line);
        json& object = event["data"]["object"];
        const std::string type = event["type"];
        std::string what;
        if (type == "interview.created" && planted["enum"] < 2) {
            object["event"]["type"] = "video";
            what = "enum";
        } else if (type == "application.stage.updated" && planted["member"] < 3) {
            object["salary_band"] = "b3";
            what = "member";
        } else if (type == "candidate.updated" && planted["null"] < 4) {
            object["email"] = nullptr;
            what = "null";
        } else if (type == "candidate.tag.added" && planted["prefix"] < 2) {
            object["id"] = "cand_" + object["id"].get<std::string>().substr(4);
            what = "prefix";
        } else if (type == "job.updated" && planted["fraction"] < 5) {
            event["timestamp"] = event["timestamp"].get<std::string>().substr(0, 23) + "Z";
            what = "fraction";
        }
        if (!what.empty() && planted[what]++ == 0) out.first_line[what] = line_number;
        out.ndjson += event.dump() + "\n";
    }
    return out;
}

} // namespace

TEST_CASE("learn finds no contradiction in emit's traffic and confirms every documented field") {
    const auto run = test::run_ats({"learn", "--format", "json"}, test::stdin_of(emitted(50, 3)));
    REQUIRE(run.exit_code == 0);
    std::size_t documented = 0, event_types = 0;
    for (const json& record : records(run.out)) {
        CHECK(record["record"] != "finding");
        if (record["record"] == "event") {
            ++event_types;
            CHECK(record["documents"] == 50);
            CHECK(record["fields"]["contradicted"] == 0);
            CHECK(record["fields"]["deviates"] == 0);
        }
        if (record["record"] == "pointer" && record["in_schema"] == true &&
            record["fact"] == "documented") {
            ++documented;
            INFO(record["event"], " ", record["pointer"]);
            CHECK(record["state"] == "confirmed");
        }
        if (record["record"] == "summary") CHECK(record["findings"] == 0);
    }
    CHECK(event_types == 19);
    CHECK(documented > 150); // the five documented events' fields
}

TEST_CASE("learn reports each planted deviation with its count and first line, and nothing else") {
    const Planted planted = plant(emitted(50, 4));
    const std::string log = write("planted.ndjson", planted.ndjson);
    const auto run = test::run_ats({"learn", log, "--format", "json"});
    REQUIRE(run.exit_code == 0);
    std::map<std::string, json> findings;
    for (const json& record : records(run.out))
        if (record["record"] == "finding") findings[record["finding"].get<std::string>()] = record;
    REQUIRE(findings.size() == 5);
    const auto check = [&](const std::string& kind, const std::string& event,
                           const std::string& pointer, int count, const std::string& planted_as) {
        INFO(kind);
        const json& f = findings.at(kind);
        CHECK(f["event"] == event);
        CHECK(f["pointer"] == pointer);
        CHECK(f["count"] == count);
        CHECK(f["of"] == 50);
        CHECK(f["first"]["source"] == log);
        CHECK(f["first"]["line"] == planted.first_line.at(planted_as));
    };
    check("enum-value-unknown", "interview.created", "/data/object/event/type", 2, "enum");
    CHECK(findings.at("enum-value-unknown")["subject"] == "\"video\"");
    CHECK(findings.at("enum-value-unknown")["severity"] == "error"); // a documented event
    check("undocumented-field", "application.stage.updated", "/data/object/salary_band", 3, "member");
    check("null-not-allowed", "candidate.updated", "/data/object/email", 4, "null");
    check("prefix-mismatch", "candidate.tag.added", "/data/object/id", 2, "prefix");
    CHECK(findings.at("prefix-mismatch")["subject"] == "cand_");
    check("format-mismatch", "job.updated", "/timestamp", 5, "fraction");
    CHECK(findings.at("format-mismatch")["subject"] == "date-time Z .3");

    // The text report: one line per finding, like a compiler's, then the summaries.
    const auto text = test::run_ats({"learn", log});
    CHECK(text.out.find(log + ":" + std::to_string(planted.first_line.at("null")) +
                        ": error: candidate.updated /data/object/email: null where the schema "
                        "allows string: 4 of 50 [null-not-allowed; documented: the sender "
                        "deviates from its documentation]\n") != std::string::npos);
    CHECK(text.out.ends_with(
        "learn: 950 documents of 19 event types (0 unreadable, 0 of unknown type); 5 findings\n"));

    // GitHub annotations point at the first null itself: its line read again for the column,
    // which counts characters (names before it may hold letters of several bytes).
    const std::size_t null_line = planted.first_line.at("null");
    std::istringstream lines(planted.ndjson);
    std::string line_text;
    for (std::size_t i = 0; i < null_line; ++i)
        std::getline(lines, line_text);
    const std::string before = line_text.substr(0, line_text.find(R"("email":null)") + 8);
    const std::size_t column =
        1 + static_cast<std::size_t>(std::count_if(before.begin(), before.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
    const auto github = test::run_ats({"learn", log, "--format", "github"});
    CHECK(github.exit_code == 0);
    CHECK(github.out.find(fmt::format("::error title=ats-hook null-not-allowed,file={},line={},"
                                      "endLine={},col={},endColumn={}::candidate.updated "
                                      "/data/object/email: null where the schema allows string",
                                      log, null_line, null_line, column, column + 4)) !=
          std::string::npos);
}

TEST_CASE("an overlay learn writes from a capture makes validate pass it") {
    const std::string log = write("capture.ndjson", plant(emitted(50, 5)).ndjson);
    const std::string overlay = scratch("learned.overlay.json").string();
    const auto before = test::run_ats({"validate", log});
    CHECK(before.exit_code == 1);
    CHECK(before.out.find("\"video\" is not one of") != std::string::npos);
    // Without --accept-deviations only inferred facts are loosened: the enum belongs to the
    // interview object that the documented interview.created carries.
    REQUIRE(test::run_ats({"learn", "-q", log, "--write-overlay", overlay, "--accept-deviations"})
                .exit_code == 0);
    const json written = json::parse(test::read_file(overlay));
    CHECK(written["overlay"] == "1.0.0");
    for (const json& action : written["actions"]) {
        CHECK(action["x-ats-hook-evidence"].size() >= 1);
        CHECK(action.contains("x-ats-hook-schema-version"));
    }
    for (const std::string mode : {"--event-free", "--strict"}) {
        std::vector<std::string> args = {"validate", log, "--overlay", overlay};
        if (mode == "--strict") args.push_back(mode);
        const auto after = test::run_ats(args);
        INFO(after.out);
        CHECK(after.exit_code == 0);
        CHECK(after.out.ends_with("950 documents: 950 valid, 0 invalid; 0 errors, 0 warnings\n"));
    }
    // learn again with the overlay: only what no overlay can change is left (3 fractional
    // digits are a valid date-time).
    const auto again = test::run_ats({"learn", log, "--overlay", overlay});
    CHECK(again.out.find("1 finding\n") != std::string::npos);
    CHECK(again.out.find("[format-mismatch;") != std::string::npos);
}

TEST_CASE("profiles of parts merge byte for byte into the profile of the whole, in any order") {
    const std::string a = write("a.ndjson", emitted(20, 6));
    const fs::path dir = scratch("captures");
    fs::create_directories(dir / "deeper");
    std::ofstream(dir / "one.json") << emitted(1, 7);
    std::ofstream(dir / "deeper" / "two.ndjson") << emitted(5, 8);
    std::ofstream(dir / ".half-written.json") << "{\"type\":"; // hidden: skipped
    const std::string whole = scratch("whole.json"), pa = scratch("pa.json"),
                      pb = scratch("pb.json"), merged = scratch("merged.json"),
                      parallel = scratch("parallel.json");
    REQUIRE(test::run_ats({"learn", "-q", "-j", "1", a, dir.string(), "--save-profile", whole})
                .exit_code == 0);
    REQUIRE(test::run_ats({"learn", "-q", a, "--save-profile", pa}).exit_code == 0);
    REQUIRE(test::run_ats({"learn", "-q", dir.string(), "--save-profile", pb}).exit_code == 0);
    REQUIRE(test::run_ats({"learn", "-q", "--merge", pb, pa, "--save-profile", merged}).exit_code == 0);
    REQUIRE(test::run_ats({"learn", "-q", "-j", "2", dir.string(), a, "--save-profile", parallel})
                .exit_code == 0);
    CHECK(test::read_file(whole) == test::read_file(merged));
    CHECK(test::read_file(whole) == test::read_file(parallel));
    CHECK(json::parse(test::read_file(whole))["documents"] == 20 * 19 + 19 + 5 * 19);
}

TEST_CASE("personal data stays out of learn's report and profile unless --show-values") {
    const std::string log = write("people.ndjson", emitted(3, 9));
    const std::string profile = scratch("people.json");
    const auto run = test::run_ats({"learn", log, "--format", "json", "--save-profile", profile});
    REQUIRE(run.exit_code == 0);
    for (const std::string& text : {run.out, test::read_file(profile)}) {
        CHECK(text.find("@example.com") == std::string::npos);
        CHECK(text.find("\"full_name\":\"") == std::string::npos);
    }
    const auto shown = test::run_ats({"learn", log, "--format", "json", "--show-values"});
    CHECK(shown.out.find("@example.com") != std::string::npos);
}

TEST_CASE("learn refuses bad input with a clear message and its exit code") {
    const std::string good = scratch("good.json");
    REQUIRE(test::run_ats({"learn", "-q", "--save-profile", good}, test::stdin_of(emitted(1, 10)))
                .exit_code == 0);
    const std::string text = test::read_file(good);
    const std::string truncated = write("truncated.json", text.substr(0, text.size() / 3));
    json newer_json = json::parse(text);
    newer_json["version"] = 99;
    const std::string newer = write("newer.json", newer_json.dump());
    const std::string nowhere = scratch("no-such-dir").string();
    const std::string empty = write("empty.json", "");
    const std::string bad_overlay = write(
        "bad.overlay.json",
        R"({"overlay":"1.0.0","info":{"title":"t","version":"1"},"actions":[{"target":"$.definitions['objects.nothing'].properties","update":{"x":{}}}]})");
    struct Case {
        std::vector<std::string> args;
        int exit_code;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"learn", "--merge", good, truncated}, 3, truncated + ":"},
        {{"learn", "--merge", good, newer}, 3, "made by a newer ats-hook (profile version 99)"},
        {{"learn", nowhere}, 3, nowhere + ": no such file or directory"},
        {{"learn", empty}, 3, "no JSON payload in the input: 1 unreadable"},
        {{"learn", good, "--overlay", bad_overlay}, 3, "bad.overlay.json: action 1"},
        {{"learn", "--event", "job.create", good}, 2, "did you mean \"job.created\""},
        {{"learn", "--merge", "--event", "job.created", good}, 2, "--merge reads profiles"},
    };
    for (const Case& c : cases) {
        const auto run = test::run_ats(c.args);
        INFO(c.args[1], " ", c.args.back(), ": ", run.err);
        CHECK(run.exit_code == c.exit_code);
        CHECK(run.err.find(c.message) != std::string::npos);
        CHECK(run.err.find("terminate") == std::string::npos);
    }
}

TEST_CASE("learn writes no overlay when there is nothing to correct, and says so") {
    const std::string log = write("clean.ndjson", emitted(2, 11));
    const std::string overlay = scratch("none.overlay.json").string();
    const auto run = test::run_ats({"learn", log, "--write-overlay", overlay});
    CHECK(run.exit_code == 0);
    CHECK_FALSE(fs::exists(overlay));
    CHECK(run.err.find("nothing to correct") != std::string::npos);
}
