#include "cli/command.hpp"

namespace cli {

void add_events_command(CLI::App&, Commands&) {}

} // namespace cli
