#pragma once
// --format values come from the report layer, so that --help, completion and the man page name
// exactly the formats an emitter exists for.
#include "atshook/report/emitter.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace cli {

// The check for a --format option of a command that reports `subject`.
inline CLI::IsMember format_check(atshook::report::Subject subject) {
    const auto names = atshook::report::format_names(subject);
    return CLI::IsMember(std::vector<std::string>(names.begin(), names.end()));
}

} // namespace cli
