// The text emitter on the fixed records of report_fixtures.hpp. Expected text written by hand.
#include "report_fixtures.hpp"

#include <doctest/doctest.h>

using atshook::Document;
using atshook::report::document_report;
using atshook::report::make_text_emitter;

namespace {

std::string text_of(const atshook::report::DocumentReport& report, bool color = false) {
    std::string out;
    make_text_emitter(color)->document(out, report);
    return out;
}

} // namespace

TEST_CASE("text: findings give file, NDJSON line, pointer and message, warnings are marked") {
    const auto result = fixtures::invalid_result();
    CHECK(text_of(document_report("log.ndjson", Document{"{}", 12, false}, result)) ==
          "log.ndjson:12: /data/object/event/status: \"over\" is not one of active, past, "
          "cancelled\n"
          "log.ndjson:12: warning: /data/object/colour: unknown member \"colour\"\n");
}

TEST_CASE("text: a finding at the root, and the findings past the limit counted") {
    const auto result = fixtures::truncated_result();
    CHECK(text_of(document_report("job.json", Document{"{}", 0, false}, result)) ==
          "job.json: (root): missing member \"data\"\n"
          "job.json: and 3 more findings not shown (1 kept): 2 errors, 1 warning\n");
}

TEST_CASE("text: file name, pointer and message from input are escaped") {
    const auto result = fixtures::hostile_result();
    CHECK(text_of(document_report("evil\x1b[2J.json", Document{"{}", 0, false}, result)) ==
          "evil\\x1b[2J.json: /data/\\x07: bad\\nline \\u{202e}\n");
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
    CHECK(text_of(document_report("log.ndjson", Document{"{}", 12, false}, result), true) ==
          "\x1b[1mlog.ndjson:12:\x1b[0m \x1b[1;31m/data/object/event/status:\x1b[0m \"over\" is "
          "not one of active, past, cancelled\n"
          "\x1b[1mlog.ndjson:12:\x1b[0m \x1b[33mwarning:\x1b[0m \x1b[33m/data/object/colour:"
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
    const auto body = document_report("body.json", Document{"{}", 0, false}, body_result);
    std::string out;
    make_text_emitter(false)->verification(out, {result, headers, fixtures::two_secrets(), &body});
    CHECK(out == "verified: message msg_\\x1b[2J, v1 signature by secret 2 of 2 (keys.txt line 2), "
                 "timestamp 1614265330 (2021-02-25T15:02:10Z) is 12 s before now (tolerance 300 "
                 "s)\n"
                 "body.json: /data/object/event/status: \"over\" is not one of active, past, "
                 "cancelled\n"
                 "body.json: warning: /data/object/colour: unknown member \"colour\"\n");
}
