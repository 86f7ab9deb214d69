// The text emitter on the fixed records of report_fixtures.hpp. Expected text written by hand.
#include "report_fixtures.hpp"

#include "atshook/timestamp.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using atshook::Document;
using atshook::report::document_report;
using atshook::report::make_text_emitter;

namespace {

std::string text_of(const atshook::report::DocumentReport& report, bool color = false) {
    std::string out;
    make_text_emitter(color)->document(out, report);
    return out;
}

using fixtures::k_invalid_document;

} // namespace

TEST_CASE("text: findings give file, line and column, pointer and message, warnings are marked") {
    const auto result = fixtures::invalid_result();
    CHECK(text_of(document_report("log.ndjson", Document{k_invalid_document, 12, false},
                                  result)) ==
          "log.ndjson:12:38: /data/object/event/status: \"over\" is not one of active, past, "
          "cancelled\n"
          "log.ndjson:12:55: warning: /data/object/colour: unknown member \"colour\"\n");
    SUBCASE("a whole file, pretty-printed: the line in the file") {
        const std::string pretty = "{\n  \"data\": {\n    \"object\": {\n      \"event\": "
                                   "{\"status\": \"over\"},\n      \"colour\": \"red\"\n    }\n  }\n}\n";
        CHECK(text_of(document_report("job.json", Document{pretty, 0, false}, result)) ==
              "job.json:4:27: /data/object/event/status: \"over\" is not one of active, past, "
              "cancelled\n"
              "job.json:5:17: warning: /data/object/colour: unknown member \"colour\"\n");
    }
}

TEST_CASE("text: a finding at the root, and the findings past the limit counted") {
    const auto result = fixtures::truncated_result();
    CHECK(text_of(document_report("job.json", Document{"  {}", 0, false}, result)) ==
          "job.json:1:3: (root): missing member \"data\"\n"
          "job.json: and 3 more findings not shown (1 kept): 2 errors, 1 warning\n");
}

TEST_CASE("text: a pointer the document does not hold is reported at the document's start") {
    const auto result = fixtures::invalid_result();
    CHECK(text_of(document_report("log.ndjson", Document{"{}", 12, false}, result)).starts_with(
        "log.ndjson:12:1: /data/object/event/status: "));
}

TEST_CASE("text: an event emit made names no line and column") {
    auto report = document_report("interview.created", Document{k_invalid_document, 0, false},
                                  fixtures::invalid_result());
    report.in_file = false;
    CHECK(text_of(report).starts_with("interview.created: /data/object/event/status: "));
}

TEST_CASE("text: file name, pointer and message from input are escaped") {
    const auto result = fixtures::hostile_result();
    CHECK(text_of(document_report("evil\x1b[2J.json", Document{"{}", 0, false}, result)) ==
          "evil\\x1b[2J.json:1:1: /data/\\x07: bad\\nline \\u{202e}\n");
}

TEST_CASE("text: an unreadable document is reported at its line and column in the file") {
    SUBCASE("an NDJSON line") {
        const auto result = fixtures::unreadable_result("not valid JSON: x", 4);
        CHECK(text_of(document_report("log.ndjson", Document{"{\"a\"x", 7, false}, result)) ==
              "log.ndjson:7:5: not valid JSON: x\n");
    }
    SUBCASE("a whole file, on its second line") {
        const auto result = fixtures::unreadable_result("not valid JSON: x", 8);
        CHECK(text_of(document_report("bad.json", Document{"{\n  \"a\" x\n}", 0, false}, result)) ==
              "bad.json:2:7: not valid JSON: x\n");
    }
    SUBCASE("columns count characters, not bytes") {
        const auto result = fixtures::unreadable_result("not valid JSON: x", 6);
        CHECK(text_of(document_report("bad.json", Document{"{\"\xc3\xa9\" x", 0, false}, result)) ==
              "bad.json:1:6: not valid JSON: x\n");
    }
}

TEST_CASE("text: a valid whole file says so, a valid NDJSON line says nothing") {
    const auto result = fixtures::valid_result("job.created");
    CHECK(text_of(document_report("job.json", Document{"{}", 0, false}, result)) ==
          "job.json: valid job.created\n");
    CHECK(text_of(document_report("log.ndjson", Document{"{}", 3, false}, result)).empty());
}

TEST_CASE("text: colour marks location, errors, warnings and verdicts as compilers do") {
    const auto result = fixtures::invalid_result();
    CHECK(text_of(document_report("log.ndjson", Document{k_invalid_document, 12, false}, result),
                  true) ==
          "\x1b[1mlog.ndjson:12:38:\x1b[0m \x1b[1;31m/data/object/event/status:\x1b[0m \"over\" is "
          "not one of active, past, cancelled\n"
          "\x1b[1mlog.ndjson:12:55:\x1b[0m \x1b[33mwarning:\x1b[0m \x1b[33m/data/object/colour:"
          "\x1b[0m unknown member \"colour\"\n");
    const auto valid = fixtures::valid_result("job.created");
    CHECK(text_of(document_report("job.json", Document{"{}", 0, false}, valid), true) ==
          "\x1b[1mjob.json:\x1b[0m \x1b[32mvalid\x1b[0m job.created\n");
}

TEST_CASE("text: the summary comes after more than one document, and an unopenable input is "
          "left to stderr") {
    const auto emitter = make_text_emitter(false);
    atshook::report::Tally tally;
    tally.add(fixtures::invalid_result());
    std::string out;
    emitter->documents_end(out, tally);
    CHECK(out.empty());
    tally.add(fixtures::valid_result("job.created"));
    tally.add(fixtures::unreadable_result("empty", 0));
    emitter->documents_end(out, tally);
    CHECK(out == "3 documents: 1 valid, 1 invalid, 1 unreadable; 1 error, 1 warning\n");
    out.clear();
    emitter->unopenable(out, "gone.json", "gone.json: cannot open: No such file or directory");
    CHECK(out.empty());
}

TEST_CASE("text: a verified delivery names the message, the secret and the time") {
    const auto result = fixtures::verified();
    const auto headers = fixtures::canonical_headers();
    std::string out;
    make_text_emitter(false)->verification(out, {result, headers, fixtures::two_secrets()});
    CHECK(out == "verified: message msg_p5jXN8AQM9LWM0D4loKWxJek, v1 signature by secret 2 of 2 "
                 "(keys.txt line 2), timestamp 1614265330 (2021-02-25T15:02:10Z) is 12 s before "
                 "now (tolerance 300 s)\n");
}

TEST_CASE("text: a failed verification gives the reason and a line per hint") {
    const auto result = fixtures::too_old();
    const auto headers = fixtures::canonical_headers();
    std::string out;
    make_text_emitter(false)->verification(out, {result, headers, fixtures::two_secrets()});
    CHECK(out == "not verified: too old: webhook-timestamp 1614265330 (2021-02-25T15:02:10Z) is "
                 "400 s (about 6.7 minutes) before now; the tolerance is 300 s\n"
                 "  hint: the signature itself is correct: to check a captured delivery, pass its "
                 "time with --now or skip the time check with --ignore-timestamp\n");
    out.clear();
    make_text_emitter(true)->verification(out, {result, headers, fixtures::two_secrets()});
    CHECK(out.starts_with("\x1b[1;31mnot verified:\x1b[0m too old: "));
    CHECK(out.find("\n  \x1b[36mhint:\x1b[0m the signature itself") != std::string::npos);
}

TEST_CASE("text: a header missing from the flags names the flag to give") {
    atshook::signature::VerifyResult result;
    result.reason = atshook::signature::Reason::missing_header;
    result.part = atshook::signature::HeaderPart::signature;
    auto headers = fixtures::canonical_headers();
    headers.signature.reset();
    const atshook::report::VerifyContext context{{"ATS_HOOK_SECRET"}, 300, true};
    std::string out;
    make_text_emitter(false)->verification(out, {result, headers, context});
    CHECK(out == "not verified: missing header: webhook-signature is absent (give --signature)\n");
}

TEST_CASE("text: an id from input is escaped in the verdict, and the body's findings follow") {
    const auto result = fixtures::verified();
    auto headers = fixtures::canonical_headers();
    headers.id->value = "msg_\x1b[2J";
    const auto body_result = fixtures::invalid_result();
    const auto body =
        document_report("body.json", Document{k_invalid_document, 0, false}, body_result);
    std::string out;
    make_text_emitter(false)->verification(out, {result, headers, fixtures::two_secrets(), &body});
    CHECK(out == "verified: message msg_\\x1b[2J, v1 signature by secret 2 of 2 (keys.txt line 2), "
                 "timestamp 1614265330 (2021-02-25T15:02:10Z) is 12 s before now (tolerance 300 "
                 "s)\n"
                 "body.json:1:38: /data/object/event/status: \"over\" is not one of active, past, "
                 "cancelled\n"
                 "body.json:1:55: warning: /data/object/colour: unknown member \"colour\"\n");
}

TEST_CASE("text: a received delivery is one line, with the handler's answer and its warnings") {
    const fixtures::ForgedDelivery forged;
    std::string out;
    make_text_emitter(false)->delivery(out, {forged.report, fixtures::two_secrets()});
    CHECK(out == "15:02:10.123Z  msg_\\x1b[2J  job.created  bad signature (1 v1, 0 v1a and 0 "
                 "other token(s) in the signature header, 2 secrets tried)  2 B  -> 200 (handler "
                 "200 in 2.5 ms)  3.4 ms\n"
                 "  warning: your handler accepted a forged delivery: it answered 2xx although "
                 "the signature does not verify; it must check webhook-signature and answer "
                 "4xx\n");
    atshook::receive::ListenTally tally;
    tally.add(forged.report, false);
    out.clear();
    make_text_emitter(false)->deliveries_end(out, tally);
    CHECK(out == "received 1: 0 verified, 1 bad signature, 0 stale, 0 invalid, 1 forwarded, 0 "
                 "errors\n");
}

TEST_CASE("text: a delivery's line starts with its arrival time of day, cut to milliseconds") {
    using namespace std::chrono;
    fixtures::ForgedDelivery forged;
    const std::vector<system_clock::time_point> arrivals{
        system_clock::time_point(seconds{1614265330} + microseconds{123456}),
        system_clock::time_point(seconds{1614297599} + microseconds{999999}), // 23:59:59.999
        system_clock::time_point(seconds{1614211200}),                        // midnight
        system_clock::time_point(seconds{-1} + microseconds{1500}),           // 1969
        system_clock::time_point(seconds{-86400 * 365} - nanoseconds{1})};
    for (const auto arrival : arrivals) {
        forged.request.arrival = arrival;
        std::string out;
        make_text_emitter(false)->delivery(out, {forged.report, fixtures::two_secrets()});
        const std::string expected =
            atshook::format_rfc3339(floor<atshook::Ticks>(arrival), 3).substr(11);
        CAPTURE(expected);
        CHECK(out.substr(0, expected.size() + 2) == expected + "  ");
    }
}

TEST_CASE("text: a send run's attempts, verdict and figures") {
    const auto result = fixtures::send_run();
    const auto emitter = make_text_emitter(false);
    atshook::delivery::Outgoing outgoing{"interview.created", "", {"msg_\x1b[2J", "{}", {}}};
    atshook::delivery::Attempt attempt;
    attempt.exchange.status = 503;
    attempt.exchange.reason = "Service Unavailable";
    attempt.exchange.body = "busy\nmore";
    attempt.exchange.latency = std::chrono::microseconds{4000};
    attempt.retry_in = std::chrono::milliseconds{5000};
    std::string out;
    emitter->attempt(out, outgoing, attempt);
    CHECK(out == "interview.created msg_\\x1b[2J attempt 1: 503 Service Unavailable, 4.0 ms: "
                 "busy; retrying in 5 s\n");
    out.clear();
    emitter->send_end(out, {result, fixtures::k_url, true});
    CHECK(out == "2 of 3 deliveries to http://127.0.0.1:8080/hook succeeded\n"
                 "3 deliveries, 4 attempts in 2.00 s: 1.5 deliveries/s, 125000 us CPU each\n"
                 "statuses: 200 x 2, 503 x 1, network errors 1\n"
                 "latency: p50 2.0 ms, p90 4.0 ms, p99 4.0 ms, max 4.0 ms\n"
                 "  interview.created                  1  p50 4.0 ms  p99 4.0 ms\n"
                 "  job.created                        2  p50 1.5 ms  p99 2.0 ms\n");
    out.clear();
    emitter->send_end(out, {result, fixtures::k_url, false});
    CHECK(out == "2 of 3 deliveries to http://127.0.0.1:8080/hook succeeded\n");
}

TEST_CASE("text: a run cut short says why before its verdict") {
    auto result = fixtures::send_run();
    result.gone = true;
    result.unsent = 2;
    std::string out;
    make_text_emitter(false)->send_end(out, {result, fixtures::k_url, false});
    CHECK(out == "endpoint gone (410): 2 remaining events not sent\n"
                 "2 of 5 deliveries to http://127.0.0.1:8080/hook succeeded\n");
    result.gone = false;
    result.unsent = 0;
    result.stopped = true;
    out.clear();
    make_text_emitter(false)->send_end(out, {result, fixtures::k_url, false});
    CHECK(out == "stopped: 3 deliveries sent\n"
                 "2 of 3 deliveries to http://127.0.0.1:8080/hook succeeded\n");
}
