#include "atshook/catalog.hpp"
#include "atshook/json_text.hpp"
#include "cli/command.hpp"
#include "cli/exit_code.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace cli {
namespace {

int run_events(const std::string& format) {
    if (format == "json") {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& event : atshook::all_events())
            list.push_back({{"type", event.name},
                            {"meaning", event.meaning},
                            {"provenance", atshook::to_string(event.provenance)},
                            {"object", atshook::to_string(event.object)}});
        fmt::print("{}\n", atshook::json_text(list, 2));
        return exit_code::ok;
    }
    for (const auto& event : atshook::all_events())
        fmt::print("{:<26} {:<10} {}\n", event.name, atshook::to_string(event.provenance),
                   event.meaning);
    return exit_code::ok;
}

} // namespace

void add_events_command(CLI::App& root, Commands& commands) {
    auto format = std::make_shared<std::string>("text");
    CLI::App* app = root.add_subcommand(
        "events", "List the 19 HireHive event types, what each means, and whether HireHive "
                  "documents its payload or ats-hook infers it");
    app->add_option("--format", *format, "Output: text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    commands.push_back({app, [format] { return run_events(*format); }});
}

} // namespace cli
