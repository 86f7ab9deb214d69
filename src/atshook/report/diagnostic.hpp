#pragma once
// One record for anything a command reports: a schema finding, an unreadable document, a
// signature verdict, a handler check. Emitters (emitter.hpp) write these in each format; no
// command formats its own. Line and column are not kept: a span is turned into them only when a
// report is written, so the validator's hot path carries byte offsets at most.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::report {

enum class Severity { error, warning, note };

// "error", "warning", "note": the words reports and JSON use.
std::string_view severity_name(Severity severity);

// Bytes [begin, end) of the document a diagnostic is about.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

struct Where {
    std::string source;   // a file name, "<stdin>", "request body"
    std::size_t line = 0; // the line of the file the document starts on (an NDJSON line, a
                          // request's body); 0: the document is the whole file
    std::string pointer;      // JSON pointer into the document; "" for its root or none
    std::optional<Span> span; // when known
};

// A likely cause, as a stable code for scripts and a sentence for people.
struct Hint {
    std::string code;
    std::string text;
};

struct Diagnostic {
    Where where;
    std::string rule; // what was checked: the schema keyword, the verify reason, the check
    Severity severity = Severity::error;
    std::string message;
    std::string expected, actual;
    std::vector<Hint> hints;
};

// Line and column (both from 1; the column counts characters, not bytes) of a span's start in
// the file: `bytes` are the document's, which starts on line `where.line` (or 1 for a whole
// file), column 1. Without a span, the document's first byte.
struct Position {
    std::size_t line = 1;
    std::size_t column = 1;
    bool operator==(const Position&) const = default;
};
Position position(const Where& where, std::string_view bytes);

// Where a diagnostic points in its file: from its span, else from its JSON pointer located in
// the document's bytes (a search made only here, when a finding is written, so validation keeps
// no offsets). `end` is the position just after the value's last character, when known.
struct Region {
    Position begin;
    std::optional<Position> end;
};
Region region(const Where& where, std::string_view bytes);

} // namespace atshook::report
