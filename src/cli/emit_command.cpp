#include "atshook/error.hpp"
#include "atshook/report/emitter.hpp"
#include "atshook/sample/event_stream.hpp"
#include "atshook/signature/sign.hpp"
#include "cli/command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/emit_output.hpp"
#include "cli/exit_code.hpp"
#include "cli/progress.hpp"
#include "cli/secret_source.hpp"
#include "cli/send_events.hpp"
#include "cli/time_option.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <random>

namespace cli {
namespace {

namespace sample = atshook::sample;

// Without --progress, writing this many events gets a status line on a terminal.
constexpr std::uint64_t k_many_events = 1000;

struct EmitOptions {
    std::vector<std::string> types;
    std::optional<std::uint64_t> seed;
    std::uint64_t count = 1;
    std::string at;
    std::string envelope = "data-object";
    std::vector<std::string> sets;
    std::vector<std::string> unsets;
    std::string from;
    bool allow_invalid = false;
    std::string format = "json";
    std::string url = "http://localhost:8080/webhooks/hirehive";
    bool sign = false;
    SecretOptions secrets;
    std::string timestamp;
    std::string send;
    bool sends = false; // --send was given, even as "" (an unset variable): refused as a URL
    SendOptions sending;
    std::string scenario; // "hiring"
    std::size_t candidates = 5;
    atshook::ProgressChoice progress = atshook::ProgressChoice::automatic;
};

// The stream's options from the command's.
atshook::sample::StreamOptions stream_options(const EmitOptions& options) {
    return {options.types,
            options.count,
            options.at,
            options.envelope,
            options.sets,
            options.unsets,
            options.from,
            options.allow_invalid,
            options.scenario,
            options.candidates,
            options.sends && !options.sending.duration.empty()};
}

int run_emit(EmitOptions& options) {
    const std::uint64_t seed = options.seed ? *options.seed : std::random_device{}();
    options.sending.seed = seed;
    sample::EventStream stream(stream_options(options), seed);
    // An invalid event's findings go to stderr as it comes.
    const std::shared_ptr<const atshook::report::Emitter> text =
        atshook::report::make_text_emitter(false);
    stream.on_invalid([text](const sample::InvalidEvent& invalid) {
        std::string report;
        auto document = atshook::report::document_report(invalid.name, {invalid.body, 0, false},
                                                         invalid.result);
        document.in_file = false; // the event was made here: its lines are nobody's
        text->document(report, document);
        const ProgressPause pause(stderr);
        std::fflush(stdout);
        std::fputs(report.c_str(), stderr);
    });
    const NextEvent events = [&stream]() -> std::optional<EmittedEvent> {
        auto event = stream.next();
        if (!event) return std::nullopt;
        return EmittedEvent{std::move(event->type), std::move(event->id), std::move(event->body),
                            std::nullopt};
    };
    // After the stream ended: the exit code its invalid events give, and what to say of them.
    const auto finish = [&stream] {
        const auto closing = stream.closing();
        if (!closing) return exit_code::ok;
        if (!closing->error) {
            print_warning(closing->message);
            return exit_code::ok;
        }
        print_error(closing->message);
        return exit_code::failed;
    };
    const bool signs =
        options.sign || options.sends || options.format == "http" || options.format == "curl";
    std::shared_ptr<LoadedSecrets> secrets;
    if (signs) secrets = std::make_shared<LoadedSecrets>(load_secrets(options.secrets));
    const atshook::delivery::Signer signer = secrets ? make_signer(secrets) : nullptr;
    if (options.sends) {
        options.sending.progress = options.progress;
        const int sent =
            send_events(events, stream.total(), options.send, "--send", secrets, options.sending);
        return std::max(sent, finish());
    }
    ProgressLine progress(options.progress, false,
                          {"emit", false, stream.total(), "events", std::nullopt, k_many_events});
    const NextEvent next = [&events, &progress] {
        auto event = events();
        if (event) progress.add(1);
        return event;
    };
    print_events(next, {options.format, options.url, signer,
                        signs ? unix_seconds_option(options.timestamp, "--timestamp") : 0});
    progress.finish();
    return finish();
}

} // namespace

void add_emit_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<EmitOptions>();
    CLI::App* app = root.add_subcommand(
        "emit", "Write realistic, valid HireHive test events, optionally signed, or send them");
    app->add_option("TYPE", options->types, "Event types; all = one of each of the 19")
        ->type_name("TYPE|all");
    app->add_option("--seed", options->seed,
                    "Random seed; the same seed and --at give the same bytes (default: random)")
        ->check(CLI::Validator(
            [](const std::string& text) -> std::string {
                std::uint64_t value = 0;
                const auto [end, error] =
                    std::from_chars(text.data(), text.data() + text.size(), value);
                if (error == std::errc{} && end == text.data() + text.size()) return {};
                return "'" + text + "' is not a whole number from 0 to 18446744073709551615";
            },
            "N", "seed range"))
        ->type_name("N");
    app->add_option("--scenario", options->scenario,
                    "Instead of event types, a story whose ids and times agree: hiring (a job "
                    "opened, candidates applying, interviewed, rejected or hired)")
        ->check(CLI::IsMember({"hiring"}))
        ->type_name("hiring");
    app->add_option("--candidates", options->candidates,
                    "With --scenario: how many candidates apply (default 5, at most 2000)")
        ->check(CLI::Range(std::size_t{1}, sample::k_max_candidates))
        ->type_name("N");
    app->add_option("--count", options->count, "Events of each type (default 1)")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000}))
        ->type_name("N");
    app->add_option("--at", options->at, "Event time: Unix seconds or RFC 3339 (default: now)")
        ->type_name("TIME");
    app->add_option("--envelope", options->envelope,
                    "data-object (default): {id, version, type, timestamp, data: {object}}; "
                    "flat: {type, timestamp, data}")
        ->check(CLI::IsMember({"data-object", "flat"}))
        ->type_name("SHAPE");
    app->add_option("--set", options->sets,
                    "PATH=VALUE: set a field; PATH dotted (data.object.event.status) or a JSON "
                    "pointer; VALUE JSON, or a bare word taken as a string. Repeatable.")
        ->type_name("PATH=VALUE")
        ->allow_extra_args(false);
    app->add_option("--unset", options->unsets, "PATH: remove a field. Repeatable.")
        ->type_name("PATH")
        ->allow_extra_args(false);
    app->add_option("--from", options->from,
                    "Start from this payload (JSON or NDJSON; - = stdin) instead of TYPE")
        ->type_name("FILE");
    app->add_flag("--allow-invalid", options->allow_invalid,
                  "Write (or send) events even when they fail validation");
    app->add_option("--format", options->format,
                    "json (default; NDJSON for several events), ndjson, http (a request file "
                    "for verify --request), curl (a command); http and curl sign. With --send: "
                    "the summary as text, json or junit (a testcase per --check-handler check)")
        ->check(CLI::IsMember({"json", "ndjson", "http", "curl", "junit"}))
        ->type_name("FORMAT");
    app->add_option("--url", options->url,
                    "Where the http and curl formats send to (default "
                    "http://localhost:8080/webhooks/hirehive)")
        ->type_name("URL");
    app->add_flag("--sign", options->sign,
                  "Sign: json and ndjson then write {\"headers\": {...}, \"body\": \"...\"}");
    add_secret_options(*app, options->secrets);
    app->add_option("--timestamp", options->timestamp,
                    "The webhook-timestamp of the written signature (default: now)")
        ->type_name("UNIX|RFC3339");
    CLI::Option* send =
        app->add_option("--send", options->send,
                        "POST each event, signed, to URL; exit 0 only if every delivery got a 2xx")
            ->type_name("URL");
    add_send_options(*app, options->sending, send);
    add_check_options(*app, options->sending, send);
    add_progress_options(*app, options->progress);
    commands.push_back({app, [options, app] {
                            // With --send, --format json or junit asks for the summary so.
                            if (app->count("--format") > 0 &&
                                (options->format == "json" || options->format == "junit"))
                                options->sending.report = options->format;
                            if (options->format == "junit" && app->count("--send") == 0)
                                throw atshook::Error("--format junit reports a --send run (with "
                                                     "--check-handler, a testcase per check)",
                                                     atshook::Error::Kind::usage);
                            // The handler bench tells a story by default, so that its
                            // redeliveries and reorderings act on related events.
                            if (options->sending.check_handler && options->types.empty() &&
                                options->from.empty() && options->scenario.empty())
                                options->scenario = "hiring";
                            options->sends = app->count("--send") > 0;
                            if (app->count("--candidates") > 0 && options->scenario.empty())
                                throw atshook::Error("--candidates sets the size of a --scenario",
                                                     atshook::Error::Kind::usage);
                            return run_emit(*options);
                        }});
}

} // namespace cli
