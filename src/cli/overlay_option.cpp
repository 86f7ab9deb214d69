#include "cli/overlay_option.hpp"

#include "atshook/limits.hpp"
#include "cli/environment.hpp"
#include "cli/raw_input.hpp"

namespace cli {
namespace {

std::vector<std::string> split_paths(std::string_view list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t colon = std::min(list.find(':', start), list.size());
        if (colon > start) out.emplace_back(list.substr(start, colon - start));
        start = colon + 1;
    }
    return out;
}

} // namespace

CLI::Option* add_overlay_option(CLI::App& command, std::vector<std::string>& files) {
    return command
        .add_option("--overlay", files,
                    "Correct the schemas with this OpenAPI Overlay 1.0 file (repeatable, applied "
                    "in order; replaces ATS_HOOK_OVERLAY)")
        ->type_name("FILE")
        ->allow_extra_args(false);
}

std::shared_ptr<const atshook::overlay::OverlaySet>
load_overlays(const std::vector<std::string>& files) {
    std::vector<std::string> paths = files;
    if (paths.empty())
        if (const auto variable = environment_variable("ATS_HOOK_OVERLAY"))
            paths = split_paths(*variable);
    if (paths.empty()) return nullptr;
    std::vector<atshook::overlay::Overlay> overlays;
    for (const auto& path : paths)
        overlays.push_back(atshook::overlay::parse_overlay(
            read_raw_input(path, atshook::limits::k_overlay_bytes, "the overlay size limit"),
            input_name(path)));
    return atshook::overlay::OverlaySet::make(std::move(overlays));
}

} // namespace cli
