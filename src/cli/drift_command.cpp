#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/learn/corpus.hpp"
#include "atshook/learn/drift.hpp"
#include "atshook/report/emitter.hpp"
#include "cli/color_option.hpp"
#include "cli/command.hpp"
#include "cli/corpus_input.hpp"
#include "cli/exit_code.hpp"
#include "cli/format_option.hpp"
#include "cli/raw_input.hpp"
#include "cli/report_output.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <memory>
#include <optional>

namespace cli {
namespace {

struct DriftCommandOptions {
    std::string before, after;
    std::string event;
    std::string format = "text";
    bool quiet = false;
    std::string color = "auto";
    CorpusChoices corpus; // --max-bytes, --jobs, --progress
};

int run_drift(const DriftCommandOptions& options) {
    require_stdin_once({{"OLD", options.before}, {"NEW", options.after}});
    if (!options.event.empty() && !atshook::find_event(options.event))
        throw atshook::Error("--event: " + atshook::unknown_event_message(options.event),
                             atshook::Error::Kind::usage);
    const atshook::learn::SchemaModels models;
    std::optional<atshook::learn::Profile> before, after;
    if (atshook::learn::is_profile_file(options.before)) before = read_profile(options.before);
    if (atshook::learn::is_profile_file(options.after)) after = read_profile(options.after);
    // A corpus is profiled as the profile it is compared with was made, so that both keep the
    // same values.
    CorpusChoices corpus = options.corpus;
    if (before || after) corpus.show_values = (before ? before : after)->show_values;
    if (!before) before = profile_inputs({options.before}, corpus, models, "drift", options.quiet);
    if (!after) after = profile_inputs({options.after}, corpus, models, "drift", options.quiet);
    atshook::learn::require_comparable(*before, input_name(options.before), *after,
                                       input_name(options.after));
    for (const auto& [path, profile] :
         {std::pair{&options.before, &*before}, std::pair{&options.after, &*after}})
        if (profile->documents == 0)
            throw atshook::Error(fmt::format("{}: no documents to compare", input_name(*path)));
    const atshook::learn::Drift drift = atshook::learn::compare(*before, *after, options.event);
    if (!options.quiet) {
        const auto emitter = make_command_emitter(options.format, options.color, "drift");
        std::string text;
        emitter->drift(text, {drift});
        std::fwrite(text.data(), 1, text.size(), stdout);
    }
    return drift.breaking() ? exit_code::failed : exit_code::ok;
}

} // namespace

void add_drift_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<DriftCommandOptions>();
    CLI::App* app = root.add_subcommand(
        "drift", "Report what changed in the sender's payloads between two periods, each change "
                 "breaking or additive");
    app->add_option("OLD", options->before,
                    "The earlier period: a profile (learn --save-profile), or payloads, NDJSON "
                    "logs, request files or a directory of them; - reads stdin")
        ->type_name("PATH")
        ->required();
    app->add_option("NEW", options->after, "The later period, as OLD")
        ->type_name("PATH")
        ->required();
    app->add_option("--event", options->event, "Compare only this event type")->type_name("TYPE");
    app->add_option("--format", options->format,
                    "Output: text (default) or json (one record per line)")
        ->check(format_check(atshook::report::Subject::drift));
    app->add_flag("-q,--quiet", options->quiet, "Print nothing; the exit code says it all");
    add_color_option(*app, options->color);
    add_corpus_options(*app, options->corpus);
    app->footer("Exit codes: 0 no breaking change; 1 a breaking change; 2 usage error;\n"
                "3 input unreadable, a profile that is not one, or profiles that cannot be "
                "compared.");
    commands.push_back({app, [options] { return run_drift(*options); }});
}

} // namespace cli
