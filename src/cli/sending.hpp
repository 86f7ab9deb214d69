#pragma once
// How emit --send and replay deliver: the options they share, signing, the run and its report.
#include "atshook/delivery/delivery.hpp"
#include "atshook/progress.hpp"
#include "cli/emit_output.hpp"
#include "cli/secret_source.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

namespace cli {

struct SendOptions {
    int retries = 0;
    double retry_scale = 1.0;
    double timeout = 15.0; // seconds
    unsigned concurrency = 1;
    double rate = 0;            // deliveries per second; 0: as fast as answered
    std::string duration;       // "30s", "2m", "500ms": keep sending this long (events repeat)
    bool verbose = false;       // a line per attempt even for many deliveries
    bool json = false;          // the summary as one JSON object (emit --format json)
    std::string save;           // keep each request sent (first attempt) as a request file here
    bool check_handler = false; // mix in behaviour checks and judge the answers
    double check_ratio = 0.25;  // a check after this share of the plain deliveries
    std::uint64_t seed = 0;     // for the mix of checks
    // A status line on stderr while sending: emit and replay set it from --progress.
    atshook::ProgressChoice progress = atshook::ProgressChoice::never;
};

// Registers --retries, --retry-scale, --timeout, --concurrency, --rate, --duration, --verbose
// and --save-sent; `needs` (if any) is the option they need.
void add_send_options(CLI::App& command, SendOptions& options, CLI::Option* needs = nullptr);
atshook::delivery::RetryPolicy retry_policy(const SendOptions& options);

// "30s", "2m", "1h", "500ms", or plain seconds; throws atshook::Error (usage) naming `option`.
std::chrono::milliseconds parse_duration(const std::string& text, std::string_view option);

// Signs with every loaded secret (rotation: one token each).
atshook::delivery::Signer make_signer(std::shared_ptr<LoadedSecrets> loaded);

// Registers --check-handler and --check-ratio (emit --send only).
void add_check_options(CLI::App& command, SendOptions& options, CLI::Option* needs);

// POSTs each event to `url` (named `option` in errors), with the options' concurrency, rate
// and duration, until the events end, the duration passes, a 410 arrives or SIGINT/SIGTERM.
// Prints a line per attempt for a few deliveries (20 or fewer, no --duration) or --verbose,
// "N of M deliveries to URL succeeded", and for a larger run a summary (statuses, latency
// percentiles, throughput, per type; JSON with `json`), after a status line on stderr while
// it runs, as options.progress asks (automatic: more than 20 deliveries, or a --duration). With
// check_handler, behaviour checks are mixed in and a table of verdicts ends the report.
// Returns 0 when every delivery got a 2xx (with checks: every check passed), else 1. `total`
// (when known) counts the events a 410 leaves unsent. `secrets` null: send unsigned or as-is.
int send_events(const NextEvent& next, std::optional<std::size_t> total, const std::string& url,
                std::string_view option, std::shared_ptr<LoadedSecrets> secrets,
                const SendOptions& options);

} // namespace cli
