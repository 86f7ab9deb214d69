#include "cli/report_output.hpp"

#include "cli/color_option.hpp"
#include "cli/diagnostics.hpp"
#include "cli/environment.hpp"

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace cli {

std::unique_ptr<atshook::report::Emitter> make_command_emitter(const std::string& format,
                                                               const std::string& color_choice,
                                                               std::string command) {
    const auto parsed = atshook::report::parse_format(format);
    atshook::report::EmitterOptions options;
    options.color = parsed == atshook::report::Format::text && stdout_color(color_choice);
    std::error_code error; // a directory removed under us: paths stay as given
    options.working_directory = std::filesystem::current_path(error).string();
    options.command = std::move(command);
    options.version = ATS_HOOK_VERSION;
    return atshook::report::make_emitter(parsed, options);
}

void write_job_summary(const atshook::report::Emitter& emitter,
                       const atshook::report::Tally& tally) {
    const auto path = environment_variable("GITHUB_STEP_SUMMARY");
    if (!path || path->empty()) return;
    const std::string summary = emitter.job_summary(tally);
    if (summary.empty()) return;
    std::ofstream file(std::string(*path), std::ios::app | std::ios::binary);
    if (file) file << summary << '\n';
    if (!file)
        print_warning(fmt::format("GITHUB_STEP_SUMMARY: cannot append to {}: {}", *path,
                                  std::strerror(errno)));
}

} // namespace cli
