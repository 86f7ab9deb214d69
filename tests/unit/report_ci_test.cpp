// The CI formats (GitHub workflow commands, GitLab Code Quality, JUnit, SARIF) on the fixed
// records of report_fixtures.hpp. Expected text written by hand; the consumers themselves
// (@actions/core, the SARIF schema, junitparser) check the same formats in tests/consumers.
#include "report_fixtures.hpp"

#include "atshook/report/ci_case.hpp"
#include "atshook/report/report_stream.hpp"
#include "atshook/report/rules.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

using atshook::Document;
using atshook::report::document_report;
using fixtures::k_invalid_document;

namespace {

struct Input {
    std::string source;
    std::vector<std::pair<Document, atshook::DocumentResult>> documents;
};

// What validate writes for these inputs in `format`, through the same ReportStream.
std::string run_of(atshook::report::Format format, const std::vector<Input>& inputs,
                   const atshook::report::Emitter** kept = nullptr) {
    static std::unique_ptr<atshook::report::Emitter> emitter;
    emitter = atshook::report::make_emitter(format, {false, "/work", "validate", "1.2.3"});
    if (kept) *kept = emitter.get();
    std::string out;
    atshook::report::ReportStream stream(*emitter, [&](std::string_view text) { out += text; });
    atshook::report::Tally total;
    for (const auto& input : inputs) {
        for (const auto& [document, result] : input.documents) {
            std::string records;
            emitter->document(records, document_report(input.source, document, result));
            atshook::report::Tally tally;
            tally.add(result);
            stream.records(records, tally);
            total.add(tally);
        }
        stream.end_input(input.source);
    }
    stream.finish(total);
    return out;
}

const std::vector<Input> k_log_and_bad_file = {
    {"log.ndjson",
     {{Document{"{}", 1, false}, fixtures::valid_result("job.created")},
      {Document{k_invalid_document, 2, false}, fixtures::invalid_result()}}},
    {"bad & <x>.json",
     {{Document{"{\"a\"x", 0, false}, fixtures::unreadable_result("not valid JSON: x", 4)}}}};

} // namespace

TEST_CASE("github: a workflow command per finding with its region, then the summary line") {
    CHECK(run_of(atshook::report::Format::github, k_log_and_bad_file) ==
          "::error title=ats-hook enum,file=log.ndjson,line=2,endLine=2,col=38,endColumn=44::"
          "/data/object/event/status: \"over\" is not one of active, past, cancelled\n"
          "::warning title=ats-hook additionalProperties,file=log.ndjson,line=2,endLine=2,"
          "col=55,endColumn=60::/data/object/colour: unknown member \"colour\"\n"
          "::error title=ats-hook unreadable,file=bad & <x>.json,line=1,col=5::not valid JSON: x\n"
          "3 documents: 1 valid, 1 invalid, 1 unreadable; 1 error, 1 warning\n");
}

TEST_CASE("github: escapes % CR LF in messages, and : , too in properties, as @actions/core") {
    atshook::DocumentResult result = fixtures::valid_result("job.created");
    result.status = atshook::DocumentResult::Status::invalid;
    result.findings.push_back({"/x", "type", "50% done\r\nnext: a,b \x1b[2J \xe2\x80\xae \xff",
                               "string", "1", atshook::Severity::error});
    const std::vector<Input> inputs = {
        {"a,b:c%\n.json", {{Document{R"({"x":1})", 0, false}, result}}}};
    const std::string out = run_of(atshook::report::Format::github, inputs);
    CHECK(out.substr(0, out.find('\n') + 1) ==
          "::error title=ats-hook type,file=a%2Cb%3Ac%25%0A.json,line=1,endLine=1,col=6,"
          "endColumn=7::/x: 50%25 done%0D%0Anext: a,b \\x1b[2J \\u{202e} \\xff\n");
}

TEST_CASE("github: the job summary counts each file and lists the first findings in order") {
    const atshook::report::Emitter* emitter = nullptr;
    run_of(atshook::report::Format::github, k_log_and_bad_file, &emitter);
    atshook::report::Tally total;
    total.documents = 3;
    total.valid = total.invalid = total.unreadable = total.warnings = total.errors = 1;
    const std::string summary = emitter->job_summary(total);
    CHECK(summary.find("| log.ndjson | 2 | 1 | 1 |\n") != std::string::npos);
    // Markdown's marks in a name are escaped, so the table shows the name as text.
    CHECK(summary.find("| bad & \\<x\\>.json | 1 | 1 | 0 |\n") != std::string::npos);
    const auto enum_row = summary.find("| log.ndjson:2:38 | error | /data/object/event/status: ");
    const auto colour_row = summary.find("| log.ndjson:2:55 | warning | /data/object/colour: ");
    const auto bad_row = summary.find("| bad & \\<x\\>.json:1:5 | error | not valid JSON: x |");
    CHECK(enum_row < colour_row);
    CHECK(colour_row < bad_row);
    CHECK(bad_row != std::string::npos);
}

TEST_CASE("junit: a testsuite per file, a testcase per document, failures and errors counted") {
    CHECK(run_of(atshook::report::Format::junit, k_log_and_bad_file) ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<testsuites name=\"ats-hook validate\" tests=\"3\" failures=\"1\" errors=\"1\" "
          "skipped=\"0\">\n"
          "  <testsuite name=\"log.ndjson\" tests=\"2\" failures=\"1\" errors=\"0\" "
          "skipped=\"0\">\n"
          "    <testcase name=\"line 1\" classname=\"job.created\"/>\n"
          "    <testcase name=\"line 2\" classname=\"interview.created\">\n"
          "      <failure message=\"1 error\" type=\"enum\">log.ndjson:2:38: "
          "/data/object/event/status: &quot;over&quot; is not one of active, past, "
          "cancelled&#10;log.ndjson:2:55: warning: /data/object/colour: unknown member "
          "&quot;colour&quot;&#10;</failure>\n"
          "    </testcase>\n"
          "  </testsuite>\n"
          "  <testsuite name=\"bad &amp; &lt;x&gt;.json\" tests=\"1\" failures=\"0\" "
          "errors=\"1\" skipped=\"0\">\n"
          "    <testcase name=\"bad &amp; &lt;x&gt;.json\" classname=\"unknown\">\n"
          "      <error message=\"not valid JSON: x\" type=\"unreadable\">bad &amp; "
          "&lt;x&gt;.json:1:5: not valid JSON: x&#10;</error>\n"
          "    </testcase>\n"
          "  </testsuite>\n"
          "</testsuites>\n");
}

TEST_CASE("junit: text XML cannot hold becomes a visible escape") {
    atshook::DocumentResult result = fixtures::valid_result("job.created");
    result.status = atshook::DocumentResult::Status::invalid;
    result.findings.push_back({"/x", "type", "nul \x01 and \xff byte", "string", "1",
                               atshook::Severity::error});
    const std::string out = run_of(atshook::report::Format::junit,
                                   {{"x.json", {{Document{R"({"x":1})", 0, false}, result}}}});
    CHECK(out.find("nul \\x01 and \\xff byte") != std::string::npos);
    CHECK(out.find('\x01') == std::string::npos);
}

TEST_CASE("gitlab: an issue per finding, fingerprints unique and the same on every run") {
    const std::string first = run_of(atshook::report::Format::gitlab, k_log_and_bad_file);
    CHECK(run_of(atshook::report::Format::gitlab, k_log_and_bad_file) == first);
    const auto issues = nlohmann::json::parse(first);
    REQUIRE(issues.size() == 3);
    CHECK(issues[0]["description"] ==
          "/data/object/event/status: \"over\" is not one of active, past, cancelled");
    CHECK(issues[0]["check_name"] == "ats-hook/enum");
    CHECK(issues[0]["severity"] == "major");
    CHECK(issues[1]["severity"] == "minor");
    CHECK(issues[2]["check_name"] == "ats-hook/unreadable");
    CHECK(issues[0]["location"] ==
          nlohmann::json::parse(R"({"path": "log.ndjson", "lines": {"begin": 2}})"));
    CHECK(issues[0]["fingerprint"] != issues[1]["fingerprint"]);
    CHECK(issues[1]["fingerprint"] != issues[2]["fingerprint"]);
    CHECK(issues[0]["fingerprint"].get<std::string>().size() == 32);
    CHECK(nlohmann::json::parse(run_of(atshook::report::Format::gitlab, {})) ==
          nlohmann::json::array());
}

TEST_CASE("sarif: one run with every rule, a result per finding at its region") {
    const auto log = nlohmann::json::parse(run_of(atshook::report::Format::sarif,
                                                  k_log_and_bad_file));
    CHECK(log["version"] == "2.1.0");
    const auto& run = log["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "ats-hook");
    CHECK(run["tool"]["driver"]["version"] == "1.2.3");
    CHECK(run["tool"]["driver"]["rules"].size() == atshook::report::rules().size());
    CHECK(run["columnKind"] == "unicodeCodePoints");
    CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///work/");
    REQUIRE(run["results"].size() == 3);
    const auto& first = run["results"][0];
    CHECK(first["ruleId"] == "enum");
    CHECK(run["tool"]["driver"]["rules"][first["ruleIndex"].get<std::size_t>()]["id"] == "enum");
    CHECK(first["level"] == "error");
    CHECK(first["locations"][0]["physicalLocation"] == nlohmann::json::parse(R"({
        "artifactLocation": {"uri": "log.ndjson", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 2, "startColumn": 38, "endLine": 2, "endColumn": 44}})"));
    CHECK(run["results"][1]["level"] == "warning");
    CHECK(run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "bad%20%26%20%3Cx%3E.json");
}

TEST_CASE("sarif: a path under the working directory is relative, others absolute file URIs") {
    atshook::DocumentResult result = fixtures::invalid_result();
    const auto uri_of = [&](std::string source) {
        const auto log = nlohmann::json::parse(run_of(
            atshook::report::Format::sarif, {{source, {{Document{k_invalid_document, 0, false},
                                                        result}}}}));
        return log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
                  ["artifactLocation"]["uri"]
                      .get<std::string>();
    };
    CHECK(uri_of("/work/fixtures/a.json") == "fixtures/a.json");
    CHECK(uri_of("/elsewhere/ä b.json") == "file:///elsewhere/%C3%A4%20b.json");
    CHECK(uri_of("c:d.json") == "c%3Ad.json");
}

TEST_CASE("report paths are relative to the working directory when under it") {
    using atshook::report::report_path;
    CHECK(report_path("/w/a/b.json", "/w") == "a/b.json");
    CHECK(report_path("/w/a/b.json", "/w/") == "a/b.json");
    CHECK(report_path("/wx/b.json", "/w") == "/wx/b.json");
    CHECK(report_path("./a.json", "/w") == "a.json");
    CHECK(report_path("<stdin>", "/w") == "<stdin>");
    CHECK(report_path("/a.json", "/") == "a.json");
}

TEST_CASE("every rule has a unique id, and each keyword the validator reports is a rule") {
    std::set<std::string_view> ids;
    for (const auto& rule : atshook::report::rules())
        CHECK(ids.insert(rule.id).second);
    for (const char* keyword : {"type", "enum", "const", "required", "additionalProperties",
                                "format", "pattern", "minLength", "maxLength", "minimum",
                                "maximum", "false", "event", "unreadable", "too_old",
                                "no_matching_signature", "undocumented-field"})
        CHECK(atshook::report::rule_index(keyword).has_value());
}
