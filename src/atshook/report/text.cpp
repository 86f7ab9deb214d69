// The text emitter: what a person reads in a terminal or a CI log. Every piece of text that
// came from input goes through printable() before any colour is added.
#include "atshook/printable.hpp"
#include "atshook/render/tone.hpp"
#include "atshook/report/emitter.hpp"

#include <fmt/core.h>

namespace atshook::report {
namespace {

using render::append_painted;
using render::Tone;

std::string_view shown_pointer(const std::string& pointer) {
    return pointer.empty() ? std::string_view("(root)") : std::string_view(pointer);
}

class TextEmitter final : public Emitter {
public:
    explicit TextEmitter(bool color) : m_color(color) {}

    // delivery.json:14:17: /data/object/event/status: "over" is not one of active, past, ...
    // delivery.json:9:5: warning: /data/object/colour: unknown member "colour" (...)
    // log.ndjson:7:15: not valid JSON: ...
    // A valid whole file gets one line ("delivery.json: valid interview.created"); a valid
    // NDJSON line none, so that large logs print only their problems.
    void document(std::string& out, const DocumentReport& report) const override {
        if (report.status == DocumentResult::Status::unreadable) {
            for (const auto& diagnostic : report.diagnostics) {
                const Position at = position(diagnostic.where, report.bytes);
                append_painted(
                    out, fmt::format("{}:{}:{}:", printable(report.source), at.line, at.column),
                    Tone::strong, m_color);
                out += ' ';
                append_painted(out, printable(diagnostic.message), Tone::bad, m_color);
                out += '\n';
            }
            return;
        }
        const bool says_valid = report.status == DocumentResult::Status::valid && report.line == 0;
        if (report.diagnostics.empty() && report.omitted.total() == 0 && !says_valid) return;
        const std::string where =
            printable(report.line ? fmt::format("{}:{}", report.source, report.line)
                                  : std::string(report.source)) +
            ":"; // starts the lines about the whole document
        for (const auto& diagnostic : report.diagnostics) {
            const bool warning = diagnostic.severity == Severity::warning;
            const Position at = region(diagnostic.where, report.bytes).begin;
            append_painted(out,
                           report.in_file ? fmt::format("{}:{}:{}:", printable(report.source),
                                                        at.line, at.column)
                                          : where,
                           Tone::strong, m_color);
            out += ' ';
            if (warning) {
                append_painted(out, "warning:", Tone::warn, m_color);
                out += ' ';
            }
            append_painted(out, printable(shown_pointer(diagnostic.where.pointer)) + ":",
                           warning ? Tone::warn : Tone::alert, m_color);
            out += ' ';
            out += printable(diagnostic.message);
            out += '\n';
        }
        if (const std::size_t more = report.omitted.total()) {
            append_painted(out, where, Tone::strong, m_color);
            out += fmt::format(" and {} more finding{} not shown ({} kept): {}, {}\n", more,
                               more == 1 ? "" : "s", report.diagnostics.size(),
                               counted(report.omitted.errors, "error"),
                               counted(report.omitted.warnings, "warning"));
        }
        if (says_valid) {
            append_painted(out, where, Tone::strong, m_color);
            out += ' ';
            append_painted(out, "valid", Tone::good, m_color);
            out += fmt::format(" {}\n", report.event_type);
        }
    }

    void unopenable(std::string&, std::string_view, std::string_view) const override {}

    // The summary only says something the lines did not when there was more than one document.
    void documents_end(std::string& out, const Tally& tally) const override {
        if (tally.documents > 1) out += summary_line(tally) + "\n";
    }

    // verified: message msg_..., v1 signature by secret 1 of 1 (...), timestamp ... (green)
    // not verified: too old: ... (bold red)
    //   hint: ... (cyan)
    // then, with --validate, the body's document lines.
    void verification(std::string& out, const VerificationReport& report) const override {
        const Diagnostic verdict = verification_diagnostic(report);
        if (report.several) {
            append_painted(out, printable(report.source) + ":", Tone::strong, m_color);
            out += ' ';
        }
        if (report.result.ok())
            append_painted(out, "verified:", Tone::good, m_color);
        else
            append_painted(out, "not verified:", Tone::alert, m_color);
        out += ' ' + printable(verdict.message) + '\n';
        for (const auto& hint : verdict.hints) {
            out += "  ";
            append_painted(out, "hint:", Tone::info, m_color);
            out += ' ' + printable(hint.text) + '\n';
        }
        if (report.validation) document(out, *report.validation);
    }

    void verifications_end(std::string& out, const Tally& tally) const override {
        if (tally.documents > 1) out += verifications_line(tally) + "\n";
    }

    // "3 of 3 deliveries to URL succeeded" (with checks: how many answered 2xx, and the checks
    // decide), the figures of a larger run, the checks' table.
    void send_end(std::string& out, const SendRunReport& report) const override {
        const auto& result = report.result;
        out += stop_text(result);
        const std::size_t all = result.all();
        if (result.checks)
            out += fmt::format("{} deliver{} to {}, {} answered 2xx; the checks decide:\n", all,
                               all == 1 ? "y" : "ies", report.url, result.tally.delivered());
        else
            out += fmt::format("{} of {} deliver{} to {} succeeded\n", result.tally.delivered(),
                               all, all == 1 ? "y" : "ies", report.url);
        if (report.figures) out += figures_text(result);
        if (result.checks) out += checks_text(*result.checks);
    }

    void delivery(std::string& out, const ReceivedReport& report) const override {
        out += received_text(report.delivery);
    }

    void deliveries_end(std::string& out, const receive::ListenTally& tally) const override {
        out += listen_summary(tally);
        out += '\n';
    }

    // job.created                job         documented  A job was created
    void learning(std::string& out, const LearnReport& report) const override {
        learning_text(out, report, m_color);
    }

    void drift(std::string& out, const DriftReport& report) const override {
        drift_text(out, report, m_color);
    }

    void event_types(std::string& out, std::span<const EventInfo> events) const override {
        for (const auto& event : events)
            out += fmt::format("{:<26} {:<10} {}\n", event.name, to_string(event.provenance),
                               event.meaning);
    }

private:
    bool m_color;
};

} // namespace

std::unique_ptr<Emitter> make_text_emitter(bool color) {
    return std::make_unique<TextEmitter>(color);
}

} // namespace atshook::report
