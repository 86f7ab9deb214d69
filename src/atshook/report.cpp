#include "atshook/report.hpp"

#include "atshook/printable.hpp"
#include "atshook/render/tone.hpp"

#include <fmt/core.h>

namespace atshook {
namespace {

std::string location(const DocumentOrigin& origin) {
    return origin.line ? fmt::format("{}:{}", origin.source, origin.line)
                       : std::string(origin.source);
}

std::string_view shown_pointer(const std::string& pointer) {
    return pointer.empty() ? std::string_view("(root)") : std::string_view(pointer);
}

std::string plural(std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

} // namespace

void append_text_report(std::string& out, const DocumentOrigin& origin, const Document& document,
                        const DocumentResult& result, bool color) {
    using render::append_painted;
    using render::Tone;
    if (result.status == DocumentResult::Status::unreadable) {
        const LineColumn at = line_column(document.bytes, result.error_offset);
        const std::size_t line = (origin.line ? origin.line - 1 : 0) + at.line;
        append_painted(out, fmt::format("{}:{}:{}:", printable(origin.source), line, at.column),
                       Tone::strong, color);
        out += ' ';
        append_painted(out, printable(result.error), Tone::bad, color);
        out += '\n';
        return;
    }
    const std::string where = printable(location(origin)) + ":"; // starts every line
    for (const auto& finding : result.findings) {
        const bool warning = finding.severity == Severity::warning;
        append_painted(out, where, Tone::strong, color);
        out += ' ';
        if (warning) {
            append_painted(out, "warning:", Tone::warn, color);
            out += ' ';
        }
        append_painted(out, printable(shown_pointer(finding.pointer)) + ":",
                       warning ? Tone::warn : Tone::alert, color);
        out += ' ';
        out += printable(finding.message);
        out += '\n';
    }
    if (const std::size_t more = result.omitted.total()) {
        append_painted(out, where, Tone::strong, color);
        out += fmt::format(" and {} more finding{} not shown ({} kept): {}, {}\n", more,
                           more == 1 ? "" : "s", result.findings.size(),
                           plural(result.omitted.errors, "error"),
                           plural(result.omitted.warnings, "warning"));
    }
    if (result.status == DocumentResult::Status::valid && origin.line == 0) {
        append_painted(out, where, Tone::strong, color);
        out += ' ';
        append_painted(out, "valid", Tone::good, color);
        out += fmt::format(" {}\n", result.event_type);
    }
}

nlohmann::json json_report(const DocumentOrigin& origin, const Document& document,
                           const DocumentResult& result) {
    nlohmann::json report = {
        {"source", origin.source},
        {"line", origin.line ? nlohmann::json(origin.line) : nlohmann::json(nullptr)},
        {"event_type",
         result.event_type.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.event_type)},
        {"valid", result.status == DocumentResult::Status::valid},
    };
    if (result.status == DocumentResult::Status::unreadable) {
        const LineColumn at = line_column(document.bytes, result.error_offset);
        report["error"] = {{"message", result.error},
                           {"line", (origin.line ? origin.line - 1 : 0) + at.line},
                           {"column", at.column}};
    }
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : result.findings)
        findings.push_back({{"pointer", f.pointer},
                            {"keyword", f.keyword},
                            {"severity", f.severity == Severity::error ? "error" : "warning"},
                            {"message", f.message},
                            {"expected", f.expected},
                            {"actual", f.actual}});
    report["findings"] = std::move(findings);
    report["omitted_findings"] = {{"errors", result.omitted.errors},
                                  {"warnings", result.omitted.warnings}};
    return report;
}

void Tally::add(const DocumentResult& result) {
    ++documents;
    switch (result.status) {
    case DocumentResult::Status::valid:
        ++valid;
        break;
    case DocumentResult::Status::invalid:
        ++invalid;
        break;
    case DocumentResult::Status::unreadable:
        ++unreadable;
        break;
    }
    for (const auto& f : result.findings) ++(f.severity == Severity::error ? errors : warnings);
    errors += result.omitted.errors;
    warnings += result.omitted.warnings;
}

void Tally::add(const Tally& other) {
    documents += other.documents;
    valid += other.valid;
    invalid += other.invalid;
    unreadable += other.unreadable;
    errors += other.errors;
    warnings += other.warnings;
}

std::string summary_line(const Tally& tally) {
    std::string line = fmt::format("{}: {} valid, {} invalid", plural(tally.documents, "document"),
                                   tally.valid, tally.invalid);
    if (tally.unreadable) line += fmt::format(", {} unreadable", tally.unreadable);
    line +=
        fmt::format("; {}, {}", plural(tally.errors, "error"), plural(tally.warnings, "warning"));
    return line;
}

} // namespace atshook
