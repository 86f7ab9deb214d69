#pragma once
// One fixed set of records, written by every emitter in its own test (report_text_test.cpp,
// report_json_test.cpp), as ruff tests its emitters: the same findings, verdicts and hostile
// text in each format.
#include "atshook/delivery/send_run.hpp"
#include "atshook/report/emitter.hpp"
#include "atshook/signature/verify.hpp"

#include <optional>
#include <string>

namespace fixtures {

using atshook::DocumentResult;

// The document of invalid_result, on one line: "over" spans columns 38 to 43, "red" 55 to 59.
inline constexpr std::string_view k_invalid_document =
    R"({"data":{"object":{"event":{"status":"over"},"colour":"red"}}})";

inline DocumentResult invalid_result() {
    DocumentResult result;
    result.status = DocumentResult::Status::invalid;
    result.event_type = "interview.created";
    result.findings.push_back(
        {"/data/object/event/status", "enum", "\"over\" is not one of active, past, cancelled",
         "one of active, past, cancelled", "\"over\"", atshook::Severity::error});
    result.findings.push_back({"/data/object/colour", "additionalProperties",
                               "unknown member \"colour\"", "only the documented members", "colour",
                               atshook::Severity::warning});
    return result;
}

// A finding at the root, and more past the findings limit.
inline DocumentResult truncated_result() {
    DocumentResult result;
    result.status = DocumentResult::Status::invalid;
    result.event_type = "job.created";
    result.findings.push_back({"", "required", "missing member \"data\"", "member \"data\"",
                               "absent", atshook::Severity::error});
    result.omitted = {2, 1};
    return result;
}

// Text from input that would drive a terminal: an escape sequence in the file name, a bell in
// the pointer, a newline and a right-to-left override in the message.
inline DocumentResult hostile_result() {
    DocumentResult result;
    result.status = DocumentResult::Status::invalid;
    result.event_type = "job.created";
    result.findings.push_back(
        {"/data/\x07", "type", "bad\nline \xe2\x80\xae", "string", "1", atshook::Severity::error});
    return result;
}

inline DocumentResult unreadable_result(std::string error, std::size_t offset) {
    DocumentResult result;
    result.status = DocumentResult::Status::unreadable;
    result.error = std::move(error);
    result.error_offset = offset;
    return result;
}

inline DocumentResult valid_result(std::string type) {
    DocumentResult result;
    result.event_type = std::move(type);
    return result;
}

// The canonical vector's headers (spec section 8), and verdicts on them.
inline atshook::signature::DeliveryHeaders canonical_headers() {
    atshook::signature::DeliveryHeaders headers;
    headers.id = {"msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-id"};
    headers.timestamp = {"1614265330", "webhook-timestamp"};
    headers.signature = {"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "webhook-signature"};
    return headers;
}

inline atshook::signature::VerifyResult verified() {
    atshook::signature::VerifyResult result;
    result.reason = atshook::signature::Reason::ok;
    result.timestamp = 1614265330;
    result.age_seconds = 12;
    result.timestamp_checked = true;
    result.matched_secret = 1;
    result.matched_version = "v1";
    return result;
}

// 400 s old, and the signature itself right.
inline atshook::signature::VerifyResult too_old() {
    atshook::signature::VerifyResult result;
    result.reason = atshook::signature::Reason::too_old;
    result.timestamp = 1614265330;
    result.age_seconds = 400;
    result.timestamp_checked = true;
    result.hints = {atshook::signature::Hint::signature_matches_outside_window};
    return result;
}

inline const atshook::report::VerifyContext& two_secrets() {
    static const atshook::report::VerifyContext context{
        {"keys.txt line 1", "keys.txt line 2"}, 300, false};
    return context;
}

} // namespace fixtures

#include "atshook/receive/receiver.hpp"

#include <chrono>

namespace fixtures {

// A forged delivery (its id hostile) that the handler it was forwarded to accepted.
struct ForgedDelivery {
    atshook::receive::ReceivedRequest request;
    atshook::receive::DeliveryReport report;

    ForgedDelivery() {
        using namespace std::chrono;
        request.method = "POST";
        request.target = "/webhooks/hirehive";
        request.headers = {{"webhook-id", "msg_\x1b[2J", 1},
                           {"webhook-timestamp", "1614265330", 2},
                           {"webhook-signature", "v1,AAAA", 3}};
        request.body = "{}";
        request.arrival = system_clock::time_point(seconds{1614265330} + microseconds{123456});
        report.request = &request;
        auto& judgement = report.judgement;
        judgement.verdict = atshook::receive::Verdict::bad_signature;
        judgement.headers = canonical_headers();
        judgement.headers->id->value = "msg_\x1b[2J";
        atshook::signature::VerifyResult signature;
        signature.reason = atshook::signature::Reason::no_matching_signature;
        signature.detail = "1 v1, 0 v1a and 0 other token(s) in the signature header, 2 secrets "
                           "tried";
        signature.timestamp = 1614265330;
        signature.timestamp_checked = true;
        judgement.signature = signature;
        judgement.payload = valid_result("job.created");
        judgement.problem = signature.detail;
        report.id = "msg_\x1b[2J";
        report.type = "job.created";
        report.attempt = 1;
        atshook::receive::ForwardResult forward;
        forward.exchange.status = 200;
        forward.exchange.latency = microseconds{2500};
        forward.warnings = {atshook::receive::ForwardWarning::accepted_forged};
        report.forward = forward;
        report.answer.status = 200;
        report.took = microseconds{3400};
    }
};

// Three deliveries: one 200, one 503 then no answer (its id hostile), one 200; 2 s, 0.375 s CPU.
inline atshook::delivery::SendRunResult send_run() {
    using namespace atshook::delivery;
    using namespace std::chrono;
    const auto attempt = [](int number, int status, std::string reason, int micros) {
        Attempt made;
        made.number = number;
        made.exchange.status = status;
        made.exchange.reason = std::move(reason);
        made.exchange.latency = microseconds{micros};
        if (status == 0) made.exchange.error = "Connection refused";
        return made;
    };
    SendRunResult result;
    result.tally.add({{"job.created", "", {"msg_1", "{}", std::nullopt}},
                      {Outcome::delivered, {attempt(1, 200, "OK", 1500)}}});
    result.tally.add(
        {{"interview.created", "", {"msg_\x1b[2J", "{}", std::nullopt}},
         {Outcome::failed, {attempt(1, 503, "Service Unavailable", 4000), attempt(2, 0, "", 0)}}});
    result.tally.add({{"job.created", "", {"msg_3", "{}", std::nullopt}},
                      {Outcome::delivered, {attempt(1, 200, "OK", 2000)}}});
    result.seconds = 2.0;
    result.cpu_seconds = 0.375;
    return result;
}

inline const std::string k_url = "http://127.0.0.1:8080/hook";

} // namespace fixtures
