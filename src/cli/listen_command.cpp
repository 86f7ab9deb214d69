#include "atshook/error.hpp"
#include "atshook/input.hpp"
#include "atshook/limits.hpp"
#include "atshook/printable.hpp"
#include "atshook/receive/event_filter.hpp"
#include "atshook/receive/listen_tally.hpp"
#include "atshook/receive/receiver.hpp"
#include "atshook/render/render.hpp"
#include "atshook/report/emitter.hpp"
#include "atshook/view/event.hpp"
#include "cli/card_options.hpp"
#include "cli/command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"
#include "cli/format_option.hpp"
#include "cli/overlay_option.hpp"
#include "cli/raw_input.hpp"
#include "cli/secret_source.hpp"
#include "cli/report_output.hpp"

#include <fmt/core.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cli {
namespace {

namespace receive = atshook::receive;

struct ListenOptions {
    std::string host = "127.0.0.1";
    int port = 8000;
    std::string path = "/webhooks/hirehive";
    SecretOptions secrets;
    std::int64_t tolerance = 300;
    bool strict = false;
    bool reject_invalid = false;
    int respond = 0;
    std::size_t max_bytes = atshook::k_default_max_bytes;
    int read_timeout = 15;
    bool show = false;
    CardOptions card;
    std::string format = "text";
    std::string events;
    std::string forward_to;
    std::string save;
    bool fsync = false;
    std::vector<std::string> overlays;
    std::size_t count = 0;
};

// The signals that stop the listener, and SIGUSR1 that --count raises: blocked in every thread
// (the server's threads inherit the mask) and taken by sigwait in the main thread.
sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1);
    return set;
}

int run_listen(ListenOptions& options) {
    if (options.path.empty() || options.path.front() != '/')
        throw atshook::Error("--path must start with '/', as in /webhooks/hirehive",
                             atshook::Error::Kind::usage);
    if (options.respond != 0 && (options.respond < 100 || options.respond > 599))
        throw atshook::Error("--respond takes an HTTP status from 100 to 599",
                             atshook::Error::Kind::usage);
    if (options.fsync && options.save.empty())
        throw atshook::Error("--fsync makes --save durable; give --save DIR too",
                             atshook::Error::Kind::usage);
    const auto filter = receive::EventFilter::parse(options.events);
    const auto rendering = render_options(options.card);

    // Before any thread starts, so that every thread inherits the mask.
    const sigset_t signals = stop_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    // Warnings wait until after the "listening on" line; an error still gets them first.
    hold_warnings();
    struct ReleaseWarnings {
        ~ReleaseWarnings() { release_warnings(); }
    } release;
    const bool checked = secrets_given(options.secrets);
    LoadedSecrets loaded;
    if (checked) loaded = load_secrets(options.secrets);

    receive::ReceiverOptions settings;
    settings.judge.path = options.path;
    settings.judge.secrets = loaded.secrets;
    settings.judge.tolerance_seconds = options.tolerance;
    settings.judge.reject_invalid = options.reject_invalid;
    if (options.respond != 0) settings.judge.respond = options.respond;
    settings.judge.max_body_bytes = options.max_bytes;
    settings.validate.strictness =
        options.strict ? atshook::Strictness::strict : atshook::Strictness::lenient;
    settings.validate.overlays = load_overlays(options.overlays);
    settings.forward_to = options.forward_to;
    std::unique_ptr<receive::CaptureStore> store;
    if (!options.save.empty())
        store = std::make_unique<receive::CaptureStore>(options.save, options.fsync);
    settings.store = store.get();

    std::mutex output;
    receive::ListenTally tally;
    struct stat out_stat {};
    const bool flush_each_line =
        isatty(STDOUT_FILENO) == 1 || (fstat(STDOUT_FILENO, &out_stat) == 0 &&
                                       (S_ISFIFO(out_stat.st_mode) || S_ISSOCK(out_stat.st_mode)));
    auto last_flush = std::chrono::steady_clock::now();
    const auto emitter = make_command_emitter(options.format, "never", "listen");
    const atshook::report::VerifyContext context{loaded.origins, options.tolerance, false};
    const auto report = [&](const receive::DeliveryReport& delivery) {
        std::string text;
        const bool shown = delivery.type.empty() || filter.shows(delivery.type);
        if (shown) emitter->delivery(text, {delivery, context});
        if (shown && options.format == "text" && options.show && !delivery.type.empty()) {
            try {
                const auto event = atshook::view::read_event(delivery.request->body);
                const auto* findings =
                    delivery.judgement.payload ? &delivery.judgement.payload->findings : nullptr;
                text += atshook::render::render_event(event, rendering, findings);
            } catch (const atshook::Error& e) {
                text += "  (no card: " + atshook::printable(e.what()) + ")\n";
            }
        }
        const std::lock_guard lock(output);
        tally.add(delivery, options.reject_invalid);
        std::fwrite(text.data(), 1, text.size(), stdout);
        // A terminal or a pipe reads each line as it comes; a file (or /dev/null) gets them at
        // most 100 ms late, which spares a write per delivery under load.
        const auto now = std::chrono::steady_clock::now();
        if (flush_each_line || now - last_flush > std::chrono::milliseconds{100}) {
            std::fflush(stdout);
            last_flush = now;
        }
    };
    const auto finished = [&](std::size_t done) {
        if (options.count > 0 && done == options.count) ::kill(::getpid(), SIGUSR1);
    };
    receive::Receiver receiver(settings, report, finished);

    receive::ServerOptions server_options;
    server_options.host = options.host;
    server_options.port = static_cast<std::uint16_t>(options.port);
    server_options.read_timeout = std::chrono::seconds{options.read_timeout};
    server_options.max_body_bytes = options.max_bytes;
    // A delivery being saved waits suspended, holding up no pool thread, so two do for both
    // cores. Forwarding can wait for seconds on the developer's handler: a thread per connection.
    server_options.threads = 2;
    server_options.thread_per_connection = !options.forward_to.empty();
    receive::HttpServer server(server_options, receiver);

    fmt::print(stderr, "listening on http://{}:{}{}\n", server.url_host(), server.port(),
               options.path);
    release_warnings();
    if (!checked)
        print_warning("no secret given (--secret-file, ATS_HOOK_SECRET or --secret): signatures "
                      "are NOT checked and every delivery is accepted");
    std::fflush(stderr);

    int signal = 0;
    sigwait(&signals, &signal);
    server.stop(std::chrono::seconds{10});
    store.reset(); // every file written before the summary
    const std::lock_guard lock(output);
    std::fflush(stdout);
    std::string summary;
    atshook::report::make_text_emitter(false)->deliveries_end(summary, tally);
    std::fputs(summary.c_str(), stderr);
    if (options.count == 0) return exit_code::ok;
    return signal == SIGUSR1 && tally.good >= options.count && tally.good == tally.received
               ? exit_code::ok
               : exit_code::failed;
}

} // namespace

void add_listen_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<ListenOptions>();
    CLI::App* app = root.add_subcommand(
        "listen", "Receive live deliveries: verify, validate, show, keep and forward each one");
    app->add_option("--host", options->host,
                    "Address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every interface)")
        ->type_name("HOST");
    app->add_option("--port", options->port, "Port to listen on (default 8000; 0: any free port)")
        ->check(CLI::Range(0, 65535))
        ->type_name("PORT");
    app->add_option("--path", options->path,
                    "The path deliveries are POSTed to (default /webhooks/hirehive); others get "
                    "404")
        ->type_name("PATH");
    add_secret_options(*app, options->secrets);
    app->add_option("--tolerance", options->tolerance,
                    "Accept timestamps this many seconds before or after now (default 300)")
        ->check(CLI::NonNegativeNumber)
        ->type_name("SECONDS");
    app->add_flag("--strict", options->strict,
                  "Validate payloads strictly: every documented field present, unknown fields "
                  "are errors");
    app->add_flag("--reject-invalid", options->reject_invalid,
                  "Answer 400 to a payload with schema errors (default: 2xx, the finding shown)");
    app->add_option("--respond", options->respond,
                    "Answer every delivery with this status, to watch how a sender retries")
        ->type_name("CODE");
    add_max_bytes_option(*app, options->max_bytes);
    app->add_option("--read-timeout", options->read_timeout,
                    "Drop a connection idle this many seconds mid-request (default 15)")
        ->check(CLI::Range(1, 3600))
        ->type_name("SECONDS");
    app->add_flag("--show", options->show,
                  "Draw each delivery's event as a card under its line, as `show` does");
    add_card_options(*app, options->card);
    app->add_option("--format", options->format,
                    "text (default: a line per delivery) or json (an object per line, NDJSON)")
        ->check(format_check(atshook::report::Subject::deliveries))
        ->type_name("text|json");
    app->add_option("--events", options->events,
                    "Show only these types: a comma-separated list, prefix globs such as "
                    "interview.* allowed")
        ->type_name("TYPE,...");
    add_overlay_option(*app, options->overlays);
    app->add_option("--forward-to", options->forward_to,
                    "Pass each delivery on to your handler, exact bytes and headers, and answer "
                    "the sender with its status")
        ->type_name("URL");
    app->add_option("--save", options->save,
                    "Keep every delivery as a request file in DIR before answering it")
        ->type_name("DIR");
    app->add_flag("--fsync", options->fsync,
                  "With --save, make each file durable on disk before answering (group commit)");
    app->add_option("--count", options->count,
                    "Stop after N deliveries; exit 0 if all verified (and with --reject-invalid "
                    "were valid), else 1")
        ->check(CLI::PositiveNumber)
        ->type_name("N");
    app->footer("Exit codes: 0 stopped by Ctrl-C or SIGTERM, or with --count all N deliveries "
                "verified;\n1 with --count, a delivery that did not verify (or was invalid, "
                "with --reject-invalid),\nor stopped before N; 2 usage error; 3 a port that cannot "
                "be bound, an "
                "unreadable\nsecret, --save directory or --overlay.");
    commands.push_back({app, [options] { return run_listen(*options); }});
}

} // namespace cli
