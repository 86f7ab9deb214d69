#pragma once
// How `ats-hook emit` writes its events out, or delivers them.
#include "atshook/delivery/delivery.hpp"

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
};

struct OutputOptions {
    std::string format;               // json, ndjson, http, curl
    std::string url;                  // for http and curl
    atshook::delivery::Signer signer; // null: unsigned
    std::int64_t timestamp = 0;       // webhook-timestamp when signed
};

// Writes the events to stdout. Throws atshook::Error (usage) for http with several events.
void print_events(const std::vector<EmittedEvent>& events, const OutputOptions& options);

// POSTs each event to `url`, printing one line per attempt and a summary; returns the exit code.
int send_events(const std::vector<EmittedEvent>& events, const std::string& url,
                const atshook::delivery::Signer& signer,
                const atshook::delivery::RetryPolicy& policy);

} // namespace cli
