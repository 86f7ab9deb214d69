#include "atshook/report/diagnostic.hpp"

#include "atshook/json_locate.hpp"
#include "atshook/validation.hpp"

namespace atshook::report {

std::string_view severity_name(Severity severity) {
    switch (severity) {
    case Severity::error:
        return "error";
    case Severity::warning:
        return "warning";
    case Severity::note:
        return "note";
    }
    return "error";
}

namespace {

Position position_at(const Where& where, std::string_view bytes, std::size_t offset) {
    const LineColumn at = line_column(bytes, offset);
    return {(where.line ? where.line - 1 : 0) + at.line, at.column};
}

} // namespace

Position position(const Where& where, std::string_view bytes) {
    return position_at(where, bytes, where.span ? where.span->begin : 0);
}

Region region(const Where& where, std::string_view bytes) {
    std::optional<Span> span = where.span;
    if (!span && !bytes.empty())
        if (const auto found = locate_json_pointer(bytes, where.pointer))
            span = Span{found->begin, found->end};
    if (!span) return {position_at(where, bytes, 0), std::nullopt};
    Region located{position_at(where, bytes, span->begin), std::nullopt};
    if (span->end > span->begin) { // counted on from the start, not from the document's top
        const std::size_t begin = std::min(span->begin, bytes.size());
        const LineColumn more = line_column(bytes.substr(begin), span->end - begin);
        located.end = more.line == 1
                          ? Position{located.begin.line, located.begin.column + more.column - 1}
                          : Position{located.begin.line + more.line - 1, more.column};
    }
    return located;
}

} // namespace atshook::report
