#include "atshook/error.hpp"
#include "atshook/learn/judgement.hpp"
#include "atshook/learn/overlay_writer.hpp"
#include "atshook/learn/profile_file.hpp"
#include "atshook/report/emitter.hpp"
#include "atshook/schema/store.hpp"
#include "cli/color_option.hpp"
#include "cli/command.hpp"
#include "cli/corpus_input.hpp"
#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"
#include "cli/format_option.hpp"
#include "cli/output_file.hpp"
#include "cli/overlay_option.hpp"
#include "cli/first_places.hpp"
#include "cli/report_output.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <memory>
#include <optional>

namespace cli {
namespace {

struct LearnCommandOptions {
    std::vector<std::string> inputs;
    bool merge = false;
    CorpusChoices corpus; // --event, --show-values, --max-bytes, --jobs, --progress
    std::string save_profile;
    std::string write_overlay;
    bool accept_deviations = false;
    bool tighten = false;
    bool facts = false;
    std::string format = "text";
    bool quiet = false;
    std::string color = "auto";
    std::vector<std::string> overlays;
};

atshook::learn::Profile merge_profiles(const std::vector<std::string>& files) {
    if (files.empty()) throw atshook::Error("--merge: name the profiles to merge", atshook::Error::Kind::usage);
    std::optional<atshook::learn::Profile> out;
    for (const std::string& file : files) {
        atshook::learn::Profile profile = read_profile(file);
        if (!out) out = std::move(profile);
        else out->merge(profile);
    }
    return std::move(*out);
}

int run_learn(const LearnCommandOptions& options) {
    // Profiles are made against the shipped schemas (which values a pointer keeps depends on
    // them), so that they merge whatever overlays were given; the evidence is held against the
    // schemas corrected by the overlays.
    const atshook::learn::SchemaModels models;
    const auto overlays = load_overlays(options.overlays);
    const std::optional<atshook::learn::SchemaModels> corrected =
        overlays ? std::optional<atshook::learn::SchemaModels>(
                       std::in_place, [&overlays](std::string_view event) {
                           return overlays->apply(atshook::schema::export_event_schema(
                               event, atshook::schema::Mode::standard));
                       })
                 : std::nullopt;
    const atshook::learn::SchemaModels& judged = corrected ? *corrected : models;
    const std::string version = atshook::schema::schema_version();
    atshook::learn::Profile profile;
    if (options.merge) {
        if (!options.corpus.forced_event.empty() || options.corpus.show_values)
            throw atshook::Error("--merge reads profiles: --event and --show-values apply when "
                                 "they are made",
                                 atshook::Error::Kind::usage);
        profile = merge_profiles(options.inputs);
        if (profile.schema_version != version)
            throw atshook::Error(fmt::format(
                "the profiles were made for schema version {}; this ats-hook has {}: learn them "
                "again with this ats-hook",
                profile.schema_version, version));
    } else {
        profile = profile_inputs(options.inputs.empty() ? std::vector<std::string>{"-"}
                                                        : options.inputs,
                                 options.corpus, models, "learn", options.quiet);
    }
    if (profile.documents == profile.unreadable.count && !options.merge) {
        if (!options.quiet)
            print_error(profile.documents == 0
                            ? std::string("no input: every file was empty")
                            : fmt::format("no JSON payload in the input: {} unreadable (the first: {})",
                                          profile.documents,
                                          atshook::learn::to_string(profile.unreadable.first)));
        return exit_code::bad_input;
    }
    const atshook::learn::Judgement judgement = atshook::learn::judge(profile, judged);
    if (!options.save_profile.empty())
        write_output_file(options.save_profile, atshook::learn::profile_json(profile));
    if (!options.write_overlay.empty()) {
        atshook::learn::OverlayChoices choices;
        choices.accept_deviations = options.accept_deviations;
        choices.tighten = options.tighten;
        const std::string overlay = atshook::learn::overlay_json(judgement, profile, judged, choices);
        if (overlay.empty()) {
            if (!options.quiet)
                print_error(fmt::format(
                    "nothing to correct{}: {} not written", options.accept_deviations
                        ? std::string()
                        : " in facts that no documented event type shares (--accept-deviations "
                          "loosens documented facts too)",
                    options.write_overlay));
        } else {
            write_output_file(options.write_overlay, overlay);
        }
    }
    if (!options.quiet && options.save_profile != "-" && options.write_overlay != "-") {
        const auto emitter = make_command_emitter(options.format, options.color, "learn");
        std::string text;
        atshook::report::LearnReport report{profile, judgement, judged, options.facts};
        std::optional<FirstPlaces> places; // the CI formats point at the value
        if (options.format != "text" && options.format != "json") {
            places.emplace(judgement, options.corpus.max_bytes);
            report.locate = [&places](const atshook::learn::Location& place) {
                return places->region(place);
            };
        }
        emitter->learning(text, report);
        std::fwrite(text.data(), 1, text.size(), stdout);
    }
    return exit_code::ok;
}

} // namespace

void add_learn_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<LearnCommandOptions>();
    CLI::App* app = root.add_subcommand(
        "learn", "Profile real deliveries and hold them against the schemas; write a profile or "
                 "an overlay that corrects the schemas");
    app->add_option("inputs", options->inputs,
                    "Payloads, NDJSON logs, request files or directories of them (listen --save); "
                    "none or - reads stdin; with --merge, profiles")
        ->type_name("PATH");
    app->add_flag("--merge", options->merge,
                  "The inputs are profiles (--save-profile) to combine into one");
    app->add_option("--event", options->corpus.forced_event,
                    "Profile every payload as this event type instead of its `type`")
        ->type_name("TYPE");
    app->add_flag("--show-values", options->corpus.show_values,
                  "Keep and show examples of every value (names, emails, notes too); by default "
                  "only enums, identifiers, id prefixes and formats");
    app->add_option("--save-profile", options->save_profile,
                    "Write the counters as a profile (JSON) to FILE (- for stdout)")
        ->type_name("FILE");
    app->add_option("--write-overlay", options->write_overlay,
                    "Write the corrections as an OpenAPI Overlay 1.0 document to FILE (- for "
                    "stdout)")
        ->type_name("FILE");
    app->add_flag("--accept-deviations", options->accept_deviations,
                  "With --write-overlay: also loosen documented facts the traffic contradicts");
    app->add_flag("--tighten", options->tighten,
                  "With --write-overlay: also write what the evidence proves (members always "
                  "present become required, enum-like strings get their enum)");
    app->add_flag("--facts", options->facts,
                  "Text: also list every field of the schemas with its state");
    app->add_option("--format", options->format, "Output: text (default) or json (one record per line)")
        ->check(format_check(atshook::report::Subject::learning));
    app->add_flag("-q,--quiet", options->quiet, "Print no report (files are still written)");
    add_color_option(*app, options->color);
    add_corpus_options(*app, options->corpus);
    add_overlay_option(*app, options->overlays);
    app->footer("Exit codes: 0 profiled (findings do not change it); 2 usage error;\n"
                "3 input unreadable, or a profile that is not one.");
    commands.push_back({app, [options] { return run_learn(*options); }});
}

} // namespace cli
