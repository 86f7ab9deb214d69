#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/schema/store.hpp"
#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/overlay_option.hpp"

#include <fmt/core.h>

#include <memory>

namespace cli {
namespace {

struct SchemaOptions {
    std::string event;
    bool strict = false;
    std::vector<std::string> overlays;
};

int run_schema(const SchemaOptions& options) {
    using atshook::schema::Mode;
    const Mode mode = options.strict ? Mode::strict : Mode::lenient;
    const auto overlays = load_overlays(options.overlays);
    if (options.event.empty()) {
        // Overlays target one event's schema; the all-events schema shares its definitions
        // between events, where one event's correction would silently change the others.
        if (overlays)
            throw atshook::Error("an overlay (--overlay or ATS_HOOK_OVERLAY) corrects one event's "
                                 "schema: give the event TYPE, or clear ATS_HOOK_OVERLAY",
                                 atshook::Error::Kind::usage);
        fmt::print("{}\n", atshook::schema::export_all_events_schema(mode).dump(2));
        return exit_code::ok;
    }
    if (!atshook::find_event(options.event))
        throw atshook::Error(atshook::unknown_event_message(options.event),
                             atshook::Error::Kind::usage);
    fmt::print(
        "{}\n",
        overlays ? atshook::overlay::effective_event_schema(*overlays, options.event, mode).dump(2)
                 : atshook::schema::export_event_schema(options.event, mode).dump(2));
    return exit_code::ok;
}

} // namespace

void add_schema_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<SchemaOptions>();
    CLI::App* app = root.add_subcommand(
        "schema", "Print the JSON Schema (draft-07, self-contained) of an event type, or of "
                  "all events when no type is given");
    app->add_option("type", options->event, "Event type, e.g. interview.created")
        ->type_name("TYPE");
    app->add_flag("--strict", options->strict,
                  "The schema of --strict validation: every documented member required, null only "
                  "where documented");
    add_overlay_option(*app, options->overlays);
    commands.push_back({app, [options] { return run_schema(*options); }});
}

} // namespace cli
