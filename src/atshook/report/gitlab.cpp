// GitLab Code Quality: a JSON array of issues (description, check_name, fingerprint, severity,
// location.path, location.lines.begin), which GitLab shows in merge requests. The fingerprint
// identifies a finding across runs, so GitLab can tell new findings from old ones: it hashes
// where the finding is by name (file, document, pointer) and what it is, not its line.
#include "atshook/report/ci_emitter.hpp"

#include <fmt/core.h>
#include <openssl/evp.h>

#include <map>

namespace atshook::report {
namespace {

std::string_view gitlab_severity(Severity severity) {
    switch (severity) {
    case Severity::error:
        return "major";
    case Severity::warning:
        return "minor";
    case Severity::note:
        return "info";
    }
    return "major";
}

// SHA-256 of the parts, each followed by a NUL, as 32 hex digits.
std::string fingerprint(std::initializer_list<std::string_view> parts) {
    std::string text;
    for (const auto part : parts) {
        text += part;
        text += '\0';
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1 ||
        length < 16)
        throw std::runtime_error("SHA-256 failed in OpenSSL");
    std::string hex;
    for (unsigned int i = 0; i < 16; ++i)
        hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

class GitlabEmitter final : public JsonArrayEmitter {
public:
    using JsonArrayEmitter::JsonArrayEmitter;

    void begin(std::string& out, const Tally&) const override { out += '['; }


protected:
    void write_case(std::string& out, const CiCase& check) const override {
        std::map<std::string, std::size_t> seen; // the same finding twice in one case
        for (const auto& located : check.diagnostics) {
            const Diagnostic& diagnostic = *located.diagnostic;
            const std::string key = diagnostic.rule + '\0' + diagnostic.where.pointer + '\0' +
                                    diagnostic.message;
            const std::size_t repeat = seen[key]++;
            nlohmann::ordered_json issue;
            issue["type"] = "issue";
            issue["description"] = pointed_message(located);
            issue["check_name"] = "ats-hook/" + diagnostic.rule;
            issue["fingerprint"] =
                fingerprint({located.path, check.name, diagnostic.rule, diagnostic.where.pointer,
                             diagnostic.message, std::to_string(repeat)});
            issue["severity"] = gitlab_severity(diagnostic.severity);
            issue["location"] = {{"path", located.path},
                                 {"lines", {{"begin", located.region.begin.line}}}};
            append_element(out, issue);
        }
    }

    void close(std::string& out, std::string_view) const override { out += "\n]\n"; }
};

} // namespace

std::unique_ptr<Emitter> make_gitlab_emitter(const EmitterOptions& options) {
    return std::make_unique<GitlabEmitter>(options);
}

} // namespace atshook::report
