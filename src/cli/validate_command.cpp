#include "atshook/batch_validation.hpp"
#include "atshook/error.hpp"
#include "atshook/report/report_stream.hpp"
#include "cli/color_option.hpp"
#include "cli/command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"
#include "cli/format_option.hpp"
#include "cli/input_paths.hpp"
#include "cli/overlay_option.hpp"
#include "cli/progress.hpp"
#include "cli/raw_input.hpp"
#include "cli/report_output.hpp"

#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

namespace cli {
namespace {

struct ValidateOptions {
    std::vector<std::string> files;
    std::string event;
    bool strict = false;
    std::vector<std::string> overlays;
    std::string format = "text";
    bool quiet = false;
    std::string color = "auto";
    std::size_t max_bytes = atshook::k_default_max_bytes;
    unsigned jobs = 0;
    atshook::ProgressChoice progress = atshook::ProgressChoice::automatic;
};

int run_validate(const ValidateOptions& options) {
    atshook::ValidateOptions validate;
    validate.strictness =
        options.strict ? atshook::Strictness::strict : atshook::Strictness::lenient;
    validate.forced_event = options.event;
    validate.overlays = load_overlays(options.overlays); // a bad overlay stops before any input
    atshook::Validator check_options(validate); // a bad --event is a usage error before any input

    const auto emitter = options.quiet ? nullptr
                                       : make_command_emitter(options.format, options.color,
                                                              "validate");
    const auto write = [](std::string_view text) {
        if (text.empty()) return;
        const ProgressPause pause(stdout);
        std::fwrite(text.data(), 1, text.size(), stdout);
    };
    std::optional<atshook::report::ReportStream> stream;
    if (emitter) stream.emplace(*emitter, write);
    const unsigned jobs =
        options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    const std::vector<std::string> files =
        options.files.empty() ? std::vector<std::string>{"-"}
                              : files_named(options.files, {".json", ".ndjson", ".jsonl"});

    ProgressLine progress(options.progress, options.quiet,
                          {"validate", true, input_size(files), "documents", std::nullopt,
                           atshook::k_progress_large_input});
    atshook::report::Tally total;
    bool unopenable = false;
    for (const auto& file : files) {
        const std::string source = file == "-" ? "<stdin>" : file;
        try {
            atshook::InputReader reader(file, options.max_bytes);
            atshook::validate_input(reader, validate, emitter.get(), jobs, options.max_bytes,
                                    [&](const atshook::ChunkReport& report) {
                                        if (stream) stream->records(report.text, report.tally);
                                        total.add(report.tally);
                                        progress.add(report.input_bytes, report.tally.documents);
                                    });
        } catch (const atshook::Error& e) {
            std::fflush(stdout);
            if (stream) { // scripts see every input in the output
                std::string text;
                emitter->unopenable(text, source, e.what());
                atshook::report::Tally unread;
                unread.documents = unread.unreadable = unread.errors = 1;
                stream->records(text, unread);
            }
            if (!options.quiet) print_error(e.what());
            unopenable = true;
        }
        if (stream) stream->end_input(source);
    }
    progress.finish();
    if (stream) {
        stream->finish(total);
        write_job_summary(*emitter, total);
    }
    if (unopenable || total.unreadable) return exit_code::bad_input;
    if (total.documents == 0) {
        if (!options.quiet) print_error("no input: every file was empty");
        return exit_code::bad_input;
    }
    return total.invalid ? exit_code::failed : exit_code::ok;
}

} // namespace

void add_validate_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<ValidateOptions>();
    CLI::App* app =
        root.add_subcommand("validate", "Check payloads against the schema of their event type");
    app->add_option("files", options->files,
                    "JSON payloads or NDJSON logs (one event per line), or directories of "
                    ".json, .ndjson and .jsonl files; none or - reads stdin")
        ->type_name("FILE");
    app->add_option("--event", options->event,
                    "Validate as this event type instead of the payload's `type`")
        ->type_name("TYPE");
    app->add_flag("--strict", options->strict,
                  "Every documented field present, null only where documented, unknown fields "
                  "are errors");
    add_overlay_option(*app, options->overlays);
    app->add_option("--format", options->format,
                    "Output: text (default), json (one object per line), github (workflow "
                    "annotations), gitlab (Code Quality), junit or sarif")
        ->check(format_check(atshook::report::Subject::documents));
    app->add_flag("-q,--quiet", options->quiet, "Print nothing; report through the exit code only");
    add_color_option(*app, options->color);
    add_max_bytes_option(*app, options->max_bytes);
    app->add_option(
        "-j,--jobs", options->jobs,
        "Threads for large NDJSON inputs (default: all cores); output keeps input order");
    add_progress_options(*app, options->progress);
    app->footer("Exit codes: 0 all valid; 1 some payload invalid; 2 usage error;\n"
                "3 input unreadable or not JSON, or a bad --overlay.");
    commands.push_back({app, [options] { return run_validate(*options); }});
}

} // namespace cli
