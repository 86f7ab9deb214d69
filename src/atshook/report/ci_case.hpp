#pragma once
// What the CI formats (GitHub, GitLab, JUnit, SARIF) see of any subject: cases (a document
// validated, a request verified, a handler check), each passed or not, with its diagnostics
// located in their files. Each format writes cases its own way; none knows the subjects.
#include "atshook/delivery/handler_checks.hpp"
#include "atshook/report/diagnostic.hpp"
#include "atshook/report/document.hpp"
#include "atshook/report/learning.hpp"
#include "atshook/report/verification.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace atshook::report {

struct LocatedDiagnostic {
    const Diagnostic* diagnostic = nullptr;
    std::string path; // as the report names the file: relative to the working directory if under it
    Region region;
    bool pointed = true; // a finding at a JSON pointer ("(root)" when empty), not a verdict
};

struct CiCase {
    enum class Outcome { passed, failed, error }; // error: the input could not be read as JSON
    std::string suite;     // the input file the case belongs to
    std::string name;      // "samples/x.json", "line 7", "forged_body"
    std::string classname; // the event type ("interview.created"), or the command's area
    Outcome outcome = Outcome::passed;
    std::vector<LocatedDiagnostic> diagnostics; // findings (errors and warnings), in order
};

// `path` as a report names it: relative to `working_directory` when it lies under it, else as
// given ("<stdin>" included); without a leading "./".
std::string report_path(std::string_view path, std::string_view working_directory);

// A validated document. The diagnostics point into `report`, which must outlive the case.
CiCase document_case(const DocumentReport& report, std::string_view working_directory);

// A source that could not be opened.
CiCase unopenable_case(std::string_view source, const Diagnostic& diagnostic,
                       std::string_view working_directory);

// A verified request: the verdict (an error unless verified), located at the header it is
// about, then the body's findings. `verdict` must outlive the case.
CiCase verification_case(const VerificationReport& report, const Diagnostic& verdict,
                         std::string_view working_directory);

// learn's findings, one case per event type, each finding at its first location (its line;
// the column is not kept in a profile). The diagnostics live in `storage`.
std::vector<CiCase> learning_cases(const LearnReport& report, std::vector<Diagnostic>& storage,
                                   std::string_view working_directory);

// The handler bench's checks against `url`, one case per check; information checks pass.
std::vector<CiCase> check_cases(const delivery::CheckTally& checks, std::string_view url,
                                std::vector<Diagnostic>& storage);

// "ats-hook enum", the title a finding's rule gets in annotations.
std::string rule_title(std::string_view rule);

// "/data/object/status: \"over\" is not one of ...", a finding's one-line message; a verdict is
// its message alone.
std::string pointed_message(const LocatedDiagnostic& located);

} // namespace atshook::report
