#pragma once
// Sending many deliveries: several connections at once, at a steady rate, for a count or a
// duration, each delivery with deliver()'s retries; and the tally of what came back.
#include "atshook/delivery/delivery.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace atshook::delivery {

// One delivery to make: what deliver() sends, and labels for the report.
struct Outgoing {
    std::string type;  // event type, "" when unknown
    std::string check; // handler check this delivery is for, "" for a plain delivery
    Message message;
};

// Hands out the next delivery (nullopt at the end, and from then on). Called from several
// driver threads at once: it must be safe to call concurrently (guard a stream that is not).
// Whoever calls it first sends what it returns, so deliveries may start out of order.
using NextOutgoing = std::function<std::optional<Outgoing>()>;

struct LoadOptions {
    unsigned concurrency = 1; // connections in flight at once, each kept alive between requests
    // Driver threads sharing the connections (each makes, signs and sends its own deliveries):
    // 0 means one per core; never more than `concurrency`.
    unsigned threads = 0;
    double rate = 0; // deliveries started per second, all connections together; 0: no limit
    std::optional<std::chrono::milliseconds> duration; // stop handing out after this long
    RetryPolicy policy;
};

struct Sent {
    Outgoing outgoing;
    DeliveryResult result;
};

// Sends what `next` hands out to `url` until it returns nullopt, `duration` has passed or `stop`
// is set (SIGINT, or a 410 seen by `on_sent`), over `concurrency` connections shared by the
// driver threads, each thread's made by `make_connections`. Each delivery retries as deliver()
// does; one waiting for its retry keeps its connection (at most `concurrency` deliveries are
// under way) but holds up no other: its thread drives its other connections meanwhile. Once
// `stop` is set, deliveries under way make their remaining attempts without waiting.
// Deliveries start no faster than `rate`. `signer` is called on the driver threads, unlocked.
// `on_attempt` and `on_sent` are called under one lock, so they may print and count without
// their own. An exception from `next`, `signer` or the callbacks ends the run and is rethrown.
void send_load(const NextOutgoing& next, const std::string& url, const Signer& signer,
               const LoadOptions& options, const MakeConnections& make_connections, Clock& clock,
               std::atomic<bool>& stop,
               const std::function<void(const Outgoing&, const Attempt&)>& on_attempt,
               const std::function<void(const Sent&)>& on_sent);

struct LatencySummary {
    double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
    std::size_t count = 0;
};

// What a load run saw: deliveries and their outcomes, attempts and statuses, latencies.
class LoadTally {
public:
    void add(const Sent& sent);

    std::size_t deliveries() const { return m_deliveries; }
    std::size_t delivered() const { return m_delivered; }
    std::size_t attempts() const { return m_attempts; }
    std::size_t network_errors() const { return m_network_errors; }
    const std::map<int, std::size_t>& statuses() const { return m_statuses; }
    // Latency of every attempt that got a response, all types or one.
    LatencySummary latency(const std::string& type = "") const;
    // Deliveries per event type ("" collects those without one).
    const std::map<std::string, std::size_t>& per_type() const { return m_per_type; }

private:
    std::size_t m_deliveries = 0, m_delivered = 0, m_attempts = 0, m_network_errors = 0;
    std::map<int, std::size_t> m_statuses;
    std::map<std::string, std::size_t> m_per_type;
    std::map<std::string, std::vector<double>> m_latencies; // per type, milliseconds
};

} // namespace atshook::delivery
