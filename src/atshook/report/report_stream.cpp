#include "atshook/report/report_stream.hpp"

namespace atshook::report {

ReportStream::ReportStream(const Emitter& emitter, std::function<void(std::string_view)> write)
    : m_emitter(emitter), m_write(std::move(write)) {}

void ReportStream::records(std::string_view text, const Tally& tally) {
    if (!m_emitter.framed()) {
        if (!text.empty()) m_write(text);
        return;
    }
    m_input += text;
    m_input_tally.add(tally);
}

void ReportStream::end_input(std::string_view source) {
    if (!m_emitter.framed() || m_input_tally.documents == 0) return;
    m_emitter.input(m_framed, source, m_input_tally, m_input, m_first);
    m_framed_tally.add(m_input_tally);
    m_first = m_first && m_input.empty();
    m_input.clear();
    m_input_tally = {};
}

void ReportStream::finish(const Tally& total, bool verifications) {
    std::string text;
    if (m_emitter.framed()) {
        m_emitter.begin(text, m_framed_tally);
        text += m_framed;
        m_framed.clear();
    }
    if (verifications)
        m_emitter.verifications_end(text, total);
    else
        m_emitter.documents_end(text, total);
    if (!text.empty()) m_write(text);
}

} // namespace atshook::report
