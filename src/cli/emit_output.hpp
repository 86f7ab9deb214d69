#pragma once
// How `ats-hook emit` writes its events out, or delivers them.
#include "atshook/delivery/delivery.hpp"
#include "cli/secret_source.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cli {

// An event ready to go: checked, serialised once (these bytes are what is signed and sent).
struct EmittedEvent {
    std::string type; // for reports; "" when a --from payload has none
    std::string id;   // webhook-id
    std::string body; // compact JSON
    std::string pretty;
    // Sent unchanged instead of fresh webhook headers (replay --as-is).
    std::optional<std::vector<atshook::delivery::Header>> as_is_headers;
};

// Hands out the events one at a time (nullopt at the end), so that `--count 1000000` never holds
// more than one in memory.
using NextEvent = std::function<std::optional<EmittedEvent>()>;

struct OutputOptions {
    std::string format;               // json, ndjson, http, curl
    std::string url;                  // for http and curl
    atshook::delivery::Signer signer; // null: unsigned
    std::int64_t timestamp = 0;       // webhook-timestamp when signed
};

// How --send (emit) and --to (replay) retry and wait.
struct SendOptions {
    int retries = 0;
    double retry_scale = 1.0;
    double timeout = 15.0; // seconds
};
// Registers --retries, --retry-scale and --timeout; `needs` (if any) is the option they need.
void add_send_options(CLI::App& command, SendOptions& options, CLI::Option* needs = nullptr);
atshook::delivery::RetryPolicy retry_policy(const SendOptions& options);

// Signs with every loaded secret (rotation: one token each).
atshook::delivery::Signer make_signer(std::shared_ptr<LoadedSecrets> loaded);

// Writes the events to stdout as they come. Throws atshook::Error (usage) for http with several
// events, before writing anything.
void print_events(const NextEvent& next, const OutputOptions& options);

// POSTs each event to `url` as it comes, printing one line per attempt and a summary; returns the
// exit code. `total` (when known) counts the events a 410 leaves unsent without building them.
int send_events(const NextEvent& next, std::optional<std::size_t> total, const std::string& url,
                const atshook::delivery::Signer& signer,
                const atshook::delivery::RetryPolicy& policy);

} // namespace cli
