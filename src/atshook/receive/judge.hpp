#pragma once
// Judging one received delivery: the request as the server read it in, the answer and the report
// out. No sockets here: the HTTP server adapter, the fuzz target and the tests call it alike.
#include "atshook/http_message.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/secret.hpp"
#include "atshook/signature/verify.hpp"
#include "atshook/validation.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace atshook::receive {

struct ReceiveOptions {
    std::string path = "/webhooks/hirehive";          // the one target deliveries are POSTed to
    std::span<const signature::Secret> secrets;        // empty: signatures are not checked
    std::int64_t tolerance_seconds = 300;
    bool reject_invalid = false;                       // schema findings answer 400
    std::optional<int> respond;                        // --respond: this status for every delivery
    std::size_t max_body_bytes = std::size_t{16} << 20;
};

// An answer to the sender.
struct Answer {
    int status = 200;
    std::string body; // one line of plain text: what was wrong, for the sender's logs
    std::vector<HeaderField> headers;
};

// What a delivery turned out to be, worst first in the order the checks run.
enum class Verdict {
    verified,        // signature matched, payload valid (or only warnings)
    not_checked,     // no secret given; payload valid
    invalid_payload, // signature matched or not checked; schema findings
    not_json,        // signature matched or not checked; the body is not a JSON object
    bad_signature,   // no token matches the body
    malformed_header, // a webhook header cannot be read (timestamp not an integer, twice, ...)
    stale,           // timestamp outside the tolerance
    missing_header,  // webhook-id, webhook-timestamp or webhook-signature absent
    refused,         // not a delivery: wrong method or path, too large, too many headers
};

struct Judgement {
    Verdict verdict = Verdict::refused;
    Answer answer;
    std::optional<signature::DeliveryHeaders> headers; // nullopt when refused
    std::optional<signature::VerifyResult> signature;  // nullopt when not checked or refused
    // Validated whatever the signature (so a forged delivery's type shows), but it decides the
    // verdict only when the signature matched or was not checked. nullopt when refused.
    std::optional<DocumentResult> payload;
    std::string problem; // for refused and header errors: what was wrong, for people
};

// The head of a request, before its body is read: refuses what cannot be a delivery, so that a
// 413 is answered without reading the body and a 405 without waiting for it. `content_length`
// is nullopt for a chunked body. nullopt means: read the body and call judge_delivery.
std::optional<Judgement> screen_request(std::string_view method, std::string_view target,
                                        const HeaderFields& headers,
                                        std::optional<std::uint64_t> content_length,
                                        const ReceiveOptions& options);

// The judgement for a body that grew past max_body_bytes while it was read (chunked).
Judgement too_large(const ReceiveOptions& options);

// Verifies the headers and exact body bytes as `verify` does (hints included) and validates the
// body as `validate` does with `validator`. `now` is Unix seconds. Answers 2xx when the signature
// matched (or no secret was given), 401 when no signature matches, 400 for a stale timestamp, a
// missing or malformed header, a body that is not JSON, and (reject_invalid) schema errors.
Judgement judge_delivery(const HeaderFields& headers, std::string_view body,
                         const ReceiveOptions& options, Validator& validator, std::int64_t now);

// "verified", "invalid payload", "bad signature", ...
std::string_view verdict_text(Verdict verdict);
// Stable snake_case names for JSON: "verified", "invalid_payload", ...
std::string_view verdict_code(Verdict verdict);

} // namespace atshook::receive
