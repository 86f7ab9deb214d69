#include "cli/command.hpp"

namespace cli {

// Placeholder until the issue for `ats-hook verify` lands; not registered as a subcommand.
void add_verify_command(CLI::App&, Commands&) {}

} // namespace cli
