#include "atshook/completion/script.hpp"
#include "cli/command.hpp"
#include "cli/completion/model.hpp"
#include "cli/exit_code.hpp"

#include <fmt/core.h>

#include <memory>

namespace cli {
namespace {

int run_completion(const std::string& shell, const CLI::App& root) {
    namespace completion = atshook::completion;
    const auto program = cli::completion::read_program(root);
    const auto vocabulary = completion::hirehive_vocabulary();
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
