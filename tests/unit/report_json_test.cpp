// The JSON emitter on the fixed records of report_fixtures.hpp. Expected objects written by
// hand: keys of a document object in name order, a verdict's in the documented order.
#include "report_fixtures.hpp"

#include "atshook/error.hpp"

#include <doctest/doctest.h>

using atshook::Document;
using atshook::report::document_report;
using atshook::report::make_json_emitter;

namespace {

std::string json_of(const atshook::report::DocumentReport& report) {
    std::string out;
    make_json_emitter()->document(out, report);
    return out;
}

using fixtures::k_invalid_document;

} // namespace

TEST_CASE("json: a document is one line holding every finding field") {
    const auto result = fixtures::invalid_result();
    CHECK(json_of(document_report("log.ndjson", Document{k_invalid_document, 12, false},
                                  result)) ==
          R"({"event_type":"interview.created","findings":[{"actual":"\"over\"",)"
          R"("column":38,"end_column":44,"end_line":12,)"
          R"("expected":"one of active, past, cancelled","keyword":"enum","line":12,)"
          R"("message":"\"over\" is not one of active, past, cancelled",)"
          R"("pointer":"/data/object/event/status","severity":"error"},)"
          R"({"actual":"colour","column":55,"end_column":60,"end_line":12,)"
          R"("expected":"only the documented members",)"
          R"("keyword":"additionalProperties","line":12,"message":"unknown member \"colour\"",)"
          R"("pointer":"/data/object/colour","severity":"warning"}],"line":12,)"
          R"("omitted_findings":{"errors":0,"warnings":0},"source":"log.ndjson","valid":false})"
          "\n");
}

TEST_CASE("json: the root pointer is empty and the findings past the limit are counted") {
    const auto result = fixtures::truncated_result();
    CHECK(json_of(document_report("job.json", Document{"{}", 0, false}, result)) ==
          R"({"event_type":"job.created","findings":[{"actual":"absent",)"
          R"("column":1,"end_column":3,"end_line":1,)"
          R"("expected":"member \"data\"","keyword":"required","line":1,)"
          R"("message":"missing member \"data\"","pointer":"","severity":"error"}],)"
          R"("line":null,"omitted_findings":{"errors":2,"warnings":1},"source":"job.json",)"
          R"("valid":false})"
          "\n");
}

TEST_CASE("json: control characters from input are JSON escapes, other text stays as it is") {
    const auto result = fixtures::hostile_result();
    CHECK(json_of(document_report("evil\x1b[2J.json", Document{"{}", 0, false}, result)) ==
          R"({"event_type":"job.created","findings":[{"actual":"1","column":1,)"
          R"("end_column":null,"end_line":null,"expected":"string",)"
          R"("keyword":"type","line":1,"message":"bad\nline )"
          "\xe2\x80\xae"
          R"(","pointer":"/data/\u0007","severity":"error"}],"line":null,)"
          R"("omitted_findings":{"errors":0,"warnings":0},"source":"evil\u001b[2J.json",)"
          R"("valid":false})"
          "\n");
}

TEST_CASE("json: an unreadable document gives its error with line and column in the file") {
    const auto result = fixtures::unreadable_result("not valid JSON: x", 4);
    CHECK(json_of(document_report("log.ndjson", Document{"{\"a\"x", 7, false}, result)) ==
          R"({"error":{"column":5,"line":7,"message":"not valid JSON: x"},"event_type":null,)"
          R"("findings":[],"line":7,"omitted_findings":{"errors":0,"warnings":0},)"
          R"("source":"log.ndjson","valid":false})"
          "\n");
}

TEST_CASE("json: a valid document, NDJSON line or not, is an object too") {
    const auto result = fixtures::valid_result("job.created");
    CHECK(json_of(document_report("log.ndjson", Document{"{}", 3, false}, result)) ==
          R"({"event_type":"job.created","findings":[],"line":3,)"
          R"("omitted_findings":{"errors":0,"warnings":0},"source":"log.ndjson","valid":true})"
          "\n");
}

TEST_CASE("json: an unopenable input is an object of the same shape, and no summary follows") {
    const auto emitter = make_json_emitter();
    std::string out;
    emitter->unopenable(out, "gone.json", "gone.json: cannot open: No such file or directory");
    CHECK(out == R"({"error":{"message":"gone.json: cannot open: No such file or directory"},)"
                 R"("event_type":null,"findings":[],"line":null,)"
                 R"("omitted_findings":{"errors":0,"warnings":0},"source":"gone.json",)"
                 R"("valid":false})"
                 "\n");
    out.clear();
    atshook::report::Tally tally;
    tally.add(fixtures::invalid_result());
    tally.add(fixtures::valid_result("job.created"));
    emitter->documents_end(out, tally);
    CHECK(out.empty());
}

TEST_CASE("json: a verified delivery, indented, with the secret that matched") {
    const auto result = fixtures::verified();
    const auto headers = fixtures::canonical_headers();
    std::string out;
    make_json_emitter()->verification(out, {result, headers, fixtures::two_secrets()});
    CHECK(out == "{\n"
                 "  \"verified\": true,\n"
                 "  \"reason\": \"ok\",\n"
                 "  \"header\": null,\n"
                 "  \"detail\": \"\",\n"
                 "  \"id\": \"msg_p5jXN8AQM9LWM0D4loKWxJek\",\n"
                 "  \"timestamp\": 1614265330,\n"
                 "  \"age_seconds\": 12,\n"
                 "  \"tolerance_seconds\": 300,\n"
                 "  \"timestamp_check\": \"checked\",\n"
                 "  \"matched\": {\n"
                 "    \"secret\": 2,\n"
                 "    \"source\": \"keys.txt line 2\",\n"
                 "    \"version\": \"v1\"\n"
                 "  },\n"
                 "  \"hints\": [],\n"
                 "  \"validation\": null\n"
                 "}\n");
}

TEST_CASE("json: a failed verification with its reason, detail and hints") {
    const auto result = fixtures::too_old();
    auto headers = fixtures::canonical_headers();
    headers.id->value = "msg_\x1b[2J";
    std::string out;
    make_json_emitter()->verification(out, {result, headers, fixtures::two_secrets()});
    CHECK(out == "{\n"
                 "  \"verified\": false,\n"
                 "  \"reason\": \"too_old\",\n"
                 "  \"header\": null,\n"
                 "  \"detail\": \"too old: webhook-timestamp 1614265330 (2021-02-25T15:02:10Z) "
                 "is 400 s (about 6.7 minutes) before now; the tolerance is 300 s\",\n"
                 "  \"id\": \"msg_\\u001b[2J\",\n"
                 "  \"timestamp\": 1614265330,\n"
                 "  \"age_seconds\": 400,\n"
                 "  \"tolerance_seconds\": 300,\n"
                 "  \"timestamp_check\": \"checked\",\n"
                 "  \"matched\": null,\n"
                 "  \"hints\": [\n"
                 "    {\n"
                 "      \"code\": \"signature_matches_outside_window\",\n"
                 "      \"message\": \"the signature itself is correct: to check a captured "
                 "delivery, pass its time with --now or skip the time check with "
                 "--ignore-timestamp\"\n"
                 "    }\n"
                 "  ],\n"
                 "  \"validation\": null\n"
                 "}\n");
}

TEST_CASE("json: a verified body's validation is its document object") {
    const auto result = fixtures::verified();
    const auto headers = fixtures::canonical_headers();
    const auto body_result = fixtures::valid_result("job.created");
    const auto body = document_report("body.json", Document{"{}", 0, false}, body_result);
    std::string out;
    make_json_emitter()->verification(out, {result, headers, fixtures::two_secrets(), &body});
    CHECK(out.ends_with("  \"validation\": {\n"
                        "    \"event_type\": \"job.created\",\n"
                        "    \"findings\": [],\n"
                        "    \"line\": null,\n"
                        "    \"omitted_findings\": {\n"
                        "      \"errors\": 0,\n"
                        "      \"warnings\": 0\n"
                        "    },\n"
                        "    \"source\": \"body.json\",\n"
                        "    \"valid\": true\n"
                        "  }\n"
                        "}\n"));
}

TEST_CASE("the formats a command accepts come from the report layer") {
    using atshook::report::Subject;
    const auto names = atshook::report::format_names(Subject::documents);
    CHECK(std::vector<std::string_view>(names.begin(), names.end()) ==
          std::vector<std::string_view>{"text", "json", "github", "gitlab", "junit", "sarif"});
    const auto sends = atshook::report::format_names(Subject::send_run);
    CHECK(std::vector<std::string_view>(sends.begin(), sends.end()) ==
          std::vector<std::string_view>{"text", "json", "junit"});
    const auto listens = atshook::report::format_names(Subject::deliveries);
    CHECK(std::vector<std::string_view>(listens.begin(), listens.end()) ==
          std::vector<std::string_view>{"text", "json"});
    CHECK(atshook::report::parse_format("json") == atshook::report::Format::json);
    CHECK(atshook::report::parse_format("sarif") == atshook::report::Format::sarif);
    CHECK_THROWS_AS(atshook::report::parse_format("xml"), atshook::Error);
}

TEST_CASE("json: a received delivery is one line with its signature, validation and forward") {
    const fixtures::ForgedDelivery forged;
    std::string out;
    make_json_emitter()->delivery(out, {forged.report, fixtures::two_secrets()});
    CHECK(out ==
          R"({"arrival":"2021-02-25T15:02:10.123456Z","method":"POST",)"
          R"("target":"/webhooks/hirehive","id":"msg_\u001b[2J","type":"job.created",)"
          R"("attempt":1,"redelivery":false,"verdict":"bad_signature",)"
          R"("problem":"1 v1, 0 v1a and 0 other token(s) in the signature header, 2 secrets )"
          R"(tried","size":2,"headers":{"webhook-id":"msg_\u001b[2J",)"
          R"("webhook-timestamp":"1614265330","webhook-signature":"v1,AAAA"},)"
          R"("signature":{"verified":false,"reason":"no_matching_signature","header":null,)"
          R"("detail":"no matching signature: 1 v1, 0 v1a and 0 other token(s) in the )"
          R"(signature header, 2 secrets tried","id":"msg_\u001b[2J","timestamp":1614265330,)"
          R"("age_seconds":0,"tolerance_seconds":300,"timestamp_check":"checked",)"
          R"("matched":null,"hints":[]},"validation":{"event_type":"job.created",)"
          R"("findings":[],"line":null,"omitted_findings":{"errors":0,"warnings":0},)"
          R"("source":"request body","valid":true},"response":{"status":200},)"
          R"("forward":{"status":200,"error":null,"latency_ms":2.5,)"
          R"("warnings":["accepted_forged"]},"saved_as":null,"save_error":null,"took_ms":3.4})"
          "\n");
    atshook::receive::ListenTally tally;
    tally.add(forged.report, false);
    out.clear();
    make_json_emitter()->deliveries_end(out, tally);
    CHECK(out.empty()); // listen writes the tally's line to stderr, as text
}

TEST_CASE("json: a send run is the summary object alone, attempts and stops left out") {
    auto result = fixtures::send_run();
    result.gone = true;
    const auto emitter = make_json_emitter();
    std::string out;
    emitter->attempt(out, {"job.created", "", {"msg_1", "{}", {}}}, {});
    CHECK(out.empty());
    emitter->send_end(out, {result, fixtures::k_url, false});
    CHECK(out == "{\n"
                 "  \"url\": \"http://127.0.0.1:8080/hook\",\n"
                 "  \"deliveries\": 3,\n"
                 "  \"delivered\": 2,\n"
                 "  \"not_sent\": 0,\n"
                 "  \"attempts\": 4,\n"
                 "  \"statuses\": {\n"
                 "    \"200\": 2,\n"
                 "    \"503\": 1\n"
                 "  },\n"
                 "  \"network_errors\": 1,\n"
                 "  \"seconds\": 2.0,\n"
                 "  \"deliveries_per_second\": 1.5,\n"
                 "  \"cpu_us_per_delivery\": 125000.0,\n"
                 "  \"latency\": {\n"
                 "    \"p50_ms\": 2.0,\n"
                 "    \"p90_ms\": 4.0,\n"
                 "    \"p99_ms\": 4.0,\n"
                 "    \"max_ms\": 4.0\n"
                 "  },\n"
                 "  \"per_type\": {\n"
                 "    \"interview.created\": {\n"
                 "      \"p50_ms\": 4.0,\n"
                 "      \"p90_ms\": 4.0,\n"
                 "      \"p99_ms\": 4.0,\n"
                 "      \"max_ms\": 4.0,\n"
                 "      \"deliveries\": 1\n"
                 "    },\n"
                 "    \"job.created\": {\n"
                 "      \"p50_ms\": 1.5,\n"
                 "      \"p90_ms\": 2.0,\n"
                 "      \"p99_ms\": 2.0,\n"
                 "      \"max_ms\": 2.0,\n"
                 "      \"deliveries\": 2\n"
                 "    }\n"
                 "  }\n"
                 "}\n");
}
