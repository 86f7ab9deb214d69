// SARIF 2.1.0, the log GitHub code scanning (and other static-analysis viewers) read: one run,
// whose driver lists every rule ats-hook can report (rules.hpp), and a result per finding with
// its level, message and physical location (the path relative to the working directory as a
// URI reference, the region in lines and characters).
#include "atshook/json_text.hpp"
#include "atshook/report/ci_emitter.hpp"
#include "atshook/report/rules.hpp"

#include <fmt/core.h>

namespace atshook::report {
namespace {

constexpr std::string_view k_root_base = "%SRCROOT%";

// A path as a URI reference (RFC 3986): unreserved characters and '/' stay, every other byte is
// percent-encoded (':' too, so a relative path never reads as a scheme).
std::string uri_path(std::string_view path) {
    std::string out;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
            (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~' ||
            c == '/')
            out += c;
        else
            out += fmt::format("%{:02X}", static_cast<unsigned>(byte));
    }
    return out;
}

nlohmann::ordered_json artifact_location(std::string_view path, bool under_root) {
    if (path.starts_with('/')) return {{"uri", "file://" + uri_path(path)}};
    nlohmann::ordered_json location = {{"uri", uri_path(path)}};
    if (under_root) location["uriBaseId"] = k_root_base;
    return location;
}

class SarifEmitter final : public JsonArrayEmitter {
public:
    using JsonArrayEmitter::JsonArrayEmitter;

    // Everything up to the results array, which the records fill.
    void begin(std::string& out, const Tally&) const override {
        nlohmann::ordered_json driver = {{"name", "ats-hook"}, {"version", options().version}};
        driver["rules"] = nlohmann::ordered_json::array();
        for (const Rule& rule : rules())
            driver["rules"].push_back(
                {{"id", rule.id},
                 {"shortDescription", {{"text", rule.summary}}},
                 {"defaultConfiguration", {{"level", severity_name(rule.level)}}}});
        nlohmann::ordered_json run = {{"tool", {{"driver", std::move(driver)}}}};
        if (!options().working_directory.empty()) {
            std::string root = options().working_directory;
            if (!root.ends_with('/')) root += '/';
            run["originalUriBaseIds"] = {{k_root_base, {{"uri", "file://" + uri_path(root)}}}};
        }
        run["columnKind"] = "unicodeCodePoints";
        std::string text = json_text(run);
        text.pop_back(); // the run's closing brace: the results follow
        out += R"({"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0",)";
        out += R"("runs":[)" + text + R"(,"results":[)";
    }


protected:
    void write_case(std::string& out, const CiCase& check) const override {
        for (const auto& located : check.diagnostics) {
            const Diagnostic& diagnostic = *located.diagnostic;
            nlohmann::ordered_json result = {{"ruleId", diagnostic.rule}};
            if (const auto index = rule_index(diagnostic.rule)) result["ruleIndex"] = *index;
            result["level"] = severity_name(diagnostic.severity);
            result["message"] = {{"text", pointed_message(located)}};
            const Region& at = located.region;
            nlohmann::ordered_json region = {{"startLine", at.begin.line},
                                             {"startColumn", at.begin.column}};
            if (at.end) {
                region["endLine"] = at.end->line;
                region["endColumn"] = at.end->column;
            }
            result["locations"] = {
                {{"physicalLocation",
                  {{"artifactLocation",
                    artifact_location(located.path, !options().working_directory.empty())},
                   {"region", std::move(region)}}}}};
            append_element(out, result);
        }
    }

    void close(std::string& out, std::string_view) const override { out += "\n]}]}\n"; }
};

} // namespace

std::unique_ptr<Emitter> make_sarif_emitter(const EmitterOptions& options) {
    return std::make_unique<SarifEmitter>(options);
}

} // namespace atshook::report
