#pragma once
// The events `emit` writes or sends, one at a time: generated (types and a count, or a hiring
// scenario) or read (--from), edited (--set, --unset), serialised once and checked. So that
// `--count 1000000` never holds more than one event in memory.
#include "atshook/input.hpp"
#include "atshook/sample/override.hpp"
#include "atshook/sample/random.hpp"
#include "atshook/sample/sample.hpp"
#include "atshook/sample/scenario.hpp"
#include "atshook/validation.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace atshook::sample {

struct StreamOptions {
    std::vector<std::string> types; // event types, "all" for the 19
    std::uint64_t count = 1;        // of each type
    std::string at;                 // the events' moment (RFC 3339); "" for now
    std::string envelope = "data-object";
    std::vector<std::string> sets, unsets; // --set PATH=JSON, --unset PATH
    std::string from;                      // a payload file or NDJSON log to start from
    bool allow_invalid = false;            // an invalid event does not end the stream
    std::string scenario;                  // "hiring", or ""
    std::size_t candidates = 5;            // the scenario's size
    bool endless = false;                  // fresh events for as long as asked (--duration)
};

// An event ready to go: these bytes are what is signed and sent.
struct StreamedEvent {
    std::string type; // "" when a --from payload has none
    std::string id;   // the webhook-id: the envelope's id
    std::string body; // compact JSON
};

// An event that failed its check, named as people count it ("job.created #3").
struct InvalidEvent {
    std::string name;
    std::string_view body;
    const DocumentResult& result;
};

// What to say once the stream has ended with invalid events.
struct StreamClosing {
    std::string message;
    bool error = false; // true: the run fails (exit 1); false: a warning (--allow-invalid)
};

class EventStream {
public:
    // Throws atshook::Error (usage) for options that do not go together, and for a bad --at,
    // --set or --unset.
    EventStream(const StreamOptions& options, std::uint64_t seed);

    // Known for generated events, not for --from or an endless stream.
    std::optional<std::size_t> total() const { return m_endless ? std::nullopt : m_total; }

    // Called for each event that fails its check, before next() returns (or stops).
    void on_invalid(std::function<void(const InvalidEvent&)> report) {
        m_on_invalid = std::move(report);
    }

    // The next event; nullopt at the end, or at an invalid event without allow_invalid. Generated
    // events promise --strict validity; a --from payload is held to the default rules. Throws
    // atshook::Error for a --from file that cannot be used. Several threads may call it at once:
    // plain generated events (no --set or --unset) are then made in parallel, each event the
    // same bytes whichever thread makes it; the others are handed out one at a time.
    std::optional<StreamedEvent> next();

    // After the stream ended: what to say of its invalid events, nullopt when there were none.
    std::optional<StreamClosing> closing() const;

private:
    std::optional<StreamedEvent> write_next();
    std::optional<Event> build_next();
    std::optional<Event> read_next();
    bool check(const StreamedEvent& event);

    StreamOptions m_options;
    Random m_random;
    Validator m_validator;
    std::vector<Override> m_edits;
    std::vector<std::string> m_types;
    std::optional<Generator> m_generator;
    std::optional<Scenario> m_scenario;
    std::optional<InputReader> m_reader;
    Chunk m_chunk;
    std::size_t m_position = 0;
    std::optional<std::size_t> m_total;
    std::atomic<std::size_t> m_index = 0; // the next generated event
    std::mutex m_lock;                     // next() but for write_next()
    bool m_endless = false;
    std::size_t m_count = 0; // events handed out or stopped at
    std::size_t m_invalid = 0;
    bool m_stopped = false;
    std::string m_last_name;
    std::function<void(const InvalidEvent&)> m_on_invalid;
};

} // namespace atshook::sample
