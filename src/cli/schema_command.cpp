#include "cli/command.hpp"

namespace cli {

void add_schema_command(CLI::App&, Commands&) {}

} // namespace cli
