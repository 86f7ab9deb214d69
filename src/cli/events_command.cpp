#include "atshook/catalog.hpp"
#include "atshook/report/emitter.hpp"
#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/format_option.hpp"
#include "cli/report_output.hpp"

#include <cstdio>
#include <memory>

namespace cli {
namespace {

int run_events(const std::string& format) {
    std::string text;
    make_command_emitter(format, "never", "events")->event_types(text, atshook::all_events());
    std::fwrite(text.data(), 1, text.size(), stdout);
    return exit_code::ok;
}

} // namespace

void add_events_command(CLI::App& root, Commands& commands) {
    auto format = std::make_shared<std::string>("text");
    CLI::App* app = root.add_subcommand(
        "events", "List the 19 HireHive event types, what each means, and whether HireHive "
                  "documents its payload or ats-hook infers it");
    app->add_option("--format", *format, "Output: text (default) or json")
        ->check(format_check(atshook::report::Subject::event_types));
    commands.push_back({app, [format] { return run_events(*format); }});
}

} // namespace cli
