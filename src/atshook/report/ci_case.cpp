#include "atshook/report/ci_case.hpp"

#include <fmt/core.h>

namespace atshook::report {
namespace {

using Outcome = CiCase::Outcome;

LocatedDiagnostic locate(const Diagnostic& diagnostic, std::string_view bytes,
                         std::string_view working_directory, bool pointed = true) {
    return {&diagnostic, report_path(diagnostic.where.source, working_directory),
            region(diagnostic.where, bytes), pointed};
}

} // namespace

std::string report_path(std::string_view path, std::string_view working_directory) {
    while (path.starts_with("./") && path.size() > 2)
        path.remove_prefix(2);
    if (working_directory.empty() || !path.starts_with('/')) return std::string(path);
    std::string_view base = working_directory;
    while (base.size() > 1 && base.ends_with('/'))
        base.remove_suffix(1);
    if (base == "/") return std::string(path.substr(1));
    if (path.size() > base.size() + 1 && path.starts_with(base) && path[base.size()] == '/')
        return std::string(path.substr(base.size() + 1));
    return std::string(path);
}

CiCase document_case(const DocumentReport& report, std::string_view working_directory) {
    CiCase result;
    result.suite = report_path(report.source, working_directory);
    result.name = report.line ? fmt::format("line {}", report.line) : result.suite;
    result.classname = report.event_type.empty() ? "unknown" : std::string(report.event_type);
    switch (report.status) {
    case DocumentResult::Status::valid:
        result.outcome = Outcome::passed;
        break;
    case DocumentResult::Status::invalid:
        result.outcome = Outcome::failed;
        break;
    case DocumentResult::Status::unreadable:
        result.outcome = Outcome::error;
        break;
    }
    const bool pointed = report.status != DocumentResult::Status::unreadable;
    for (const auto& diagnostic : report.diagnostics)
        result.diagnostics.push_back(locate(diagnostic, report.bytes, working_directory, pointed));
    return result;
}

CiCase unopenable_case(std::string_view source, const Diagnostic& diagnostic,
                       std::string_view working_directory) {
    CiCase result;
    result.suite = report_path(source, working_directory);
    result.name = result.suite;
    result.classname = "unknown";
    result.outcome = Outcome::error;
    result.diagnostics.push_back(locate(diagnostic, {}, working_directory, false));
    return result;
}

CiCase verification_case(const VerificationReport& report, const Diagnostic& verdict,
                         std::string_view working_directory) {
    CiCase result;
    result.suite = report_path(verdict.where.source, working_directory);
    result.name = result.suite;
    result.classname = "signature";
    if (!report.result.ok()) {
        result.outcome = report.result.reason == signature::Reason::malformed ? Outcome::error
                                                                              : Outcome::failed;
        result.diagnostics.push_back(locate(verdict, {}, working_directory, false));
        return result;
    }
    if (const DocumentReport* body = report.validation) {
        CiCase validated = document_case(*body, working_directory);
        result.classname = validated.classname;
        result.outcome = validated.outcome;
        result.diagnostics = std::move(validated.diagnostics);
    }
    return result;
}

std::vector<CiCase> learning_cases(const LearnReport& report, std::vector<Diagnostic>& storage,
                                   std::string_view working_directory) {
    const auto findings = report.judgement.findings();
    storage.clear();
    storage.reserve(findings.size()); // the cases point into it
    std::vector<CiCase> cases;
    for (const learn::LearnFinding* finding : findings) {
        if (cases.empty() || cases.back().classname != finding->event) {
            cases.push_back({"learn", finding->event, finding->event, Outcome::passed, {}});
        }
        Diagnostic diagnostic;
        if (finding->first)
            diagnostic.where = {finding->first->source, static_cast<std::size_t>(
                                                            finding->first->line),
                                finding->first->pointer, std::nullopt};
        diagnostic.rule = std::string(learn::to_string(finding->kind));
        const std::string_view severity = severity_of(*finding);
        diagnostic.severity = severity == "error"     ? Severity::error
                              : severity == "warning" ? Severity::warning
                                                      : Severity::note;
        diagnostic.message =
            fmt::format("{} {}: {}", finding->event, finding->pointer, finding->message);
        storage.push_back(std::move(diagnostic));
        Region at{Position{std::max<std::size_t>(storage.back().where.line, 1), 1},
                  std::nullopt};
        if (finding->first && report.locate)
            if (const auto found = report.locate(*finding->first)) at = *found;
        LocatedDiagnostic located{&storage.back(),
                                  report_path(storage.back().where.source, working_directory), at,
                                  false};
        if (storage.back().severity != Severity::note) cases.back().outcome = Outcome::failed;
        cases.back().diagnostics.push_back(std::move(located));
    }
    return cases;
}

std::vector<CiCase> check_cases(const delivery::CheckTally& checks, std::string_view url,
                                std::vector<Diagnostic>& storage) {
    const auto rows = checks.rows();
    storage.clear();
    storage.reserve(rows.size());
    std::vector<CiCase> cases;
    for (const auto& row : rows) {
        CiCase check{std::string(url), std::string(delivery::check_code(row.check)),
                     "handler", row.passed ? Outcome::passed : Outcome::failed, {}};
        if (!row.passed) {
            std::string answers;
            for (const auto& [status, count] : row.statuses)
                answers += fmt::format("{}{} x {}", answers.empty() ? "" : ", ",
                                       status == 0 ? std::string("no answer")
                                                   : std::to_string(status),
                                       count);
            Diagnostic diagnostic;
            diagnostic.where.source = std::string(url);
            diagnostic.rule = std::string(delivery::check_code(row.check));
            diagnostic.message = fmt::format(
                "{}: expected {} from the handler for {} deliver{}, got {}",
                delivery::check_code(row.check),
                delivery::expectation_text(delivery::expectation(row.check)), row.sent,
                row.sent == 1 ? "y" : "ies", answers);
            storage.push_back(std::move(diagnostic));
            check.diagnostics.push_back(
                {&storage.back(), std::string(url), {Position{0, 0}, std::nullopt}, false});
        }
        cases.push_back(std::move(check));
    }
    return cases;
}

std::string rule_title(std::string_view rule) {
    return fmt::format("ats-hook {}", rule);
}

std::string pointed_message(const LocatedDiagnostic& located) {
    const Diagnostic& diagnostic = *located.diagnostic;
    if (!located.pointed) return diagnostic.message;
    return fmt::format("{}: {}", diagnostic.where.pointer.empty() ? "(root)"
                                                                 : diagnostic.where.pointer,
                       diagnostic.message);
}

} // namespace atshook::report
