#include "cli/run_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace {

const std::string k_valid = test::source_path("samples/valid/interview.created.json");

std::string compact(const std::string& path) {
    return nlohmann::json::parse(test::read_file(path)).dump();
}

std::string temp_file(const std::string& name, const std::string& content) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("ats-hook-test-" + std::to_string(getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

} // namespace

TEST_CASE("validate reads stdin when no file or - is given") {
    const std::string payload = test::read_file(k_valid);
    for (const auto& args :
         {std::vector<std::string>{"validate"}, std::vector<std::string>{"validate", "-"}}) {
        const auto run = test::run_ats(args, test::stdin_of(payload));
        CHECK(run.exit_code == 0);
        CHECK(run.out == "<stdin>: valid interview.created\n");
    }
}

TEST_CASE("validate exit code 1 names file, pointer, what was expected and what came") {
    auto payload = nlohmann::json::parse(test::read_file(k_valid));
    payload["data"]["object"]["event"]["attendees"][1]["status"] = "attending";
    const std::string text = payload.dump(2);
    const auto file = temp_file("delivery.json", text);
    const auto run = test::run_ats({"validate", file});
    CHECK(run.exit_code == 1);
    // The line and column of the value's opening quote (the text is ASCII: a byte a column).
    const std::size_t at = text.find(R"("attending")");
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(
                                     text.begin(), text.begin() + static_cast<long>(at), '\n'));
    const std::size_t column = at - text.rfind('\n', at);
    CHECK(run.out == file + ":" + std::to_string(line) + ":" + std::to_string(column) +
                         ": /data/object/event/attendees/1/status: \"attending\" is not one of "
                         "accepted, pending, maybe, declined\n");
}

TEST_CASE("validate exit code 2 for usage errors, with a suggestion for a mistyped --event") {
    const auto format = test::run_ats({"validate", "--format", "yaml"});
    CHECK(format.exit_code == 2);
    CHECK(format.err.starts_with("ats-hook: error: --format: yaml not in "
                                   "{text,json,github,gitlab,junit,sarif}\n"));
    CHECK(test::run_ats({"validate", "--no-such-option"}).exit_code == 2);
    CHECK(test::run_ats({"frobnicate"}).exit_code == 2);
    const auto run = test::run_ats({"validate", "--event", "interview.create", k_valid});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("did you mean \"interview.created\"") != std::string::npos);
    CHECK(run.out.empty());
}

TEST_CASE("validate exit code 3 for input that is missing or not JSON") {
    SUBCASE("a file that does not exist") {
        const auto run = test::run_ats({"validate", "no-such-file.json"});
        CHECK(run.exit_code == 3);
        CHECK(run.err ==
              "ats-hook: error: no-such-file.json: cannot open: No such file or directory\n");
    }
    SUBCASE("malformed JSON reports line and column") {
        const auto run = test::run_ats(
            {"validate"}, test::stdin_of("{\n  \"type\": \"job.created\",\n  \"data\": {,}\n}"));
        CHECK(run.exit_code == 3);
        CHECK(run.out.starts_with("<stdin>:3:12: not valid JSON: "));
    }
    SUBCASE("empty input") {
        const auto run = test::run_ats({"validate", temp_file("empty.json", "")});
        CHECK(run.exit_code == 3);
    }
    SUBCASE("whitespace only") {
        const auto run = test::run_ats({"validate"}, test::stdin_of("  \n\n"));
        CHECK(run.exit_code == 3);
        CHECK(run.out.find("empty input") != std::string::npos);
    }
    SUBCASE("not an object") {
        const auto run = test::run_ats({"validate"}, test::stdin_of("[1, 2]"));
        CHECK(run.exit_code == 3);
        CHECK(run.out.find("a HireHive event is a JSON object, but this is an array") !=
              std::string::npos);
    }
    SUBCASE("invalid UTF-8") {
        const auto run =
            test::run_ats({"validate"}, test::stdin_of("{\"type\": \"job.created\xff\"}"));
        CHECK(run.exit_code == 3);
        CHECK(run.out.find("not valid UTF-8") != std::string::npos);
    }
    SUBCASE("nesting deeper than 256") {
        const std::string deep = "{\"a\":" + std::string(300, '[') + std::string(300, ']') + "}";
        const auto run = test::run_ats({"validate"}, test::stdin_of(deep));
        CHECK(run.exit_code == 3);
        CHECK(run.out.find("nesting is deeper than 256 levels") != std::string::npos);
    }
    SUBCASE("a number out of range is a clear error with its place, not a crash") {
        const auto run = test::run_ats(
            {"validate"}, test::stdin_of("{\"type\": \"job.created\",\n \"x\": 1e400}"));
        CHECK(run.exit_code == 3);
        CHECK(run.out.starts_with("<stdin>:2:"));
        CHECK(
            run.out.find("a number is out of range (beyond 64-bit integers or double precision)") !=
            std::string::npos);
        const auto big =
            test::run_ats({"validate"}, test::stdin_of("{\"x\": 18446744073709551616}"));
        CHECK(big.exit_code == 3);
        CHECK(big.out.find("a number is out of range") != std::string::npos);
    }
    SUBCASE("a byte order mark") {
        const auto run = test::run_ats({"validate"}, test::stdin_of("\xEF\xBB\xBF{}"));
        CHECK(run.exit_code == 3);
        CHECK(run.out.find("byte order mark (BOM)") != std::string::npos);
    }
    SUBCASE("a payload over --max-bytes") {
        const auto run = test::run_ats({"validate", "--max-bytes", "100", k_valid});
        CHECK(run.exit_code == 3);
        CHECK(run.out.find("larger than --max-bytes (100 bytes)") != std::string::npos);
    }
}

TEST_CASE("an unknown event type suggests the nearest real type") {
    const auto run = test::run_ats({"validate"}, test::stdin_of(R"({"type": "interview.create",
        "timestamp": "2024-01-24T14:59:34Z", "data": {}})"));
    CHECK(run.exit_code == 1);
    CHECK(run.out == "<stdin>:1:10: /type: \"interview.create\" is not a HireHive event type; did you "
                     "mean \"interview.created\"? (`ats-hook events` lists the 19 types)\n");
}

TEST_CASE("--event validates against the forced type") {
    const auto run = test::run_ats({"validate", "--event", "interview.updated", k_valid});
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("/type: expected \"interview.updated\", found \"interview.created\"") !=
          std::string::npos);
}

TEST_CASE("--quiet prints nothing and keeps the exit code") {
    const auto bad = test::run_ats({"validate", "--quiet"}, test::stdin_of("{\"type\": 1}"));
    CHECK(bad.exit_code == 1);
    CHECK(bad.out.empty());
    CHECK(bad.err.empty());
    const auto missing = test::run_ats({"validate", "-q", "no-such-file.json"});
    CHECK(missing.exit_code == 3);
    CHECK(missing.err.empty());
}

TEST_CASE("--format json prints one object per document with the finding details") {
    const std::string log = compact(k_valid) + "\n\n{\"type\": \"job.created\"}\n";
    const auto run = test::run_ats({"validate", "--format", "json", "-"}, test::stdin_of(log));
    CHECK(run.exit_code == 1);
    const auto newline = run.out.find('\n');
    const auto first = nlohmann::json::parse(run.out.substr(0, newline));
    const auto second = nlohmann::json::parse(run.out.substr(newline + 1));
    CHECK(first == nlohmann::json::parse(R"({"source": "<stdin>", "line": 1,
        "event_type": "interview.created", "valid": true, "findings": [],
        "omitted_findings": {"errors": 0, "warnings": 0}})"));
    CHECK(second["line"] == 3); // the blank line 2 is skipped but counted
    CHECK(second["valid"] == false);
    REQUIRE(second["findings"].size() == 2);
    // The root of line 3: its 23 characters, columns 1 to 23.
    CHECK(second["findings"][1] == nlohmann::json::parse(R"({"pointer": "", "keyword": "required",
        "severity": "error", "message": "missing required member \"timestamp\"",
        "expected": "a member \"timestamp\"", "actual": "absent", "line": 3, "column": 1,
        "end_line": 3, "end_column": 24})"));
}

TEST_CASE("--format json reports a file that cannot be opened as an object too") {
    const auto run = test::run_ats({"validate", "--format", "json", "no-such-file.json", k_valid});
    CHECK(run.exit_code == 3);
    const auto first = nlohmann::json::parse(run.out.substr(0, run.out.find('\n')));
    CHECK(first["source"] == "no-such-file.json");
    CHECK(first["valid"] == false);
    CHECK(first["error"]["message"] == "no-such-file.json: cannot open: No such file or directory");
    CHECK(run.out.find("\"event_type\":\"interview.created\"") != std::string::npos);
}

TEST_CASE("several files keep their order and end with a summary line") {
    const std::string bad = temp_file(
        "bad.json",
        "{\"type\": \"job.created\", \"timestamp\": \"x\", \"data\": {\"id\": \"job_1\"}}");
    const auto run = test::run_ats({"validate", k_valid, bad});
    CHECK(run.exit_code == 1);
    CHECK(run.out == k_valid + ": valid interview.created\n" + bad +
                         ":1:38: /timestamp: \"x\" is not an RFC 3339 date-time\n"
                         "2 documents: 1 valid, 1 invalid; 1 error, 0 warnings\n");
}

TEST_CASE("--jobs splits a large NDJSON log and keeps the output in input order") {
    // About 6 MB: several 2 MB chunks, with invalid lines spread through it.
    const std::string valid = compact(k_valid);
    auto broken = nlohmann::json::parse(valid);
    broken["data"]["object"]["event"]["status"] = "over";
    std::string log;
    for (int line = 1; line <= 7000; ++line)
        log += (line % 997 == 0 ? broken.dump() : valid) + "\n";
    const std::string file = temp_file("large.ndjson", log);
    const auto one = test::run_ats({"validate", "--jobs", "1", file});
    const auto four = test::run_ats({"validate", "--jobs", "4", file});
    CHECK(one.exit_code == 1);
    CHECK(four.exit_code == 1);
    CHECK(four.out == one.out);
    // Columns count characters: the sample's names hold letters of two and three bytes.
    const std::string line_text = broken.dump();
    const std::string before = line_text.substr(0, line_text.find(R"("over")"));
    const std::string column = std::to_string(
        1 + static_cast<std::size_t>(std::count_if(before.begin(), before.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        })));
    CHECK(one.out.find(file + ":997:" + column + ": /data/object/event/status") !=
          std::string::npos);
    CHECK(one.out.find(file + ":6979:" + column + ": /data/object/event/status") !=
          std::string::npos);
    CHECK(one.out.ends_with("7000 documents: 6993 valid, 7 invalid; 7 errors, 0 warnings\n"));
}

TEST_CASE("a pretty-printed payload whose first line is not complete JSON is one document") {
    const auto run = test::run_ats({"validate", k_valid});
    CHECK(run.out == k_valid + ": valid interview.created\n");
    const auto one_line = test::run_ats({"validate"}, test::stdin_of(compact(k_valid) + "\n"));
    CHECK(one_line.out == "<stdin>: valid interview.created\n");
}

TEST_CASE("a directory stands for its .json, .ndjson and .jsonl files, in byte order") {
    const std::string dir = temp_file("fixtures", "");
    std::filesystem::remove(dir);
    std::filesystem::create_directories(dir + "/nested");
    std::filesystem::copy_file(k_valid, dir + "/b.json");
    std::ofstream(dir + "/nested/a.ndjson") << compact(k_valid) << "\n{\"type\": 1}\n";
    std::ofstream(dir + "/notes.txt") << "not JSON, not looked at";
    std::ofstream(dir + "/.hidden.json") << "not JSON either";
    const auto run = test::run_ats({"validate", dir});
    CHECK(run.exit_code == 1);
    CHECK(run.out.find(dir + "/b.json: valid interview.created\n") != std::string::npos);
    CHECK(run.out.find(dir + "/nested/a.ndjson:2:10: /type: ") != std::string::npos);
    CHECK(run.out.ends_with("3 documents: 2 valid, 1 invalid; 1 error, 0 warnings\n"));
    std::filesystem::remove_all(dir);
}
