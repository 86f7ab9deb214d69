#pragma once
// The shared part of the CI formats (github.cpp, gitlab.cpp, junit.cpp, sarif.cpp): every
// subject they take becomes cases (ci_case.hpp); each format writes a case and closes a report.
#include "atshook/report/ci_case.hpp"
#include "atshook/report/emitter.hpp"

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>

namespace atshook::report {

class CiEmitter : public Emitter {
public:
    explicit CiEmitter(EmitterOptions options) : m_options(std::move(options)) {}

    void document(std::string& out, const DocumentReport& report) const override;
    void unopenable(std::string& out, std::string_view source,
                    std::string_view message) const override;
    void documents_end(std::string& out, const Tally& tally) const override;
    void verification(std::string& out, const VerificationReport& report) const override;
    void verifications_end(std::string& out, const Tally& tally) const override;
    void send_end(std::string& out, const SendRunReport& report) const override;
    void learning(std::string& out, const LearnReport& report) const override;

    // Subjects no CI format takes (format_names keeps them out): a call is a bug.
    void delivery(std::string& out, const ReceivedReport& report) const override;
    void deliveries_end(std::string& out, const receive::ListenTally& tally) const override;
    void event_types(std::string& out, std::span<const EventInfo> events) const override;
    void drift(std::string& out, const DriftReport& report) const override;

protected:
    virtual void write_case(std::string& out, const CiCase& check) const = 0;
    // The end of a report, with the run's summary sentence (which only GitHub's shows).
    virtual void close(std::string& out, std::string_view summary) const = 0;

    const EmitterOptions& options() const { return m_options; }

private:
    // A single result's cases (learn's findings, the handler checks) as a whole report: framed
    // per suite when the format frames.
    void whole(std::string& out, std::span<const CiCase> cases, std::string_view summary) const;

    EmitterOptions m_options;
};

// A CI format whose records are the elements of one JSON array (GitLab's issues, SARIF's
// results), framed by ReportStream: each element goes on its own line after a comma, and the
// run's first comma is dropped.
class JsonArrayEmitter : public CiEmitter {
public:
    using CiEmitter::CiEmitter;
    bool framed() const override { return true; }
    void input(std::string& out, std::string_view source, const Tally& tally,
               std::string_view records, bool first) const override;

protected:
    static void append_element(std::string& out, const nlohmann::ordered_json& element);
};

// What a case counts as in a tally: one document, passed, failed or unreadable, and its errors
// and warnings.
Tally tally_of(const CiCase& check);

} // namespace atshook::report
