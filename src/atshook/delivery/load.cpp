#include "atshook/delivery/load.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace atshook::delivery {
namespace {

double percentile(std::vector<double>& sorted, double fraction) {
    if (sorted.empty()) return 0;
    const auto rank =
        static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

using Steady = std::chrono::steady_clock;

// The longest a driver waits without looking at `stop`, the duration and its retries' times.
constexpr std::chrono::milliseconds k_longest_wait{50};

// What the driver threads share: the pacing schedule, the reports' lock, the first failure.
struct Shared {
    Shared(const NextOutgoing& next_, const std::string& url_, const Signer& signer_,
           const LoadOptions& options_, Clock& clock_, std::atomic<bool>& stop_,
           const std::function<void(const Outgoing&, const Attempt&)>& on_attempt_,
           const std::function<void(const Sent&)>& on_sent_)
        : next(next_), url(url_), signer(signer_), options(options_), clock(clock_), stop(stop_),
          on_attempt(on_attempt_), on_sent(on_sent_) {}

    const NextOutgoing& next;
    const std::string& url;
    const Signer& signer;
    const LoadOptions& options;
    Clock& clock;
    std::atomic<bool>& stop;
    const std::function<void(const Outgoing&, const Attempt&)>& on_attempt;
    const std::function<void(const Sent&)>& on_sent;
    Steady::time_point started = Steady::now();
    Steady::duration spacing{};
    std::mutex schedule_lock; // next_start
    Steady::time_point next_start = started;
    std::mutex report_lock; // on_attempt and on_sent
    std::atomic<bool> failed{false};
};

// The next delivery and when it may start, or nullopt when the run hands out no more. The
// schedule is kept under the lock; `next` is called outside it, by several threads at once.
std::optional<std::pair<Outgoing, Steady::time_point>> take(Shared& run) {
    Steady::time_point start_at;
    {
        const std::lock_guard lock(run.schedule_lock);
        if (run.stop.load() || run.failed.load()) return std::nullopt;
        const auto now = Steady::now();
        const auto& duration = run.options.duration;
        if (duration && now - run.started >= *duration) return std::nullopt;
        if (run.options.rate > 0 && duration && run.next_start - run.started >= *duration)
            return std::nullopt;
        start_at = run.options.rate > 0 ? run.next_start : now;
        run.next_start = start_at + run.spacing;
    }
    auto outgoing = run.next();
    if (!outgoing) return std::nullopt;
    return std::pair{std::move(*outgoing), start_at};
}

// One connection of a driver and the delivery it carries.
struct Slot {
    enum class State { idle, waiting, in_flight };
    State state = State::idle;
    Steady::time_point due; // waiting: when its next attempt starts
    Outgoing outgoing;
    DeliveryResult result;
    Attempt attempt;     // in flight
    HttpRequest request; // its buffers reused from attempt to attempt
};

void start_attempt(Shared& run, Slot& slot, std::size_t index, HttpConnections& connections) {
    slot.attempt = Attempt{};
    slot.attempt.number = static_cast<int>(slot.result.attempts.size()) + 1;
    slot.attempt.timestamp = run.clock.now().time_since_epoch().count();
    attempt_headers(slot.outgoing.message, slot.attempt.timestamp, run.signer,
                    slot.request.headers);
    slot.attempt.request_headers = slot.request.headers;
    // The body is lent to the request while it is in flight, and comes back when it finishes.
    slot.request.body.swap(slot.outgoing.message.body);
    connections.start(index, slot.request);
    slot.state = Slot::State::in_flight;
}

// An attempt has come back: judges it and files it; true when the delivery is over.
bool finish_attempt(Shared& run, Slot& slot, HttpExchange exchange) {
    slot.request.body.swap(slot.outgoing.message.body);
    slot.attempt.exchange = std::move(exchange);
    const auto outcome = judge_attempt(slot.attempt, run.options.policy, run.clock);
    if (outcome)
        slot.result.outcome = *outcome;
    else
        slot.due = Steady::now() + *slot.attempt.retry_in;
    slot.result.attempts.push_back(std::move(slot.attempt));
    return outcome.has_value();
}

// One driver thread: keeps its `count` connections busy with deliveries of its own taking
// until the run hands out no more and the last of them is over.
void drive(Shared& run, std::size_t count, const MakeConnections& make_connections) {
    const auto connections = make_connections(count);
    std::vector<Slot> slots(count);
    for (auto& slot : slots) {
        slot.request.url = run.url;
        slot.request.timeout = run.options.policy.timeout;
    }
    std::vector<Finished> finished;
    bool exhausted = false;
    for (;;) {
        for (auto& slot : slots) {
            if (slot.state != Slot::State::idle || exhausted) continue;
            auto taken = take(run);
            if (!taken) {
                exhausted = true;
                break;
            }
            slot.outgoing = std::move(taken->first);
            slot.result = DeliveryResult{};
            slot.due = taken->second;
            slot.state = Slot::State::waiting;
        }
        if (run.failed.load()) return;
        const bool stopping = run.stop.load();
        const auto now = Steady::now();
        auto wake = Steady::time_point::max();
        bool busy = false;
        for (std::size_t i = 0; i < count; ++i) {
            Slot& slot = slots[i];
            if (slot.state == Slot::State::waiting) {
                if (stopping || slot.due <= now)
                    start_attempt(run, slot, i, *connections);
                else
                    wake = std::min(wake, slot.due);
            }
            busy = busy || slot.state != Slot::State::idle;
        }
        if (!busy) return;
        auto timeout = k_longest_wait;
        if (wake != Steady::time_point::max())
            timeout = std::min(timeout, std::chrono::ceil<std::chrono::milliseconds>(
                                            std::max(wake - Steady::now(), Steady::duration{})));
        finished.clear();
        connections->wait(timeout, finished);
        if (finished.empty()) continue;
        for (auto& done : finished) {
            Slot& slot = slots.at(done.slot);
            slot.state = finish_attempt(run, slot, std::move(done.exchange)) ? Slot::State::idle
                                                                             : Slot::State::waiting;
        }
        const std::lock_guard lock(run.report_lock);
        for (const auto& done : finished) {
            Slot& slot = slots[done.slot];
            if (run.on_attempt) run.on_attempt(slot.outgoing, slot.result.attempts.back());
            if (slot.state == Slot::State::idle && run.on_sent)
                run.on_sent(Sent{std::move(slot.outgoing), std::move(slot.result)});
        }
    }
}

} // namespace

void send_load(const NextOutgoing& next, const std::string& url, const Signer& signer,
               const LoadOptions& options, const MakeConnections& make_connections, Clock& clock,
               std::atomic<bool>& stop,
               const std::function<void(const Outgoing&, const Attempt&)>& on_attempt,
               const std::function<void(const Sent&)>& on_sent) {
    Shared run(next, url, signer, options, clock, stop, on_attempt, on_sent);
    if (options.rate > 0)
        run.spacing = std::chrono::duration_cast<Steady::duration>(
            std::chrono::duration<double>(1.0 / options.rate));
    const unsigned concurrency = std::max(1u, options.concurrency);
    const unsigned threads = std::min(
        concurrency,
        options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency()));
    if (threads == 1) {
        drive(run, concurrency, make_connections);
        return;
    }
    std::mutex error_lock;
    std::exception_ptr error;
    const auto work = [&](std::size_t count) {
        try {
            drive(run, count, make_connections);
        } catch (...) {
            // Not carrying on: the run ends and the caller gets the first failure.
            run.failed.store(true);
            const std::lock_guard lock(error_lock);
            if (!error) error = std::current_exception();
        }
    };
    std::vector<std::thread> drivers;
    drivers.reserve(threads);
    for (unsigned i = 0; i < threads; ++i)
        drivers.emplace_back(work, concurrency / threads + (i < concurrency % threads ? 1 : 0));
    for (auto& driver : drivers) driver.join();
    if (error) std::rethrow_exception(error);
}

void LoadTally::add(const Sent& sent) {
    ++m_deliveries;
    ++m_per_type[sent.outgoing.type];
    if (sent.result.outcome == Outcome::delivered) ++m_delivered;
    for (const auto& attempt : sent.result.attempts) {
        ++m_attempts;
        if (attempt.exchange.status == 0) {
            ++m_network_errors;
            continue;
        }
        ++m_statuses[attempt.exchange.status];
        const double ms = static_cast<double>(attempt.exchange.latency.count()) / 1000.0;
        m_latencies[""].push_back(ms);
        if (!sent.outgoing.type.empty()) m_latencies[sent.outgoing.type].push_back(ms);
    }
}

LatencySummary LoadTally::latency(const std::string& type) const {
    const auto found = m_latencies.find(type);
    if (found == m_latencies.end()) return {};
    std::vector<double> sorted = found->second;
    std::sort(sorted.begin(), sorted.end());
    return {percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99),
            sorted.back(), sorted.size()};
}

} // namespace atshook::delivery
