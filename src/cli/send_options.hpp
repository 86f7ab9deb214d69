#pragma once
// The options emit --send and replay share, and reading them.
#include "atshook/delivery/delivery.hpp"
#include "atshook/progress.hpp"

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
    std::string report = "text"; // the summary: text, json (one object) or junit (emit --format)
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

// Registers --check-handler and --check-ratio (emit --send only).
void add_check_options(CLI::App& command, SendOptions& options, CLI::Option* needs);

} // namespace cli
