#include "cli/send_options.hpp"

#include "atshook/error.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>

namespace cli {

using namespace atshook::delivery;

void add_check_options(CLI::App& command, SendOptions& options, CLI::Option* needs) {
    auto* check = command.add_flag(
        "--check-handler", options.check_handler,
        "With --send: mix in deliveries a correct handler answers in a known way (forged, stale, "
        "redelivered, ...) and judge its answers; exit 1 if a check fails");
    auto* ratio = command
                      .add_option("--check-ratio", options.check_ratio,
                                  "With --check-handler: a check after this share of the "
                                  "plain deliveries (default 0.25)")
                      ->check(CLI::Range(0.0, 1.0))
                      ->type_name("X");
    check->needs(needs);
    ratio->needs(check);
}

void add_send_options(CLI::App& command, SendOptions& options, CLI::Option* needs) {
    const std::string with = needs ? "With " + needs->get_name() + ": " : "";
    std::vector<CLI::Option*> added;
    added.push_back(
        command
            .add_option("--retries", options.retries,
                        with + "retry 429, 5xx and network errors up to N times (default 0)")
            ->check(CLI::Range(0, 100))
            ->type_name("N"));
    added.push_back(command
                        .add_option("--retry-scale", options.retry_scale,
                                    with + "multiply the waits (5 s, 5 min, 30 min, ...; "
                                           "Retry-After) by X")
                        ->check(CLI::Range(0.0, 1000.0))
                        ->type_name("X"));
    added.push_back(command
                        .add_option("--timeout", options.timeout,
                                    with + "seconds to wait for each response (default 15)")
                        ->check(CLI::Range(0.001, 3600.0))
                        ->type_name("SECONDS"));
    added.push_back(command
                        .add_option("--concurrency", options.concurrency,
                                    with + "deliveries in flight at once, each on its own "
                                           "keep-alive connection (default 1)")
                        ->check(CLI::Range(1, 1000))
                        ->type_name("N"));
    added.push_back(command
                        .add_option("--rate", options.rate,
                                    with + "start at most R deliveries per second, steadily "
                                           "(default: as fast as they are answered)")
                        ->check(CLI::Range(0.001, 1e7))
                        ->type_name("R"));
    added.push_back(command
                        .add_option("--duration", options.duration,
                                    with + "keep sending for this long, repeating the events "
                                           "(30s, 2m, 500ms)")
                        ->type_name("TIME"));
    added.push_back(command.add_flag("--verbose", options.verbose,
                                     with + "a line per attempt even for many deliveries"));
    added.push_back(command
                        .add_option("--save", options.save,
                                    with + "keep each request sent (its first attempt) as a "
                                           "request file in DIR, numbered in sending order")
                        ->type_name("DIR"));
    if (needs)
        for (auto* option : added) option->needs(needs);
}

RetryPolicy retry_policy(const SendOptions& options) {
    return {options.retries, options.retry_scale,
            std::chrono::milliseconds{std::llround(options.timeout * 1000)}};
}

std::chrono::milliseconds parse_duration(const std::string& text, std::string_view option) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    double scale = 0;
    if (unit.empty() || unit == "s")
        scale = 1000;
    else if (unit == "ms")
        scale = 1;
    else if (unit == "m" || unit == "min")
        scale = 60'000;
    else if (unit == "h")
        scale = 3'600'000;
    if (error != std::errc{} || scale == 0 || !(value > 0) || value * scale > 1e12)
        throw atshook::Error(
            fmt::format("{} '{}' is not a duration such as 30s, 2m or 500ms", option, text),
            atshook::Error::Kind::usage);
    return std::chrono::milliseconds{std::llround(value * scale)};
}

} // namespace cli
