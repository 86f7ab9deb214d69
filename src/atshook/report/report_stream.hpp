#pragma once
// Carries a run's records from the emitter to the output in input order. A stream format's
// records go out as they come; a report that is one document (JUnit, SARIF, GitLab) is framed:
// each input's records are grouped as they complete, and the document is written whole when the
// run ends (its readers take it whole too, and JUnit's opening tag carries the run's counts).
#include "atshook/report/emitter.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace atshook::report {

class ReportStream {
public:
    // `write` receives the output, in order.
    ReportStream(const Emitter& emitter, std::function<void(std::string_view)> write);

    // The next records of the current input, and what they counted.
    void records(std::string_view text, const Tally& tally);
    // The current input is complete: a framed format groups its records under `source`.
    void end_input(std::string_view source);
    // Writes what is left and the end: documents_end, or verifications_end for verify.
    void finish(const Tally& total, bool verifications = false);

private:
    const Emitter& m_emitter;
    std::function<void(std::string_view)> m_write;
    std::string m_input;  // framed: the current input's records
    Tally m_input_tally;  // framed: and their count
    std::string m_framed; // framed: the inputs so far
    Tally m_framed_tally; // framed: and their count
    bool m_first = true;
};

} // namespace atshook::report
