// Every bundled sample validates with the result its README promises: valid samples pass (also
// under --strict), and each invalid sample yields exactly the findings in its .findings file,
// which were written by hand from the spec, not from this program's output.
#include "cli/run_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> files_in(const std::string& folder, const std::string& extension) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(test::source_path(folder)))
        if (entry.path().extension() == extension) out.push_back(entry.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

// "severity pointer keyword" per finding, sorted, from `validate --format json` output.
std::vector<std::string> findings_of(const std::string& json_lines, bool with_line) {
    std::vector<std::string> out;
    std::istringstream lines(json_lines);
    for (std::string line; std::getline(lines, line);) {
        const auto report = nlohmann::json::parse(line);
        for (const auto& f : report["findings"]) {
            std::string row = f["severity"].get<std::string>() + " " +
                              f["pointer"].get<std::string>() + " " +
                              f["keyword"].get<std::string>();
            if (with_line) row = std::to_string(report["line"].get<int>()) + " " + row;
            out.push_back(row);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> expected_findings(const std::string& path) {
    std::vector<std::string> out;
    std::istringstream lines(test::read_file(path));
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) out.push_back(line);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("every valid sample validates, one per event type, also under --strict") {
    const auto files = files_in("samples/valid", ".json");
    CHECK(files.size() == 20);
    for (const auto& file : files) {
        CAPTURE(file);
        const auto lenient = test::run_ats({"validate", file});
        CHECK(lenient.exit_code == 0);
        CHECK(lenient.out.find(": valid ") != std::string::npos);
        const auto strict = test::run_ats({"validate", "--strict", file});
        CHECK(strict.exit_code == 0);
        CHECK(strict.out.find("warning") == std::string::npos);
    }
    std::vector<std::string> args = {"validate", "--format", "json"};
    args.insert(args.end(), files.begin(), files.end());
    const auto all = test::run_ats(args);
    std::set<std::string> types;
    std::istringstream lines(all.out);
    for (std::string line; std::getline(lines, line);)
        types.insert(nlohmann::json::parse(line)["event_type"].get<std::string>());
    CHECK(types.size() == 19);
}

TEST_CASE("each invalid sample yields its expected findings and exit code 1") {
    const auto files = files_in("samples/invalid", ".json");
    CHECK(files.size() >= 10);
    for (const auto& file : files) {
        CAPTURE(file);
        const auto run = test::run_ats({"validate", "--format", "json", file});
        CHECK(run.exit_code == 1);
        const std::string findings = file.substr(0, file.size() - 5) + ".findings";
        CHECK(findings_of(run.out, false) == expected_findings(findings));
    }
}

TEST_CASE("an unknown member is only a warning by default and an error under --strict") {
    const std::string file = test::source_path("samples/warnings/unknown-field.json");
    const auto lenient = test::run_ats({"validate", "--format", "json", file});
    CHECK(lenient.exit_code == 0);
    CHECK(findings_of(lenient.out, false) ==
          expected_findings(test::source_path("samples/warnings/unknown-field.findings")));
    const auto strict = test::run_ats({"validate", "--strict", file});
    CHECK(strict.exit_code == 1);
    CHECK(strict.out.find("/data/object/pronouns: unknown member \"pronouns\"") !=
          std::string::npos);
}

TEST_CASE("the NDJSON sample log reports its two bad lines by line number") {
    const std::string file = test::source_path("samples/deliveries.ndjson");
    const auto run = test::run_ats({"validate", "--format", "json", file});
    CHECK(run.exit_code == 1);
    CHECK(findings_of(run.out, true) == expected_findings(file + ".findings"));
    const auto text = test::run_ats({"validate", file});
    CHECK(
        text.out.find("deliveries.ndjson:14:983: /data/object/stage/parent_stage: \"interview\" is not "
                      "one of rejected, new, screening, interviewing, offered, hired\n") !=
        std::string::npos);
    CHECK(text.out.find("44 documents: 42 valid, 2 invalid; 2 errors, 0 warnings\n") !=
          std::string::npos);
}
