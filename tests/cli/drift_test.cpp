// ats-hook drift on captures made with emit: a renamed field, a date-time form changed, a
// capture against itself, a profile against a directory, and the inputs it refuses.
#include "cli/run_process.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace {

// A folder of its own for each test process (CTest runs test cases in parallel processes).
class Scratch {
public:
    Scratch() {
        static int counter = 0;
        m_dir =
            std::filesystem::temp_directory_path() /
            ("ats-hook-drift-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
        std::filesystem::create_directories(m_dir);
    }
    ~Scratch() { std::filesystem::remove_all(m_dir); }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    std::string write(const std::string& name, const std::string& content) const {
        const auto path = m_dir / name;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << content;
        return path.string();
    }

private:
    std::filesystem::path m_dir;
};

// 40 job.created events, the same bytes every run.
std::string capture() {
    const auto run = test::run_ats({"emit", "job.created", "--count", "40", "--seed", "7", "--at",
                                    "2026-01-05T10:00:00.1234567Z"});
    REQUIRE(run.exit_code == 0);
    return run.out;
}

// The capture with the job's title (the first "title" of each line) renamed to "headline".
std::string renamed(const std::string& ndjson) {
    std::string out;
    std::size_t at = 0;
    while (at < ndjson.size()) {
        const std::size_t end = ndjson.find('\n', at);
        std::string line = ndjson.substr(at, end - at);
        const std::size_t title = line.find("\"title\":");
        REQUIRE(title != std::string::npos);
        line.replace(title, 8, "\"headline\":");
        out += line + "\n";
        at = end == std::string::npos ? ndjson.size() : end + 1;
    }
    return out;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("drift reports a renamed field as a vanished field (breaking) and an added one, exit 1") {
    const Scratch scratch;
    const std::string data = capture();
    const auto old_file = scratch.write("old.ndjson", data);
    const auto new_file = scratch.write("new.ndjson", renamed(data));
    const auto run = test::run_ats({"drift", old_file, new_file});
    CHECK(run.exit_code == 1);
    CHECK(run.err.empty());
    CHECK(has(run.out, old_file + ":1: breaking: job.created /data/object/title: field vanished: "
                                  "was in 100% of 40 objects (string), now in none of 40 objects "
                                  "[field-vanished]\n"));
    CHECK(has(run.out, new_file + ":1: additive: job.created /data/object/headline: field added: "
                                  "in 100% of 40 objects (string) [field-added]\n"));
    CHECK(run.out.find("breaking:") < run.out.find("additive:"));
    CHECK(has(run.out, "\ndrift: 1 breaking, 1 additive change in 1 of 1 event type (40 "
                       "documents then 40 documents)\n"));
}

TEST_CASE("drift of a capture against itself reports no change and exits 0") {
    const Scratch scratch;
    const auto file = scratch.write("log.ndjson", capture());
    const auto run = test::run_ats({"drift", file, file});
    CHECK(run.exit_code == 0);
    CHECK(run.out == "drift: 0 breaking, 0 additive changes in 0 of 1 event type (40 documents "
                     "then 40 documents)\n");
}

TEST_CASE("drift compares a saved profile with a directory of payloads, in JSON too") {
    const Scratch scratch;
    const std::string data = capture();
    const auto old_file = scratch.write("old.ndjson", data);
    const auto profile = scratch.write("old.profile.json", "");
    REQUIRE(test::run_ats({"learn", "-q", old_file, "--save-profile", profile}).exit_code == 0);
    const std::string week = scratch.write("week/mon.ndjson", renamed(data));
    const auto dir = std::filesystem::path(week).parent_path().string();
    const auto text = test::run_ats({"drift", profile, dir});
    CHECK(text.exit_code == 1);
    CHECK(has(text.out, "job.created /data/object/title: field vanished"));
    const auto json = test::run_ats({"drift", "--format", "json", profile, dir});
    CHECK(json.exit_code == 1);
    CHECK(has(json.out,
              R"({"record":"change","event":"job.created","pointer":"/data/object/title",)"
              R"("change":"field-vanished","impact":"breaking","old":{"count":40,"of":40},)"
              R"("new":{"count":0,"of":40},)"));
    CHECK(has(json.out, "\n{\"record\":\"summary\",\"breaking\":1,\"additive\":1,\"event_types\":1,"
                        "\"changed_event_types\":1,\"old_documents\":40,\"new_documents\":40}\n"));
    CHECK(test::run_ats({"drift", "--quiet", profile, profile}).out.empty());
}

TEST_CASE("drift reports date-times sent with 3 fractional digits instead of 7 as breaking") {
    const Scratch scratch;
    const std::string data = capture();
    const auto old_file = scratch.write("old.ndjson", data);
    const auto new_file = scratch.write(
        "new.ndjson", std::regex_replace(data, std::regex(R"((\.\d{3})\d{4}Z)"), "$1Z"));
    const auto run = test::run_ats({"drift", "--event", "job.created", old_file, new_file});
    CHECK(run.exit_code == 1);
    CHECK(has(run.out,
              ": breaking: job.created /timestamp: format changed: was date-time Z .7, "
              "now date-time Z .3 (date-time Z .3 100% of 40 strings) [format-changed]\n"));
    const auto other = test::run_ats({"drift", "--event", "interview.created", old_file, new_file});
    CHECK(other.exit_code == 0);
    CHECK(has(other.out, "drift: 0 breaking, 0 additive changes in 0 of 0 event types"));
}

TEST_CASE("drift refuses a truncated profile, a newer one and unusable inputs, naming them") {
    const Scratch scratch;
    const auto old_file = scratch.write("old.ndjson", capture());
    const auto profile = scratch.write("p.json", "");
    REQUIRE(test::run_ats({"learn", "-q", old_file, "--save-profile", profile}).exit_code == 0);
    const std::string bytes = test::read_file(profile);
    SUBCASE("truncated") {
        const auto cut = scratch.write("cut.json", bytes.substr(0, bytes.size() / 2));
        const auto run = test::run_ats({"drift", cut, old_file});
        CHECK(run.exit_code == 3);
        CHECK(has(run.err, cut + ":"));
        CHECK(has(run.err, "not a profile"));
    }
    SUBCASE("from a newer ats-hook") {
        const auto newer =
            scratch.write("newer.json", std::regex_replace(bytes, std::regex("\"version\": 1,"),
                                                           "\"version\": 9,"));
        const auto run = test::run_ats({"drift", old_file, newer});
        CHECK(run.exit_code == 3);
        CHECK(has(run.err, newer + ": made by a newer ats-hook (profile version 9)"));
    }
    SUBCASE("made with --show-values against one without") {
        const auto shown = scratch.write("shown.json", "");
        REQUIRE(test::run_ats({"learn", "-q", "--show-values", old_file, "--save-profile", shown})
                    .exit_code == 0);
        const auto run = test::run_ats({"drift", profile, shown});
        CHECK(run.exit_code == 3);
        CHECK(has(run.err, profile + " was made without --show-values and " + shown));
    }
    SUBCASE("missing, empty") {
        const auto missing = test::run_ats({"drift", profile, scratch.write("x", "") + "-gone"});
        CHECK(missing.exit_code == 3);
        CHECK(has(missing.err, "-gone: no such file or directory"));
        const auto empty = scratch.write("empty.ndjson", "");
        const auto run = test::run_ats({"drift", profile, empty});
        CHECK(run.exit_code == 3);
        CHECK(has(run.err, empty + ": no documents to compare"));
    }
    SUBCASE("usage") {
        CHECK(test::run_ats({"drift", "-", "-"}).exit_code == 2);
        CHECK(test::run_ats({"drift", profile}).exit_code == 2);
        const auto run = test::run_ats({"drift", "--event", "job.create", profile, profile});
        CHECK(run.exit_code == 2);
        CHECK(has(run.err, "did you mean \"job.created\""));
    }
}

TEST_CASE("drift reads NEW from stdin") {
    const Scratch scratch;
    const std::string data = capture();
    const auto old_file = scratch.write("old.ndjson", data);
    const auto run = test::run_ats({"drift", old_file, "-"}, test::stdin_of(renamed(data)));
    CHECK(run.exit_code == 1);
    CHECK(has(run.out, "<stdin>:1: additive: job.created /data/object/headline: field added"));
}
