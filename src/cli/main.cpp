#include "atshook/error.hpp"
#include "cli/command.hpp"
#include "cli/exit_code.hpp"

#include <fmt/core.h>

#include <cstdio>

int main(int argc, char** argv) {
    CLI::App app{"ats-hook: validate, verify, sign, show and emit HireHive webhook events"};
    app.name("ats-hook");
    app.require_subcommand(1);
    app.set_version_flag("--version", ATS_HOOK_VERSION);
    app.footer(
        "Exit codes: 0 success; 1 invalid payload, no matching signature or failed delivery;\n"
        "2 usage error; 3 input unreadable or malformed; 4 timestamp outside tolerance;\n"
        "5 missing webhook header. See ats-hook(1).");

    cli::Commands commands;
    cli::add_validate_command(app, commands);
    cli::add_events_command(app, commands);
    cli::add_schema_command(app, commands);
    cli::add_verify_command(app, commands);
    cli::add_sign_command(app, commands);
    cli::add_keygen_command(app, commands);
    cli::add_show_command(app, commands);
    cli::add_emit_command(app, commands);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line in the tool's own voice, and where to look; CLI11's codes never leak out.
        fmt::print(stderr,
                   "ats-hook: error: {}\nRun 'ats-hook --help' or 'ats-hook COMMAND --help'.\n",
                   e.what());
        return cli::exit_code::usage;
    }

    for (const auto& command : commands) {
        if (!command.app->parsed()) continue;
        try {
            return command.run();
        } catch (const atshook::Error& e) {
            std::fflush(stdout);
            fmt::print(stderr, "ats-hook: error: {}\n", e.what());
            return cli::exit_code::for_error(e.kind());
        }
    }
    return cli::exit_code::usage;
}
