#pragma once
// What every reporting command hands the report layer from the world (colour, the working
// directory, the version), and the one file a CI format writes besides stdout: GitHub's job
// summary.
#include "atshook/report/emitter.hpp"

#include <memory>
#include <string>

namespace cli {

// The emitter for `--format format` of `command` ("validate", "verify", ...), with colour from
// `color_choice` (text only) and the working directory for the CI formats' relative paths.
std::unique_ptr<atshook::report::Emitter> make_command_emitter(const std::string& format,
                                                               const std::string& color_choice,
                                                               std::string command);

// Appends the emitter's job summary to the file GITHUB_STEP_SUMMARY names, when it is set and
// the format has one; a file that cannot be written is a warning, not a failure of the check.
void write_job_summary(const atshook::report::Emitter& emitter,
                       const atshook::report::Tally& tally);

} // namespace cli
