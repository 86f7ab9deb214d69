#pragma once
// --overlay FILE and ATS_HOOK_OVERLAY, for every command that validates or prints a schema.
#include "atshook/overlay/overlay_set.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace cli {

// Registers --overlay FILE (repeatable, applied in order) on `command`.
CLI::Option* add_overlay_option(CLI::App& command, std::vector<std::string>& files);

// The overlays --overlay names, or else those ATS_HOOK_OVERLAY names (files separated by ':',
// empty entries ignored), read, parsed and checked against every event; null when there are
// none. Throws atshook::Error (exit 3) naming the file and the action.
std::shared_ptr<const atshook::overlay::OverlaySet>
load_overlays(const std::vector<std::string>& files);

} // namespace cli
