#include "cli/command.hpp"

namespace cli {

// Placeholder until the issue for `ats-hook emit` lands; not registered as a subcommand.
void add_emit_command(CLI::App&, Commands&) {}

} // namespace cli
