#include "cli/emit_output.hpp"
#include "atshook/json_text.hpp"
#include "atshook/printable.hpp"

#include "atshook/delivery/request_text.hpp"
#include "atshook/error.hpp"
#include "atshook/signature/sign.hpp"
#include "cli/exit_code.hpp"
#include "cli/progress.hpp"

#include <fmt/core.h>

#include <cmath>
#include <cstdio>
#include <thread>

namespace cli {
namespace {

using namespace atshook::delivery;

std::vector<Header> signed_headers(const EmittedEvent& event, const OutputOptions& options) {
    if (!options.signer) return {{"Content-Type", "application/json"}};
    return webhook_headers(event.id, options.timestamp,
                           options.signer(event.id, options.timestamp, event.body));
}

} // namespace

void print_events(const NextEvent& next, const OutputOptions& options) {
    // One event ahead: whether there are several decides between pretty JSON and NDJSON.
    std::optional<EmittedEvent> event = next();
    std::optional<EmittedEvent> following = event ? next() : std::nullopt;
    if (options.format == "http") {
        if (following)
            throw atshook::Error("--format http writes one request and several events were asked "
                                 "for; use --format curl or --send for several",
                                 atshook::Error::Kind::usage);
        if (!event) return;
        const std::string text =
            http_request_text(options.url, signed_headers(*event, options), event->body);
        const ProgressPause pause(stdout);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    const bool lines = options.format == "ndjson" || following.has_value();
    while (event) {
        {
            const ProgressPause pause(stdout);
            if (options.format == "curl")
                fmt::print("{}",
                           curl_command(options.url, signed_headers(*event, options), event->body));
            else if (options.signer)
                fmt::print("{}\n", delivery_json(signed_headers(*event, options), event->body,
                                                 lines ? -1 : 2));
            else
                // The one event of a run is indented for people, from the compact bytes, so
                // the many events of a large run are serialised once.
                fmt::print("{}\n", lines ? event->body : atshook::indented_json(event->body));
        }
        event = std::move(following);
        following = event ? next() : std::nullopt;
    }
}

} // namespace cli
