#include "atshook/report/document.hpp"

#include <fmt/core.h>

namespace atshook::report {

std::string counted(std::size_t n, std::string_view noun) {
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

DocumentReport document_report(std::string_view source, const Document& document,
                               const DocumentResult& result) {
    DocumentReport report{source, document.line, document.bytes, result.status, result.event_type,
                          {},     result.omitted};
    if (result.status == DocumentResult::Status::unreadable) {
        report.diagnostics.push_back({{std::string(source), document.line, "",
                                       Span{result.error_offset, result.error_offset}},
                                      "unreadable",
                                      Severity::error,
                                      result.error,
                                      "",
                                      "",
                                      {}});
        return report;
    }
    report.diagnostics.reserve(result.findings.size());
    for (const auto& finding : result.findings)
        report.diagnostics.push_back(
            {{std::string(source), document.line, finding.pointer, std::nullopt},
             finding.keyword,
             finding.severity == atshook::Severity::error ? Severity::error : Severity::warning,
             finding.message,
             finding.expected,
             finding.actual,
             {}});
    return report;
}

nlohmann::json document_json(const DocumentReport& report) {
    nlohmann::json json = {
        {"source", report.source},
        {"line", report.line ? nlohmann::json(report.line) : nlohmann::json(nullptr)},
        {"event_type",
         report.event_type.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.event_type)},
        {"valid", report.status == DocumentResult::Status::valid},
    };
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& diagnostic : report.diagnostics) {
        if (report.status == DocumentResult::Status::unreadable) {
            const Position at = position(diagnostic.where, report.bytes);
            json["error"] = {
                {"message", diagnostic.message}, {"line", at.line}, {"column", at.column}};
            continue;
        }
        const Region at = region(diagnostic.where, report.bytes);
        findings.push_back(
            {{"pointer", diagnostic.where.pointer},
             {"keyword", diagnostic.rule},
             {"severity", severity_name(diagnostic.severity)},
             {"message", diagnostic.message},
             {"expected", diagnostic.expected},
             {"actual", diagnostic.actual},
             {"line", at.begin.line},
             {"column", at.begin.column},
             {"end_line", at.end ? nlohmann::json(at.end->line) : nlohmann::json(nullptr)},
             {"end_column", at.end ? nlohmann::json(at.end->column) : nlohmann::json(nullptr)}});
    }
    json["findings"] = std::move(findings);
    json["omitted_findings"] = {{"errors", report.omitted.errors},
                                {"warnings", report.omitted.warnings}};
    return json;
}

nlohmann::json unopenable_json(std::string_view source, std::string_view message) {
    return {{"source", source},
            {"line", nullptr},
            {"event_type", nullptr},
            {"valid", false},
            {"error", {{"message", message}}},
            {"findings", nlohmann::json::array()},
            {"omitted_findings", {{"errors", 0}, {"warnings", 0}}}};
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
    for (const auto& f : result.findings)
        ++(f.severity == atshook::Severity::error ? errors : warnings);
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

std::string verifications_line(const Tally& tally) {
    return fmt::format("{}: {} passed, {} failed", counted(tally.documents, "request"),
                       tally.valid, tally.invalid + tally.unreadable);
}

std::string summary_line(const Tally& tally) {
    std::string line = fmt::format("{}: {} valid, {} invalid", counted(tally.documents, "document"),
                                   tally.valid, tally.invalid);
    if (tally.unreadable) line += fmt::format(", {} unreadable", tally.unreadable);
    line +=
        fmt::format("; {}, {}", counted(tally.errors, "error"), counted(tally.warnings, "warning"));
    return line;
}

} // namespace atshook::report
