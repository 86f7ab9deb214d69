#include "atshook/catalog.hpp"
#include "atshook/time/zone.hpp"
#include "cli/command.hpp"
#include "cli/completion/script.hpp"
#include "cli/exit_code.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <memory>

namespace cli {
namespace {

int run_completion(const std::string& shell, const CLI::App& root) {
    const auto program = completion::read_program(root);
    completion::Vocabulary vocabulary;
    for (const auto& event : atshook::all_events())
        vocabulary.event_types.push_back({std::string(event.name), std::string(event.meaning)});
    vocabulary.zones = atshook::time::zone_names();
    for (const auto& zone : atshook::time::windows_zones()) // "UTC" is an IANA name too
        if (!std::binary_search(vocabulary.zones.begin(), vocabulary.zones.end(), zone.windows))
            vocabulary.windows_zones.emplace_back(zone.windows);
    std::sort(vocabulary.windows_zones.begin(), vocabulary.windows_zones.end());
    const std::string script = shell == "zsh"    ? completion::zsh_script(program, vocabulary)
                               : shell == "fish" ? completion::fish_script(program, vocabulary)
                                                 : completion::bash_script(program, vocabulary);
    fmt::print("{}", script);
    return exit_code::ok;
}

} // namespace

void add_completion_command(CLI::App& root, Commands& commands) {
    auto shell = std::make_shared<std::string>();
    CLI::App* app = root.add_subcommand(
        "completion", "Print the completion script for bash, zsh or fish: commands, options, "
                      "their values, event types, files and time zones");
    app->add_option("shell", *shell, "The shell to write the script for")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}))
        ->type_name("SHELL");
    app->footer("Load it in this shell:\n"
                "  bash: source <(ats-hook completion bash)\n"
                "  zsh:  source <(ats-hook completion zsh)   (after compinit)\n"
                "  fish: ats-hook completion fish | source\n"
                "An installed ats-hook has all three where the shells look: see FILES in "
                "ats-hook(1).");
    commands.push_back({app, [shell, &root] { return run_completion(*shell, root); }});
}

} // namespace cli
