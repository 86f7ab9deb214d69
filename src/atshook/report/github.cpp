// GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line per finding,
// which the runner turns into an annotation on the file and line, then the summary line. The
// escaping is @actions/core's (toolkit/packages/core/src/command.ts), so that the runner reads
// back exactly what was meant; the first findings are also kept for the job's summary page.
#include "atshook/printable.hpp"
#include "atshook/report/ci_emitter.hpp"

#include <fmt/core.h>

#include <mutex>
#include <tuple>
#include <vector>

namespace atshook::report {
namespace {

constexpr std::size_t k_summary_findings = 10;

// A message on its way to the runner: CR and LF are the command's to escape; every other control
// or bidi character, and bytes that are not UTF-8, become visible escapes as on a terminal.
std::string runner_text(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\r' || text[i] == '\n') {
            out += printable(text.substr(start, i - start));
            out += text[i];
            start = i + 1;
        }
    return out + printable(text.substr(start));
}

// escapeData: % CR LF.
std::string escape_data(std::string_view text) {
    std::string out;
    for (const char c : runner_text(text)) {
        if (c == '%')
            out += "%25";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else
            out += c;
    }
    return out;
}

// escapeProperty: also : and ,.
std::string escape_property(std::string_view text) {
    std::string out;
    for (const char c : escape_data(text)) {
        if (c == ':')
            out += "%3A";
        else if (c == ',')
            out += "%2C";
        else
            out += c;
    }
    return out;
}

// The workflow command of a severity: a note is a notice.
std::string_view command_for(Severity severity) {
    return severity == Severity::note ? "notice" : severity_name(severity);
}

// A Markdown table cell: pipes and line ends would end it.
std::string cell(std::string_view text) {
    std::string out;
    for (const char c : printable(text)) {
        if (c == '|')
            out += "\\|";
        else
            out += c;
    }
    return out;
}

class GithubEmitter final : public CiEmitter {
public:
    using CiEmitter::CiEmitter;

    std::string job_summary(const Tally& tally) const override {
        const std::lock_guard lock(m_mutex);
        std::string md = "### ats-hook\n\n";
        md += fmt::format("{}\n\n", cell(summary_line(tally)));
        md += "| file | documents | errors | warnings |\n|---|---:|---:|---:|\n";
        for (const auto& file : m_files)
            md += fmt::format("| {} | {} | {} | {} |\n", cell(file.path), file.tally.documents,
                              file.tally.errors, file.tally.warnings);
        if (!m_first.empty()) {
            md += "\n| where | severity | finding |\n|---|---|---|\n";
            for (const auto& finding : m_first)
                md += fmt::format("| {} | {} | {} |\n", cell(finding.where),
                                  finding.severity, cell(finding.message));
        }
        return md;
    }

protected:
    void write_case(std::string& out, const CiCase& check) const override {
        for (const auto& located : check.diagnostics)
            annotate(out, located);
        keep_for_summary(check);
    }

    void close(std::string& out, std::string_view summary) const override {
        out += summary;
        out += '\n';
    }

private:
    // The properties in @actions/core's order (title, file, line, endLine, col, endColumn);
    // endColumn only on a one-line region, as GitHub takes it.
    void annotate(std::string& out, const LocatedDiagnostic& located) const {
        const Diagnostic& diagnostic = *located.diagnostic;
        out += fmt::format("::{} title={}", command_for(diagnostic.severity),
                           escape_property(rule_title(diagnostic.rule)));
        if (!located.path.empty()) out += ",file=" + escape_property(located.path);
        const Region& region = located.region;
        out += fmt::format(",line={}", region.begin.line);
        if (region.end) out += fmt::format(",endLine={}", region.end->line);
        out += fmt::format(",col={}", region.begin.column);
        if (region.end && region.end->line == region.begin.line)
            out += fmt::format(",endColumn={}", region.end->column);
        out += "::" + escape_data(pointed_message(located)) + '\n';
    }

    // The first findings by input order (files are checked one after another; within a file,
    // by line), and each file's counts, for job_summary. Threads may call this in any order.
    void keep_for_summary(const CiCase& check) const {
        const std::lock_guard lock(m_mutex);
        if (m_files.empty() || m_files.back().path != check.suite)
            m_files.push_back({check.suite, {}});
        m_files.back().tally.add(tally_of(check));
        const std::size_t file = m_files.size() - 1;
        for (std::size_t i = 0; i < check.diagnostics.size(); ++i) {
            const auto& located = check.diagnostics[i];
            const Kept candidate{
                {file, located.region.begin.line, located.region.begin.column, i},
                fmt::format("{}:{}:{}", located.path, located.region.begin.line,
                            located.region.begin.column),
                std::string(severity_name(located.diagnostic->severity)),
                pointed_message(located)};
            if (m_first.size() == k_summary_findings && !(candidate.key < m_first.back().key))
                break;
            auto at = m_first.begin();
            while (at != m_first.end() && at->key < candidate.key)
                ++at;
            m_first.insert(at, candidate);
            if (m_first.size() > k_summary_findings) m_first.pop_back();
        }
    }

    struct File {
        std::string path;
        Tally tally;
    };
    struct Kept {
        std::tuple<std::size_t, std::size_t, std::size_t, std::size_t> key;
        std::string where, severity, message;
    };
    mutable std::mutex m_mutex;
    mutable std::vector<File> m_files;
    mutable std::vector<Kept> m_first;
};

} // namespace

std::unique_ptr<Emitter> make_github_emitter(const EmitterOptions& options) {
    return std::make_unique<GithubEmitter>(options);
}

} // namespace atshook::report
