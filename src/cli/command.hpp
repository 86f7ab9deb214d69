#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace cli {

// A subcommand: registered with CLI11 by its add_* function, run by main once parsing is done.
// The run function returns the exit code; errors it cannot handle it throws as atshook::Error.
struct Command {
    CLI::App* app;
    std::function<int()> run;
};
using Commands = std::vector<Command>;

void add_validate_command(CLI::App& root, Commands& commands);
void add_events_command(CLI::App& root, Commands& commands);
void add_schema_command(CLI::App& root, Commands& commands);
void add_verify_command(CLI::App& root, Commands& commands);
void add_sign_command(CLI::App& root, Commands& commands);
void add_keygen_command(CLI::App& root, Commands& commands);
void add_show_command(CLI::App& root, Commands& commands);
void add_emit_command(CLI::App& root, Commands& commands);
void add_listen_command(CLI::App& root, Commands& commands);
void add_replay_command(CLI::App& root, Commands& commands);
void add_learn_command(CLI::App& root, Commands& commands);
void add_drift_command(CLI::App& root, Commands& commands);
// Last: it reads every command registered before it.
void add_completion_command(CLI::App& root, Commands& commands);

} // namespace cli
