#include "atshook/report.hpp"

#include <doctest/doctest.h>

namespace {

atshook::DocumentResult invalid_result() {
    atshook::DocumentResult result;
    result.status = atshook::DocumentResult::Status::invalid;
    result.event_type = "interview.created";
    result.findings.push_back(
        {"/data/object/event/status", "enum", "\"over\" is not one of active, past, cancelled",
         "one of active, past, cancelled", "\"over\"", atshook::Severity::error});
    result.findings.push_back({"/data/object/colour", "additionalProperties",
                               "unknown member \"colour\"", "only the documented members", "colour",
                               atshook::Severity::warning});
    return result;
}

} // namespace

TEST_CASE("text reports give file, NDJSON line, pointer and message, warnings are marked") {
    std::string out;
    const atshook::Document document{"{}", 12, false};
    atshook::append_text_report(out, {"log.ndjson", 12}, document, invalid_result());
    CHECK(
        out ==
        "log.ndjson:12: /data/object/event/status: \"over\" is not one of active, past, cancelled\n"
        "log.ndjson:12: warning: /data/object/colour: unknown member \"colour\"\n");
}

TEST_CASE("an unreadable NDJSON line reports its line and column in the file") {
    atshook::DocumentResult result;
    result.status = atshook::DocumentResult::Status::unreadable;
    result.error = "not valid JSON: x";
    result.error_offset = 3;
    std::string out;
    atshook::append_text_report(out, {"log.ndjson", 7}, {"{\"a\"x", 7, false}, result);
    CHECK(out == "log.ndjson:7:4: not valid JSON: x\n");
}

TEST_CASE("a valid whole file says so, a valid NDJSON line says nothing") {
    atshook::DocumentResult valid;
    valid.event_type = "job.created";
    std::string out;
    atshook::append_text_report(out, {"job.json", 0}, {"{}", 0, false}, valid);
    CHECK(out == "job.json: valid job.created\n");
    out.clear();
    atshook::append_text_report(out, {"log.ndjson", 3}, {"{}", 3, false}, valid);
    CHECK(out.empty());
}

TEST_CASE("the summary counts documents, errors and warnings") {
    atshook::Tally tally;
    tally.add(invalid_result());
    tally.add(atshook::DocumentResult{});
    CHECK(atshook::summary_line(tally) == "2 documents: 1 valid, 1 invalid; 1 error, 1 warning");
}

TEST_CASE("JSON reports carry every finding field") {
    const auto report = atshook::json_report({"d.json", 0}, {"{}", 0, false}, invalid_result());
    CHECK(report["source"] == "d.json");
    CHECK(report["line"].is_null());
    CHECK(report["valid"] == false);
    CHECK(report["findings"][1]["severity"] == "warning");
    CHECK(report["findings"][0]["expected"] == "one of active, past, cancelled");
}
