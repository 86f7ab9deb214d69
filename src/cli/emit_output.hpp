#pragma once
// How `ats-hook emit` writes its events out, or delivers them.
#include "atshook/delivery/delivery.hpp"

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

// Writes the events to stdout as they come. Throws atshook::Error (usage) for http with several
// events, before writing anything.
void print_events(const NextEvent& next, const OutputOptions& options);

} // namespace cli
