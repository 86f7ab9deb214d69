#include "cli/emit_output.hpp"
#include "atshook/json_text.hpp"
#include "atshook/printable.hpp"

#include "atshook/delivery/request_text.hpp"
#include "atshook/error.hpp"
#include "atshook/signature/sign.hpp"
#include "cli/exit_code.hpp"
#include "cli/progress.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <thread>
#include <variant>

namespace cli {
namespace {

using namespace atshook::delivery;

std::vector<Header> signed_headers(const EmittedEvent& event, const OutputOptions& options) {
    if (!options.signer) return {{"Content-Type", "application/json"}};
    return webhook_headers(event.id, options.timestamp,
                           options.signer(event.id, options.timestamp, event.body));
}

// With a signature, json and ndjson hold {"headers": {...}, "body": "<the exact bytes>"}.
std::string signed_json(const EmittedEvent& event, const OutputOptions& options, int indent) {
    nlohmann::ordered_json json;
    for (const auto& header : signed_headers(event, options))
        if (header.name != "Content-Type") json["headers"][header.name] = header.value;
    json["body"] = event.body;
    return atshook::json_text(json, indent);
}

// The one event of a run, indented for people: made only then, from the compact bytes (parsed
// in order), so the many events of a large run are serialised once.
std::string pretty(const std::string& body) {
    auto tree = atshook::parse_json_tree(body);
    if (auto* json = std::get_if<nlohmann::ordered_json>(&tree))
        return atshook::json_text(*json, 2);
    return body;
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
                fmt::print("{}\n", signed_json(*event, options, lines ? -1 : 2));
            else
                fmt::print("{}\n", lines ? event->body : pretty(event->body));
        }
        event = std::move(following);
        following = event ? next() : std::nullopt;
    }
}

} // namespace cli
