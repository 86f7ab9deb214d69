#include "atshook/error.hpp"
#include "atshook/network/module.hpp"
#include "cli/command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <new>
#include <string_view>

namespace {

// The last resort for a bug: an exception escaping a thread or a noexcept function. One line
// and exit code 3 instead of std::terminate's abort (and its core dump).
[[noreturn]] void report_internal_error() {
    std::string what = "unknown exception";
    if (const auto current = std::current_exception()) {
        try {
            std::rethrow_exception(current);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
    }
    cli::print_error("internal error: " + what + "; please report it with the command you ran");
    std::_Exit(cli::exit_code::bad_input);
}

// Where the network module is (listen, replay and emit --send load it): beside the binary in a
// build tree, else where `cmake --install` and the package put it, relative to the binary.
void locate_network_module() {
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) return; // the loader then says it found no module
    const auto folder = self.parent_path();
    atshook::network::set_module_candidates(
        {folder / "ats-hook-network.so",
         (folder / ATS_HOOK_NETWORK_MODULE_FROM_BINDIR).lexically_normal()});
}

struct Registration {
    std::string_view name;
    void (*add)(CLI::App&, cli::Commands&);
};
// In the order of the overview (`ats-hook --help`); completion last, as it reads the others.
constexpr Registration k_registrations[] = {
    {"validate", cli::add_validate_command}, {"events", cli::add_events_command},
    {"schema", cli::add_schema_command},     {"verify", cli::add_verify_command},
    {"sign", cli::add_sign_command},         {"keygen", cli::add_keygen_command},
    {"show", cli::add_show_command},         {"emit", cli::add_emit_command},
    {"listen", cli::add_listen_command},     {"replay", cli::add_replay_command},
    {"learn", cli::add_learn_command},       {"drift", cli::add_drift_command},
    {"completion", cli::add_completion_command}};

// Registers the command named first on the command line alone, as it is the only one that can
// run: setting up CLI11's options for all of them was a third of the tool's own work in a
// one-file validate. Without such a name (no command, --help, --version, a typo) and for
// `completion`, which writes every command's options, all are registered.
void register_commands(CLI::App& app, cli::Commands& commands, std::string_view first) {
    for (const auto& registration : k_registrations)
        if (registration.name == first && first != "completion") {
            registration.add(app, commands);
            return;
        }
    for (const auto& registration : k_registrations) registration.add(app, commands);
}

int run(int argc, char** argv) {
    locate_network_module();
    CLI::App app{"ats-hook: validate, verify, sign, show and emit HireHive webhook events"};
    app.name("ats-hook");
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", ATS_HOOK_VERSION);
    app.footer(
        "Exit codes: 0 success; 1 invalid payload, no matching signature or failed delivery;\n"
        "2 usage error; 3 input unreadable or malformed; 4 timestamp outside tolerance;\n"
        "5 missing webhook header. See ats-hook(1).");

    cli::Commands commands;
    register_commands(app, commands, argc > 1 ? std::string_view(argv[1]) : std::string_view());

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line in the tool's own voice, and where to look; CLI11's codes never leak out.
        cli::print_error(e.what());
        fmt::print(stderr, "Run 'ats-hook --help' or 'ats-hook COMMAND --help'.\n");
        return cli::exit_code::usage;
    }

    for (const auto& command : commands) {
        if (!command.app->parsed()) continue;
        try {
            return command.run();
        } catch (const atshook::Error& e) {
            cli::print_error(e.what());
            return cli::exit_code::for_error(e.kind());
        }
    }
    // No command: what the tool does and its commands, as git and openssl do.
    fmt::print(stderr, "{}", app.help());
    return cli::exit_code::usage;
}

} // namespace

int main(int argc, char** argv) {
    std::set_terminate(report_internal_error);
    try {
        return run(argc, argv);
    } catch (const std::bad_alloc&) {
        cli::print_error("out of memory");
        return cli::exit_code::bad_input;
    } catch (const std::exception& e) {
        cli::print_error(std::string("internal error: ") + e.what() +
                         "; please report it with the command you ran");
        return cli::exit_code::bad_input;
    }
}
