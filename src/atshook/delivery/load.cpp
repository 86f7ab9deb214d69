#include "atshook/delivery/load.hpp"

#include <algorithm>
#include <cmath>
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

} // namespace

void send_load(const NextOutgoing& next, const std::string& url, const Signer& signer,
               const LoadOptions& options,
               const std::function<std::unique_ptr<HttpClient>()>& make_client, Clock& clock,
               std::atomic<bool>& stop,
               const std::function<void(const Outgoing&, const Attempt&)>& on_attempt,
               const std::function<void(const Sent&)>& on_sent) {
    std::mutex take_lock;   // next() and the pacing schedule
    std::mutex report_lock; // on_attempt and on_sent
    const auto started = std::chrono::steady_clock::now();
    auto next_start = started;
    const auto spacing = options.rate > 0
                             ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                   std::chrono::duration<double>(1.0 / options.rate))
                             : std::chrono::steady_clock::duration::zero();

    const auto take = [&]() -> std::optional<Outgoing> {
        std::chrono::steady_clock::time_point start_at;
        std::optional<Outgoing> outgoing;
        {
            const std::lock_guard lock(take_lock);
            if (stop.load()) return std::nullopt;
            const auto now = std::chrono::steady_clock::now();
            if (options.duration && now - started >= *options.duration) return std::nullopt;
            if (options.rate > 0 && options.duration && next_start - started >= *options.duration)
                return std::nullopt;
            outgoing = next();
            if (!outgoing) return std::nullopt;
            start_at = std::max(next_start, options.rate > 0 ? next_start : now);
            next_start = start_at + spacing;
        }
        // Wait for this delivery's slot, in short steps so that a stop is seen.
        while (std::chrono::steady_clock::now() < start_at && !stop.load())
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
                start_at - std::chrono::steady_clock::now(), std::chrono::milliseconds{50}));
        return outgoing;
    };

    const auto work = [&] {
        auto client = make_client();
        while (auto outgoing = take()) {
            auto result = deliver(outgoing->message, url, signer, options.policy, *client, clock,
                                  [&](const Attempt& attempt) {
                                      const std::lock_guard lock(report_lock);
                                      if (on_attempt) on_attempt(*outgoing, attempt);
                                  });
            const std::lock_guard lock(report_lock);
            if (on_sent) on_sent(Sent{std::move(*outgoing), std::move(result)});
        }
    };
    const unsigned workers = std::max(1u, options.concurrency);
    if (workers == 1) {
        work();
        return;
    }
    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (unsigned i = 0; i < workers; ++i) threads.emplace_back(work);
    for (auto& thread : threads) thread.join();
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
