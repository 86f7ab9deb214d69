#pragma once
// One fixed set of records, written by every emitter in its own test (report_text_test.cpp,
// report_json_test.cpp), as ruff tests its emitters: the same findings, verdicts and hostile
// text in each format.
#include "atshook/report/emitter.hpp"
#include "atshook/signature/verify.hpp"

#include <optional>
#include <string>

namespace fixtures {

using atshook::DocumentResult;

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
