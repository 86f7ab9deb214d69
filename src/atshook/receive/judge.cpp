#include "atshook/receive/judge.hpp"

#include "atshook/error.hpp"
#include "atshook/limits.hpp"
#include "atshook/reserialization.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace atshook::receive {
namespace {

Judgement refuse(int status, std::string problem) {
    Judgement judgement;
    judgement.verdict = Verdict::refused;
    judgement.answer = {status, problem + "\n", {}};
    judgement.problem = std::move(problem);
    return judgement;
}

int status_for(Verdict verdict, bool reject_invalid) {
    switch (verdict) {
    case Verdict::verified:
    case Verdict::not_checked:
        return 200;
    case Verdict::invalid_payload:
        return reject_invalid ? 400 : 200;
    case Verdict::bad_signature:
        return 401;
    case Verdict::not_json:
    case Verdict::malformed_header:
    case Verdict::stale:
    case Verdict::missing_header:
        return 400;
    case Verdict::refused:
        break;
    }
    return 400;
}

Verdict signature_verdict(signature::Reason reason) {
    switch (reason) {
    case signature::Reason::ok:
        return Verdict::verified;
    case signature::Reason::missing_header:
        return Verdict::missing_header;
    case signature::Reason::malformed:
        return Verdict::malformed_header;
    case signature::Reason::too_old:
    case signature::Reason::too_new:
        return Verdict::stale;
    case signature::Reason::no_matching_signature:
        break;
    }
    return Verdict::bad_signature;
}

std::string answer_text(const Judgement& judgement) {
    std::string text(verdict_text(judgement.verdict));
    if (!judgement.problem.empty()) text += ": " + judgement.problem;
    return text + "\n";
}

} // namespace

std::optional<Judgement> screen_request(std::string_view method, std::string_view target,
                                        const HeaderFields& headers,
                                        std::optional<std::uint64_t> content_length,
                                        const ReceiveOptions& options) {
    const std::string_view path = target.substr(0, target.find('?'));
    if (path != options.path)
        return refuse(404, "nothing here: deliveries are POSTed to " + options.path);
    if (method != "POST") {
        auto judgement = refuse(405, "only POST is accepted here");
        judgement.answer.headers.push_back({"Allow", "POST", 0});
        return judgement;
    }
    // The saved request file gets a Content-Length line if it has none: it must still read back.
    const bool has_length = std::any_of(headers.begin(), headers.end(), [](const auto& field) {
        return equals_ignoring_case(field.name, "Content-Length");
    });
    if (headers.size() + (has_length ? 0 : 1) > limits::k_header_lines)
        return refuse(431, fmt::format("{} header lines; at most {} are accepted, Content-Length "
                                       "included",
                                       headers.size(), limits::k_header_lines));
    for (const auto& field : headers)
        if (field.name.size() + field.value.size() + 2 > limits::k_header_line_bytes)
            return refuse(431, fmt::format("a header line is longer than {} bytes",
                                           limits::k_header_line_bytes));
    if (content_length && *content_length > options.max_body_bytes) return too_large(options);
    return std::nullopt;
}

Judgement too_large(const ReceiveOptions& options) {
    return refuse(
        413, fmt::format("the body is larger than {} bytes (--max-bytes)", options.max_body_bytes));
}

Judgement judge_delivery(const HeaderFields& headers, std::string_view body,
                         const ReceiveOptions& options, Validator& validator, std::int64_t now) {
    Judgement judgement;
    judgement.payload = validator.validate(body);
    try {
        judgement.headers = signature::find_delivery_headers(headers, "request");
    } catch (const Error& e) {
        // The same header twice: which one counts is a guess that would hide a bug.
        judgement.headers = signature::DeliveryHeaders{};
        judgement.verdict = Verdict::malformed_header;
        judgement.problem = e.what();
    }
    if (judgement.problem.empty() && !options.secrets.empty()) {
        judgement.signature =
            verify_with_hints(*judgement.headers, body, options.secrets,
                              signature::VerifyOptions{now, options.tolerance_seconds, true});
        const auto& result = *judgement.signature;
        judgement.verdict = signature_verdict(result.reason);
        if (judgement.verdict == Verdict::stale)
            judgement.problem = fmt::format(
                "timestamp {} is {} s {} now; the tolerance is {} s", result.timestamp.value_or(0),
                result.age_seconds < 0 ? -(result.age_seconds + 1) + 1 : result.age_seconds,
                result.age_seconds < 0 ? "after" : "before", options.tolerance_seconds);
        else if (!result.ok())
            judgement.problem = result.detail;
    } else if (judgement.problem.empty()) {
        judgement.verdict = Verdict::not_checked;
    }
    if (judgement.verdict == Verdict::verified || judgement.verdict == Verdict::not_checked) {
        if (judgement.payload->status == DocumentResult::Status::unreadable) {
            judgement.verdict = Verdict::not_json;
            judgement.problem = judgement.payload->error;
        } else if (judgement.payload->status == DocumentResult::Status::invalid) {
            judgement.verdict = Verdict::invalid_payload;
        }
    }
    judgement.answer.status =
        options.respond.value_or(status_for(judgement.verdict, options.reject_invalid));
    judgement.answer.body = answer_text(judgement);
    return judgement;
}

std::string_view verdict_text(Verdict verdict) {
    switch (verdict) {
    case Verdict::verified:
        return "verified";
    case Verdict::not_checked:
        return "signature not checked";
    case Verdict::invalid_payload:
        return "invalid payload";
    case Verdict::not_json:
        return "not JSON";
    case Verdict::bad_signature:
        return "bad signature";
    case Verdict::malformed_header:
        return "malformed header";
    case Verdict::stale:
        return "stale";
    case Verdict::missing_header:
        return "missing header";
    case Verdict::refused:
        return "refused";
    }
    return "refused";
}

std::string_view verdict_code(Verdict verdict) {
    switch (verdict) {
    case Verdict::verified:
        return "verified";
    case Verdict::not_checked:
        return "not_checked";
    case Verdict::invalid_payload:
        return "invalid_payload";
    case Verdict::not_json:
        return "not_json";
    case Verdict::bad_signature:
        return "bad_signature";
    case Verdict::malformed_header:
        return "malformed_header";
    case Verdict::stale:
        return "stale";
    case Verdict::missing_header:
        return "missing_header";
    case Verdict::refused:
        return "refused";
    }
    return "refused";
}

} // namespace atshook::receive
