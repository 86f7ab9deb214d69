#pragma once
#include "atshook/input.hpp"
#include "atshook/validation.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace atshook {

// Where a document came from, for messages: "delivery.json" or "log.ndjson:12".
struct DocumentOrigin {
    std::string_view source;
    std::size_t line = 0; // 0: the whole file
};

// Text lines for one validated document, appended to `out`:
//   delivery.json: /data/object/event/status: "over" is not one of active, past, cancelled
//   delivery.json: warning: /data/object/colour: unknown member "colour" (...)
//   log.ndjson:7:15: not valid JSON: ...
// A valid whole-file document gets one line ("delivery.json: valid interview.created");
// a valid NDJSON line gets none, so large logs print only their problems. With `color`, the
// location is bold, an error's pointer bold red, "warning:" and its pointer yellow, "valid"
// green, as compilers colour their diagnostics.
void append_text_report(std::string& out, const DocumentOrigin& origin, const Document& document,
                        const DocumentResult& result, bool color = false);

// One object per document: source, line, event_type, valid, error (unreadable only), findings
// with pointer, keyword, severity, message, expected and actual, and omitted_findings (errors and
// warnings past the limit, counted only).
nlohmann::json json_report(const DocumentOrigin& origin, const Document& document,
                           const DocumentResult& result);

struct Tally {
    std::size_t documents = 0, valid = 0, invalid = 0, unreadable = 0, errors = 0, warnings = 0;
    void add(const DocumentResult& result);
    void add(const Tally& other);
};

// "3 documents: 2 valid, 1 invalid; 4 errors, 1 warning"
std::string summary_line(const Tally& tally);

} // namespace atshook
