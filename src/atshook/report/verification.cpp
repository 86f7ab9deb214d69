#include "atshook/report/verification.hpp"

#include "atshook/timestamp.hpp"

#include <fmt/core.h>

namespace atshook::report {
namespace {

using namespace atshook::signature;

// RFC 3339 for years 0001-9999; other values stay plain numbers (no calendar overflow).
std::string readable_time(std::int64_t seconds) {
    constexpr std::int64_t k_min = -62135596800, k_max = 253402300799;
    if (seconds < k_min || seconds > k_max) return std::to_string(seconds);
    const atshook::Instant instant{std::chrono::seconds{seconds}};
    return fmt::format("{} ({})", seconds, atshook::format_rfc3339(instant, 0));
}

// "181486722" -> "181486722 s (about 5.8 years)": big offsets are easier to judge in units.
std::string seconds_text(const std::string& magnitude, std::int64_t value) {
    const double v = static_cast<double>(value < 0 ? -(value + 1) : value);
    if (v < 120) return magnitude + " s";
    const auto [amount, unit] = v < 7200       ? std::pair{v / 60, "minutes"}
                                : v < 172800   ? std::pair{v / 3600, "hours"}
                                : v < 31557600 ? std::pair{v / 86400, "days"}
                                               : std::pair{v / 31557600, "years"};
    return fmt::format("{} s (about {:.1f} {})", magnitude, amount, unit);
}

std::string describe_failure(const VerifyResult& result, const DeliveryHeaders& headers,
                             const VerifyContext& context) {
    switch (result.reason) {
    case Reason::ok:
        return "";
    case Reason::missing_header:
        if (context.from_flags && !headers.get(*result.part)) {
            constexpr const char* flags[] = {"--id", "--timestamp", "--signature"};
            return fmt::format("missing header: {} is absent (give {})", header_name(*result.part),
                               flags[static_cast<int>(*result.part)]);
        }
        return "missing header: " + result.detail;
    case Reason::malformed:
        return "malformed header: " + result.detail;
    case Reason::too_old:
    case Reason::too_new: {
        const bool old = result.reason == Reason::too_old;
        const std::int64_t age = result.age_seconds;
        // |age| without overflow for INT64_MIN: show the saturated magnitude as it is.
        const std::string magnitude =
            old ? std::to_string(age)
                : (age == INT64_MIN ? "9223372036854775808" : std::to_string(-age));
        return fmt::format("{}: {} {} is {} {} now; the tolerance is {} s",
                           old ? "too old" : "too new", headers.timestamp->found_as,
                           readable_time(*result.timestamp), seconds_text(magnitude, age),
                           old ? "before" : "after", context.tolerance_seconds);
    }
    case Reason::no_matching_signature:
        return "no matching signature: " + result.detail;
    }
    return "";
}

std::string describe_success(const VerifyResult& result, const DeliveryHeaders& headers,
                             const VerifyContext& context) {
    const std::size_t index = *result.matched_secret;
    std::string line = fmt::format("message {}, {} signature by secret {} of {} ({})",
                                   headers.id->value, result.matched_version, index + 1,
                                   context.secret_origins.size(), context.secret_origins.at(index));
    line +=
        result.timestamp_checked
            ? fmt::format(", timestamp {} is {} s {} now (tolerance {} s)",
                          readable_time(*result.timestamp),
                          result.age_seconds < 0 ? -result.age_seconds : result.age_seconds,
                          result.age_seconds < 0 ? "after" : "before", context.tolerance_seconds)
            : fmt::format(", timestamp {} not checked (--ignore-timestamp)",
                          readable_time(*result.timestamp));
    return line;
}

// The line of the header a verdict is about, when it came from a file; 1 (the request line)
// for a missing header.
std::size_t verdict_line(const VerificationReport& report) {
    const auto& result = report.result;
    std::optional<HeaderPart> part = result.part;
    switch (result.reason) {
    case Reason::missing_header:
        return 1;
    case Reason::too_old:
    case Reason::too_new:
        part = HeaderPart::timestamp;
        break;
    case Reason::ok:
    case Reason::no_matching_signature:
        part = HeaderPart::signature;
        break;
    case Reason::malformed:
        break;
    }
    if (!part) return 0;
    const auto& header = report.headers.get(*part);
    return header ? header->line : 0;
}

} // namespace

Diagnostic verification_diagnostic(const VerificationReport& report) {
    const auto& result = report.result;
    Diagnostic diagnostic;
    diagnostic.where.source = std::string(report.source);
    diagnostic.where.line = verdict_line(report);
    diagnostic.rule = reason_code(result.reason);
    diagnostic.severity = result.ok() ? Severity::note : Severity::error;
    diagnostic.message = result.ok() ? describe_success(result, report.headers, report.context)
                                     : describe_failure(result, report.headers, report.context);
    for (const auto hint : result.hints)
        diagnostic.hints.push_back({std::string(hint_code(hint)), std::string(hint_text(hint))});
    return diagnostic;
}

nlohmann::ordered_json verification_json(const VerifyResult& result, const DeliveryHeaders& headers,
                                         const VerifyContext& context) {
    nlohmann::ordered_json json;
    json["verified"] = result.ok();
    json["reason"] = reason_code(result.reason);
    json["header"] = result.part ? nlohmann::ordered_json(header_name(*result.part)) : nullptr;
    json["detail"] = result.ok() ? "" : describe_failure(result, headers, context);
    json["id"] = headers.id ? nlohmann::ordered_json(headers.id->value) : nullptr;
    json["timestamp"] = result.timestamp ? nlohmann::ordered_json(*result.timestamp) : nullptr;
    json["age_seconds"] = result.timestamp ? nlohmann::ordered_json(result.age_seconds) : nullptr;
    json["tolerance_seconds"] = context.tolerance_seconds;
    // Too old and too new are always checked, so a parsed but unchecked timestamp was skipped.
    json["timestamp_check"] = result.timestamp_checked ? "checked"
                              : result.timestamp       ? "skipped"
                                                       : "not_reached";
    if (result.matched_secret)
        json["matched"] = {{"secret", *result.matched_secret + 1},
                           {"source", context.secret_origins.at(*result.matched_secret)},
                           {"version", result.matched_version}};
    else
        json["matched"] = nullptr;
    json["hints"] = nlohmann::ordered_json::array();
    for (const auto hint : result.hints)
        json["hints"].push_back({{"code", hint_code(hint)}, {"message", hint_text(hint)}});
    return json;
}

} // namespace atshook::report
