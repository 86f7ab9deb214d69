#include "atshook/delivery/send_run.hpp"

#include "atshook/delivery/request_text.hpp"
#include "atshook/error.hpp"

#include <fmt/core.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sys/resource.h>
#include <thread>

namespace atshook::delivery {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) {
    g_stop.store(true);
}

double process_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

} // namespace

std::atomic<bool>& stop_requested() {
    return g_stop;
}

struct StopOnSignals::Saved {
    struct sigaction interrupt {};
    struct sigaction terminate {};
};

StopOnSignals::StopOnSignals() : m_saved(std::make_unique<Saved>()) {
    g_stop.store(false);
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_saved->interrupt);
    sigaction(SIGTERM, &action, &m_saved->terminate);
}

StopOnSignals::~StopOnSignals() {
    sigaction(SIGINT, &m_saved->interrupt, nullptr);
    sigaction(SIGTERM, &m_saved->terminate, nullptr);
}

std::chrono::sys_seconds SystemClock::now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

void SystemClock::sleep(std::chrono::milliseconds duration) {
    const auto until = std::chrono::steady_clock::now() + duration;
    while (!g_stop.load() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            until - std::chrono::steady_clock::now(), std::chrono::milliseconds{100}));
}

bool SendRunResult::succeeded() const {
    // With checks, a rejected forgery is a success: the verdicts decide.
    if (checks) return checks->passed() && unsent == 0;
    return tally.delivered() == all();
}

SendRunResult run_sends(const NextOutgoing& plain, std::optional<std::size_t> total,
                        const std::string& url, const Signer& signer, const SendRunOptions& options,
                        const MakeConnections& make_connections, Clock& clock,
                        const std::function<void(const Outgoing&, const Attempt&)>& on_attempt,
                        const std::function<void(const Sent&)>& on_sent) {
    if (options.check_handler && options.secrets.empty())
        throw Error("--check-handler needs the secret the handler verifies with",
                    Error::Kind::usage);
    if (!options.save_dir.empty()) {
        std::error_code error;
        std::filesystem::create_directories(options.save_dir, error);
        if (error)
            throw Error("--save " + options.save_dir + ": cannot create it: " + error.message());
    }
    std::optional<CheckMixer> mixer;
    if (options.check_handler) mixer.emplace(options.secrets, options.check_ratio, options.seed);
    std::mutex mixer_lock; // the driver threads share the mixer's choices
    const NextOutgoing outgoing = [&]() -> std::optional<Outgoing> {
        if (!mixer) return plain();
        const std::lock_guard lock(mixer_lock);
        return mixer->next(plain, std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
    };
    SendRunResult result;
    if (mixer) result.checks.emplace();
    std::size_t saved = 0;
    const auto started = std::chrono::steady_clock::now();
    const double cpu_before = process_cpu_seconds();
    send_load(
        outgoing, url, signer, options.load, make_connections, clock, g_stop,
        [&](const Outgoing& sent, const Attempt& attempt) {
            if (on_attempt) on_attempt(sent, attempt);
            if (!options.save_dir.empty() && attempt.number == 1) {
                const auto name = fmt::format("{:06}_{}.http", ++saved, sent.message.id);
                std::ofstream(std::filesystem::path(options.save_dir) / name, std::ios::binary)
                    << http_request_text(url, attempt.request_headers, sent.message.body);
            }
        },
        [&](const Sent& sent) {
            result.tally.add(sent);
            if (result.checks) result.checks->add(sent);
            if (on_sent) on_sent(sent);
            if (sent.result.outcome == Outcome::gone) {
                result.gone = true; // a sender disables the endpoint: nothing more is sent
                g_stop.store(true);
            }
        });
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.cpu_seconds = process_cpu_seconds() - cpu_before;
    if (result.gone) {
        if (total)
            result.unsent =
                *total > result.tally.deliveries() ? *total - result.tally.deliveries() : 0;
        else if (!options.load.duration)
            while (plain()) ++result.unsent;
    } else {
        result.stopped = g_stop.load();
    }
    return result;
}

} // namespace atshook::delivery
