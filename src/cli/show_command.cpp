#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/input.hpp"
#include "atshook/render/render.hpp"
#include "atshook/render/terminal.hpp"
#include "atshook/validation.hpp"
#include "atshook/view/event.hpp"
#include "cli/card_options.hpp"
#include "cli/command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"
#include "cli/overlay_option.hpp"
#include "cli/progress.hpp"

#include <fmt/core.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace cli {
namespace {

namespace render = atshook::render;

struct ShowOptions {
    std::vector<std::string> files;
    CardOptions card;
    bool check = false;
    std::vector<std::string> overlays;
    atshook::ProgressChoice progress = atshook::ProgressChoice::automatic;
};

int run_show(const ShowOptions& options) {
    const auto rendering = render_options(options.card);
    atshook::view::EventReader reader;
    std::unique_ptr<atshook::Validator> validator;
    if (options.check) {
        atshook::ValidateOptions validate;
        validate.overlays = load_overlays(options.overlays);
        validator = std::make_unique<atshook::Validator>(validate);
    }
    const std::string separator = rendering.format == render::Format::text       ? "\n"
                                  : rendering.format == render::Format::markdown ? "\n---\n\n"
                                                                                 : "";
    bool unreadable = false, invalid = false, first = true;
    const auto files = options.files.empty() ? std::vector<std::string>{"-"} : options.files;
    ProgressLine progress(options.progress, false,
                          {"show", true, input_size(files), "documents", std::nullopt,
                           atshook::k_progress_large_input});
    for (const auto& file : files) {
        try {
            atshook::InputReader input(file);
            atshook::Chunk chunk;
            while (input.next(chunk)) {
                std::uint64_t counted = 0; // of chunk.input_bytes: cards are slow to make
                for (const auto& document : chunk.documents) {
                    const std::uint64_t step = std::min<std::uint64_t>(document.bytes.size() + 1,
                                                                       chunk.input_bytes - counted);
                    const std::string source =
                        document.line ? fmt::format("{}:{}", input.source(), document.line)
                                      : input.source();
                    try {
                        if (document.too_large)
                            throw atshook::Error(fmt::format("{}: larger than {} bytes", source,
                                                             atshook::k_default_max_bytes));
                        // A request file (listen --save, emit --format http): its body.
                        std::optional<atshook::HttpRequest> request;
                        if (document.line == 0 && atshook::starts_like_http_request(document.bytes))
                            request = atshook::parse_http_request(document.bytes, source);
                        const std::string_view payload =
                            request ? std::string_view(request->body) : document.bytes;
                        const auto event = reader.read(payload, source);
                        std::optional<atshook::Findings> findings;
                        if (validator) {
                            auto result = validator->validate(payload);
                            invalid = invalid || !result.ok();
                            findings = std::move(result.findings);
                        }
                        const std::string card =
                            render::render_event(event, rendering, findings ? &*findings : nullptr);
                        const ProgressPause pause(stdout);
                        if (!first) std::fputs(separator.c_str(), stdout);
                        std::fwrite(card.data(), 1, card.size(), stdout);
                        first = false;
                    } catch (const atshook::Error& e) {
                        // One bad payload in a log must not hide the others: report, go on.
                        print_error(e.what());
                        unreadable = true;
                    }
                    progress.add(step, 1);
                    counted += step;
                }
                progress.add(chunk.input_bytes - counted); // blank lines, the rest of long ones
            }
        } catch (const atshook::Error& e) {
            print_error(e.what());
            unreadable = true;
        }
    }
    if (unreadable) return exit_code::bad_input;
    return invalid ? exit_code::failed : exit_code::ok;
}

} // namespace

void add_show_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<ShowOptions>();
    CLI::App* app = root.add_subcommand(
        "show", "Show events readably: interviews with their attendees, jobs, applications, ...");
    app->add_option("files", options->files,
                    "JSON payloads, NDJSON logs (one card per line) or request files (as listen "
                    "saves them); none or - reads stdin")
        ->type_name("FILE");
    app->add_option("--format", options->card.format,
                    "text (default, a card), json (the normalised view, one object per line) or "
                    "markdown (for tickets)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    add_card_options(*app, options->card);
    auto* check = app->add_flag("--check", options->check,
                                "Validate each payload too and list the findings under its card");
    add_overlay_option(*app, options->overlays)->needs(check);
    add_progress_options(*app, options->progress);
    app->footer("Exit codes: 0 shown; 1 with --check, some payload invalid; 2 usage error;\n"
                "3 input unreadable or not a HireHive event (the other inputs are still shown),\n"
                "or a bad --overlay.");
    commands.push_back({app, [options] { return run_show(*options); }});
}

} // namespace cli
