#pragma once
// One `emit --send` or `replay` run: the deliveries, the handler checks mixed in, the 410 that
// stops it, the stop signal, and the figures its report is made of. The CLI hands it events
// and prints what the report layer writes from its result.
#include "atshook/delivery/handler_checks.hpp"
#include "atshook/delivery/load.hpp"
#include "atshook/signature/secret.hpp"

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace atshook::delivery {

// Few enough deliveries for a line per attempt without --verbose (and no status line).
constexpr std::size_t k_few_deliveries = 20;

// Set by SIGINT or SIGTERM while a StopOnSignals lives; a run stops handing out deliveries.
std::atomic<bool>& stop_requested();

// While alive, SIGINT and SIGTERM set stop_requested() instead of ending the process; the
// previous handlers come back when it goes.
class StopOnSignals {
public:
    StopOnSignals();
    ~StopOnSignals();
    StopOnSignals(const StopOnSignals&) = delete;
    StopOnSignals& operator=(const StopOnSignals&) = delete;

private:
    struct Saved;
    std::unique_ptr<Saved> m_saved;
};

// The system clock, whose sleep wakes within 100 ms of a stop request, so that Ctrl-C does not
// wait out a retry delay of hours.
class SystemClock : public Clock {
public:
    std::chrono::sys_seconds now() override;
    void sleep(std::chrono::milliseconds duration) override;
};

struct SendRunOptions {
    LoadOptions load;
    std::string save_dir; // keep each delivery's first attempt as a request file; "" keeps none
    // Handler checks mixed in after this share of the plain deliveries (needs secrets).
    bool check_handler = false;
    double check_ratio = 0.25;
    std::uint64_t seed = 0;
    std::span<const signature::Secret> secrets;
};

struct SendRunResult {
    LoadTally tally;
    std::optional<CheckTally> checks; // with check_handler
    double seconds = 0;               // wall time of the sending
    double cpu_seconds = 0;           // the process's CPU time meanwhile
    bool gone = false;                // a 410 stopped the run
    bool stopped = false;             // a stop request did
    std::size_t unsent = 0;           // events a 410 left unsent (when they could be counted)

    std::size_t all() const { return tally.deliveries() + unsent; }
    // Every delivery got a 2xx; with checks, every check passed and nothing was left unsent.
    bool succeeded() const;
};

// Sends what `plain` hands out (with checks mixed in) to `url`, as send_load does, until the
// events end, the duration passes, a 410 arrives or stop_requested() is set. `total` (when
// known) counts the events a 410 leaves unsent. `on_attempt` sees every attempt (the per-attempt
// lines); `on_sent` every finished delivery. `plain` is called from several threads at once,
// unless checks are mixed in (see NextOutgoing). Throws atshook::Error when the save directory
// cannot be made, and (usage) for checks without secrets.
SendRunResult run_sends(const NextOutgoing& plain, std::optional<std::size_t> total,
                        const std::string& url, const Signer& signer, const SendRunOptions& options,
                        const MakeConnections& make_connections, Clock& clock,
                        const std::function<void(const Outgoing&, const Attempt&)>& on_attempt,
                        const std::function<void(const Sent&)>& on_sent);

} // namespace atshook::delivery
