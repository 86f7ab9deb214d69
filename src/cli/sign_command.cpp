#include "cli/command.hpp"

namespace cli {

// Placeholder until the issue for `ats-hook sign` lands; not registered as a subcommand.
void add_sign_command(CLI::App&, Commands&) {}

} // namespace cli
