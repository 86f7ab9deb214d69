#pragma once
#include <string>
#include <vector>

namespace atshook {

enum class Severity { error, warning };

// One thing the validator found wrong with a document. `pointer` is an RFC 6901 JSON pointer
// into the document ("" is the root); `keyword` the schema keyword that failed; `expected` and
// `actual` are short texts for people and scripts ("one of accepted, pending", "\"attending\"").
struct Finding {
    std::string pointer;
    std::string keyword;
    std::string message;
    std::string expected;
    std::string actual;
    Severity severity = Severity::error;

    bool operator==(const Finding&) const = default;
};

using Findings = std::vector<Finding>;

// Findings past the per-document limit: counted by severity, not kept.
struct OmittedFindings {
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t total() const { return errors + warnings; }
    bool operator==(const OmittedFindings&) const = default;
};

inline bool has_errors(const Findings& findings) {
    for (const auto& f : findings)
        if (f.severity == Severity::error) return true;
    return false;
}

} // namespace atshook
