#include "cli/command.hpp"

namespace cli {

// Placeholder until the issue for `ats-hook keygen` lands; not registered as a subcommand.
void add_keygen_command(CLI::App&, Commands&) {}

} // namespace cli
