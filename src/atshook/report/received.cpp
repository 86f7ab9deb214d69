#include "atshook/report/received.hpp"

#include "atshook/printable.hpp"
#include "atshook/report/document.hpp"
#include "atshook/timestamp.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <chrono>
#include <iterator>

namespace atshook::report {
namespace {

using receive::DeliveryReport;
using receive::ListenTally;
using receive::Verdict;

std::string arrival_text(const DeliveryReport& report, int digits) {
    return atshook::format_rfc3339(std::chrono::floor<atshook::Ticks>(report.request->arrival),
                                   digits);
}

// HH:MM:SS.mmmZ in UTC, the fraction cut (not rounded) as format_rfc3339 cuts it, written
// without formatting the whole date.
void append_time_of_day(std::string& out, std::chrono::system_clock::time_point instant) {
    const auto since_midnight = std::chrono::floor<std::chrono::milliseconds>(
        instant - std::chrono::floor<std::chrono::days>(instant));
    const auto milliseconds = static_cast<unsigned>(since_midnight.count());
    const auto append = [&](unsigned value, int digits) {
        char text[4];
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[i] = static_cast<char>('0' + value % 10);
        out.append(text, static_cast<std::size_t>(digits));
    };
    append(milliseconds / 3'600'000, 2);
    out += ':';
    append(milliseconds / 60'000 % 60, 2);
    out += ':';
    append(milliseconds / 1000 % 60, 2);
    out += '.';
    append(milliseconds % 1000, 3);
    out += 'Z';
}

// A text, or null when empty.
nlohmann::ordered_json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text);
}

double milliseconds(std::chrono::microseconds duration) {
    return static_cast<double>(duration.count()) / 1000.0;
}

std::string first_finding(const atshook::DocumentResult& result) {
    for (const auto& finding : result.findings)
        if (finding.severity == atshook::Severity::error)
            return (finding.pointer.empty() ? std::string("/") : finding.pointer) + ": " +
                   finding.message;
    return "";
}

std::string verdict_detail(const DeliveryReport& report) {
    const auto& judgement = report.judgement;
    std::string text(atshook::receive::verdict_text(judgement.verdict));
    if (judgement.verdict == Verdict::invalid_payload && judgement.payload)
        text += " (" + first_finding(*judgement.payload) + ")";
    else if (!judgement.problem.empty())
        text += " (" + judgement.problem + ")";
    return text;
}

} // namespace

std::string received_text(const DeliveryReport& report) {
    const auto& request = *report.request;
    // Built in one string: this line is written for every delivery listen receives.
    std::string line;
    line.reserve(160);
    const auto out = std::back_inserter(line);
    append_time_of_day(line, request.arrival); // 13:51:04.123Z
    line += "  ";
    if (report.judgement.verdict == Verdict::refused) {
        line += request.method;
        line += ' ';
        line += request.target;
    } else {
        line += report.id.empty() ? std::string_view("-") : std::string_view(report.id);
        line += "  ";
        line += report.type.empty() ? std::string_view("-") : std::string_view(report.type);
    }
    if (report.attempt > 1) fmt::format_to(out, " (redelivery, attempt {})", report.attempt);
    line += "  ";
    line += verdict_detail(report);
    fmt::format_to(out, FMT_COMPILE("  {} B  -> {}"), request.body.size(), report.answer.status);
    if (report.forward) {
        const auto& exchange = report.forward->exchange;
        if (exchange.status == 0)
            fmt::format_to(out, " (handler: no answer, {})", exchange.error);
        else
            fmt::format_to(out, " (handler {} in {:.1f} ms)", exchange.status,
                           milliseconds(exchange.latency));
    }
    fmt::format_to(out, FMT_COMPILE("  {:.1f} ms"), milliseconds(report.took));
    std::string text = atshook::printable(line);
    text += '\n';
    if (!report.save_error.empty())
        text += "  error: " + atshook::printable(report.save_error) + "; answered 500\n";
    if (report.judgement.signature)
        for (const auto hint : report.judgement.signature->hints)
            text += "  hint: " + std::string(atshook::signature::hint_text(hint)) + "\n";
    if (report.forward)
        for (const auto warning : report.forward->warnings)
            text +=
                "  warning: " + std::string(atshook::receive::forward_warning_text(warning)) + "\n";
    return text;
}

nlohmann::ordered_json received_json(const ReceivedReport& received) {
    const DeliveryReport& report = received.delivery;
    const auto& request = *report.request;
    const auto& judgement = report.judgement;
    nlohmann::ordered_json json;
    json["arrival"] = arrival_text(report, 6);
    json["method"] = request.method;
    json["target"] = request.target;
    json["id"] = text_or_null(report.id);
    json["type"] = text_or_null(report.type);
    json["attempt"] = report.attempt;
    json["redelivery"] = report.attempt > 1;
    json["verdict"] = atshook::receive::verdict_code(judgement.verdict);
    json["problem"] = text_or_null(judgement.problem);
    json["size"] = request.body.size();
    nlohmann::ordered_json headers = nlohmann::ordered_json::object();
    for (const auto& field : request.headers) {
        // The same name twice combines as HTTP does: values joined by ", ".
        if (headers.contains(field.name))
            headers[field.name] = headers[field.name].get<std::string>() + ", " + field.value;
        else
            headers[field.name] = field.value;
    }
    json["headers"] = std::move(headers);
    json["signature"] =
        judgement.signature && judgement.headers
            ? verification_json(*judgement.signature, *judgement.headers, received.context)
            : nlohmann::ordered_json();
    if (judgement.payload) {
        json["validation"] = document_json(document_report(
            "request body", atshook::Document{request.body, 0, false}, *judgement.payload));
    } else {
        json["validation"] = nullptr;
    }
    json["response"] = {{"status", report.answer.status}};
    if (report.forward) {
        const auto& exchange = report.forward->exchange;
        nlohmann::ordered_json forward;
        forward["status"] = exchange.status == 0 ? nlohmann::ordered_json()
                                                 : nlohmann::ordered_json(exchange.status);
        forward["error"] = text_or_null(exchange.error);
        forward["latency_ms"] = milliseconds(exchange.latency);
        forward["warnings"] = nlohmann::ordered_json::array();
        for (const auto warning : report.forward->warnings)
            forward["warnings"].push_back(atshook::receive::forward_warning_code(warning));
        json["forward"] = std::move(forward);
    } else {
        json["forward"] = nullptr;
    }
    json["saved_as"] = text_or_null(report.saved_as);
    json["save_error"] = text_or_null(report.save_error);
    json["took_ms"] = milliseconds(report.took);
    return json;
}

std::string listen_summary(const ListenTally& tally) {
    std::string text = fmt::format("received {}: {} verified", tally.received, tally.verified);
    if (tally.not_checked > 0) text += fmt::format(", {} not checked", tally.not_checked);
    text += fmt::format(", {} bad signature, {} stale, {} invalid, {} forwarded, {} error{}",
                        tally.bad_signature, tally.stale, tally.invalid, tally.forwarded,
                        tally.errors, tally.errors == 1 ? "" : "s");
    return text;
}

} // namespace atshook::report
