#include "atshook/report/diagnostic.hpp"

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

Position position(const Where& where, std::string_view bytes) {
    const LineColumn at = line_column(bytes, where.span ? where.span->begin : 0);
    return {(where.line ? where.line - 1 : 0) + at.line, at.column};
}

} // namespace atshook::report
