#include "atshook/report/ci_emitter.hpp"

#include "atshook/json_text.hpp"

#include <fmt/core.h>

#include <stdexcept>

namespace atshook::report {

Tally tally_of(const CiCase& check) {
    Tally tally;
    tally.documents = 1;
    switch (check.outcome) {
    case CiCase::Outcome::passed:
        tally.valid = 1;
        break;
    case CiCase::Outcome::failed:
        tally.invalid = 1;
        break;
    case CiCase::Outcome::error:
        tally.unreadable = 1;
        break;
    }
    for (const auto& located : check.diagnostics) {
        if (located.diagnostic->severity == Severity::error) ++tally.errors;
        if (located.diagnostic->severity == Severity::warning) ++tally.warnings;
    }
    return tally;
}

void CiEmitter::document(std::string& out, const DocumentReport& report) const {
    write_case(out, document_case(report, m_options.working_directory));
}

void CiEmitter::unopenable(std::string& out, std::string_view source,
                           std::string_view message) const {
    Diagnostic diagnostic;
    diagnostic.where.source = std::string(source);
    diagnostic.rule = "unreadable";
    diagnostic.message = std::string(message);
    write_case(out, unopenable_case(source, diagnostic, m_options.working_directory));
}

void CiEmitter::documents_end(std::string& out, const Tally& tally) const {
    close(out, summary_line(tally));
}

void CiEmitter::verification(std::string& out, const VerificationReport& report) const {
    const Diagnostic verdict = verification_diagnostic(report);
    write_case(out, verification_case(report, verdict, m_options.working_directory));
}

void CiEmitter::verifications_end(std::string& out, const Tally& tally) const {
    close(out, verifications_line(tally));
}

void CiEmitter::send_end(std::string& out, const SendRunReport& report) const {
    std::vector<Diagnostic> storage;
    std::vector<CiCase> cases;
    if (report.result.checks) {
        cases = check_cases(*report.result.checks, report.url, storage);
    } else {
        // Without the checks, the run is one case: every delivery answered 2xx.
        const auto& tally = report.result.tally;
        const std::size_t all = report.result.all();
        CiCase run{report.url, "deliveries", "delivery", CiCase::Outcome::passed, {}};
        if (tally.delivered() != all) {
            Diagnostic diagnostic;
            diagnostic.where.source = report.url;
            diagnostic.rule = "delivery";
            diagnostic.message = fmt::format("{} of {} deliveries to {} succeeded",
                                             tally.delivered(), all, report.url);
            storage.push_back(std::move(diagnostic));
            run.outcome = CiCase::Outcome::failed;
            run.diagnostics.push_back(
                {&storage.back(), report.url, {Position{0, 0}, std::nullopt}, false});
        }
        cases.push_back(std::move(run));
    }
    std::size_t failed = 0;
    for (const auto& check : cases)
        failed += check.outcome != CiCase::Outcome::passed;
    whole(out, cases,
          fmt::format("{}: {} passed, {} failed", counted(cases.size(), "check"),
                      cases.size() - failed, failed));
}

void CiEmitter::learning(std::string& out, const LearnReport& report) const {
    std::vector<Diagnostic> storage;
    const auto cases = learning_cases(report, storage, m_options.working_directory);
    whole(out, cases, counted(storage.size(), "finding"));
}

void CiEmitter::whole(std::string& out, std::span<const CiCase> cases,
                      std::string_view summary) const {
    std::string framed;
    Tally total;
    for (std::size_t i = 0; i < cases.size();) {
        std::string records;
        Tally tally;
        const std::string& suite = cases[i].suite;
        for (; i < cases.size() && cases[i].suite == suite; ++i) {
            write_case(records, cases[i]);
            tally.add(tally_of(cases[i]));
        }
        input(framed, suite, tally, records, framed.empty());
        total.add(tally);
    }
    begin(out, total);
    out += framed;
    close(out, summary);
}

void JsonArrayEmitter::input(std::string& out, std::string_view, const Tally&,
                             std::string_view records, bool first) const {
    out += first && records.starts_with(',') ? records.substr(1) : records;
}

void JsonArrayEmitter::append_element(std::string& out, const nlohmann::ordered_json& element) {
    out += ",\n";
    out += json_text(element);
}

void CiEmitter::delivery(std::string&, const ReceivedReport&) const {
    throw std::logic_error("listen has no CI report format");
}
void CiEmitter::deliveries_end(std::string&, const receive::ListenTally&) const {
    throw std::logic_error("listen has no CI report format");
}
void CiEmitter::event_types(std::string&, std::span<const EventInfo>) const {
    throw std::logic_error("events has no CI report format");
}
void CiEmitter::drift(std::string&, const DriftReport&) const {
    throw std::logic_error("drift has no CI report format");
}

} // namespace atshook::report
