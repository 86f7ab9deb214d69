#pragma once
// A validated document as a report sees it: where it came from, its verdict and its findings
// as diagnostics; and the tally behind validate's summary line.
#include "atshook/input.hpp"
#include "atshook/report/diagnostic.hpp"
#include "atshook/validation.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace atshook::report {

struct DocumentReport {
    std::string_view source; // "delivery.json", "<stdin>", "request body"
    std::size_t line = 0;    // NDJSON line; 0: the whole file
    std::string_view bytes;  // the document, for the line and column of a span
    DocumentResult::Status status = DocumentResult::Status::valid;
    std::string_view event_type;         // "" when unknown
    std::vector<Diagnostic> diagnostics; // findings in order; or the one reason it is unreadable
    OmittedFindings omitted;             // past the findings limit: counted only
    bool in_file = true; // false: the bytes are no file a reader has (an event emit made), so
                         // text names no line and column
};

// The result's findings as diagnostics (rule: the schema keyword; an unreadable document: rule
// "unreadable" with the offset as its span). `result` must outlive the report.
DocumentReport document_report(std::string_view source, const Document& document,
                               const DocumentResult& result);

// One object per document: source, line, event_type, valid, error (unreadable only), findings
// with pointer, keyword, severity, message, expected, actual, and line, column, end_line and
// end_column in the file (the end just after the value; null when unknown), and
// omitted_findings. The
// stable JSON form, in validate's output and inside verify's and listen's.
nlohmann::json document_json(const DocumentReport& report);

// A source that could not be opened at all, in the same shape: valid false, an error message,
// no findings.
nlohmann::json unopenable_json(std::string_view source, std::string_view message);

struct Tally {
    std::size_t documents = 0, valid = 0, invalid = 0, unreadable = 0, errors = 0, warnings = 0;
    void add(const DocumentResult& result);
    void add(const Tally& other);
};

// "1 error", "3 warnings": a count and its noun, plural when it is not 1.
std::string counted(std::size_t n, std::string_view noun);

// "3 documents: 2 valid, 1 invalid; 4 errors, 1 warning"
std::string summary_line(const Tally& tally);

// verify's: "3 requests: 2 passed, 1 failed" (documents counted as requests; passed: verified,
// and valid when validated).
std::string verifications_line(const Tally& tally);

} // namespace atshook::report
