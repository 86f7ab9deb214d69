// JUnit XML, the test report Jenkins, GitLab and GitHub's test reporters read: a testsuite per
// input file, a testcase per document (or request, or handler check), a failure per invalid one
// listing its findings, an error per one that could not be read.
#include "atshook/printable.hpp"
#include "atshook/report/ci_emitter.hpp"

#include <fmt/core.h>

namespace atshook::report {
namespace {

// Text as XML 1.0 character data or an attribute value: markup characters as entities, line
// ends and tabs as character references, and what XML cannot hold or a reader should not show
// raw (other control characters, bidi overrides, bytes that are not UTF-8) as visible escapes.
std::string xml_text(std::string_view text) {
    return map_code_points(text, [](char32_t cp, bool valid) -> std::optional<std::string> {
        if (!valid) return fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
        switch (cp) {
        case '&':
            return "&amp;";
        case '<':
            return "&lt;";
        case '>':
            return "&gt;";
        case '"':
            return "&quot;";
        case '\n':
        case '\r':
        case '\t':
            return fmt::format("&#{};", static_cast<unsigned>(cp));
        default: // as printable() writes them
            if (cp < 0x20 || cp == 0x7F)
                return fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
            if (is_control_or_bidi(cp) || cp == 0xFFFE || cp == 0xFFFF)
                return fmt::format("\\u{{{:04x}}}", static_cast<unsigned>(cp));
            return std::nullopt;
        }
    });
}

std::string tally_attributes(const Tally& tally) {
    return fmt::format(R"(tests="{}" failures="{}" errors="{}" skipped="0")", tally.documents,
                       tally.invalid, tally.unreadable);
}

class JunitEmitter final : public CiEmitter {
public:
    using CiEmitter::CiEmitter;

    bool framed() const override { return true; }

    void begin(std::string& out, const Tally& total) const override {
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        out += fmt::format("<testsuites name=\"{}\" {}>\n",
                           xml_text("ats-hook " + options().command),
                           tally_attributes(total));
    }

    void input(std::string& out, std::string_view source, const Tally& tally,
               std::string_view records, bool) const override {
        out += fmt::format("  <testsuite name=\"{}\" {}>\n", xml_text(source),
                           tally_attributes(tally));
        out += records;
        out += "  </testsuite>\n";
    }

protected:
    // <testcase name="line 7" classname="interview.created"><failure message="2 errors"
    // type="schema">log.ndjson:7:15: /data/...: ...</failure></testcase>
    void write_case(std::string& out, const CiCase& check) const override {
        out += fmt::format("    <testcase name=\"{}\" classname=\"{}\"", xml_text(check.name),
                           xml_text(check.classname));
        std::string lines;
        for (const auto& located : check.diagnostics) {
            const Position& at = located.region.begin;
            lines += at.line ? fmt::format("{}:{}:{}: ", located.path, at.line, at.column)
                             : located.path + ": ";
            if (located.diagnostic->severity == Severity::warning) lines += "warning: ";
            lines += pointed_message(located) + '\n';
        }
        if (check.outcome == CiCase::Outcome::passed) {
            if (lines.empty()) {
                out += "/>\n";
                return;
            }
            out += fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n",
                               xml_text(lines));
            return;
        }
        const Tally tally = tally_of(check);
        const bool error = check.outcome == CiCase::Outcome::error;
        const std::string message = check.diagnostics.size() == 1
                                        ? check.diagnostics.front().diagnostic->message
                                    : tally.errors ? counted(tally.errors, "error")
                                                   : std::string("failed");
        const std::string type = error                     ? std::string("unreadable")
                                 : check.diagnostics.empty() ? std::string("failed")
                                                             : check.diagnostics.front().diagnostic->rule;
        out += fmt::format(">\n      <{} message=\"{}\" type=\"{}\">{}</{}>\n    </testcase>\n",
                           error ? "error" : "failure", xml_text(message), xml_text(type),
                           xml_text(lines), error ? "error" : "failure");
    }

    void close(std::string& out, std::string_view) const override { out += "</testsuites>\n"; }
};

} // namespace

std::unique_ptr<Emitter> make_junit_emitter(const EmitterOptions& options) {
    return std::make_unique<JunitEmitter>(options);
}

} // namespace atshook::report
