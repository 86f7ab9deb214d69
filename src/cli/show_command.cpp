#include "cli/command.hpp"

namespace cli {

// Placeholder until the issue for `ats-hook show` lands; not registered as a subcommand.
void add_show_command(CLI::App&, Commands&) {}

} // namespace cli
