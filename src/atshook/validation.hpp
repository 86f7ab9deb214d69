#pragma once
#include "atshook/finding.hpp"
#include "atshook/json_error.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace atshook {
namespace overlay {
class OverlaySet;
}

// How strictly a payload is judged against HireHive's documentation.
enum class Strictness {
    // Default: only the envelope's type, timestamp and data and the object's id are required;
    // other documented fields may be absent or null; unknown fields are warnings.
    lenient,
    // Every documented field present, null only where the docs say so, unknown fields errors.
    strict,
};

struct ValidateOptions {
    Strictness strictness = Strictness::lenient;
    std::string forced_event; // --event: validate against this type whatever `type` says
    std::size_t max_depth = k_max_depth;
    // Findings kept per document; the rest are counted ("and 2999900 more"), never stored.
    std::size_t max_findings = limits::k_findings;
    // --overlay: corrections to the schemas, compiled once per set; null checks against the
    // shipped schemas (compiled once per process).
    std::shared_ptr<const overlay::OverlaySet> overlays = nullptr;
};

struct DocumentResult {
    enum class Status {
        valid,      // no errors (warnings possible)
        invalid,    // schema errors: see findings
        unreadable, // not usable as JSON: empty, malformed, not UTF-8, too deep, not an object
    };
    Status status = Status::valid;
    std::string event_type; // the type validated against ("" when unknown)
    Findings findings;
    OmittedFindings omitted;      // past max_findings: counted only
    std::string error;            // for unreadable: what is wrong, without the location
    std::size_t error_offset = 0; // for unreadable: byte offset in the document
    bool ok() const { return status == Status::valid; }
};

// Validates payloads; each event's schema is compiled once per process, at its first use, and
// shared by all validators. Reuses one simdjson parser, so a Validator is not thread-safe: use
// one per thread.
class Validator {
public:
    explicit Validator(ValidateOptions options = {});
    ~Validator();
    Validator(Validator&&) noexcept;
    Validator& operator=(Validator&&) noexcept;

    // Validates one JSON document (the bytes of one payload or one NDJSON line).
    DocumentResult validate(std::string_view json);
    // The same for a document followed by k_parse_padding readable bytes (a Document read by
    // InputReader, `padded`): the parser reads it where it lies instead of copying it first.
    DocumentResult validate_padded(std::string_view json);

private:
    DocumentResult validate(std::string_view json, bool in_place);

    struct State;
    std::unique_ptr<State> m_state;
};

// 1-based line and column of a byte offset in `text`, for error messages.
struct LineColumn {
    std::size_t line;
    std::size_t column;
};
LineColumn line_column(std::string_view text, std::size_t offset);

} // namespace atshook
