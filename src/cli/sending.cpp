#include "cli/sending.hpp"

#include "atshook/delivery/handler_checks.hpp"
#include "atshook/delivery/load.hpp"
#include "atshook/delivery/request_text.hpp"
#include "atshook/error.hpp"
#include "atshook/json_text.hpp"
#include "atshook/printable.hpp"
#include "atshook/signature/sign.hpp"
#include "cli/exit_code.hpp"
#include "cli/progress.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <charconv>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <thread>

namespace cli {
namespace {

using namespace atshook::delivery;

// Few enough deliveries to print a line for each attempt without --verbose.
constexpr std::size_t k_few = 20;

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) {
    g_stop.store(true);
}

class SystemClock : public Clock {
public:
    std::chrono::sys_seconds now() override {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
    void sleep(std::chrono::milliseconds duration) override {
        // In steps, so that Ctrl-C does not wait out a retry delay of hours.
        const auto until = std::chrono::steady_clock::now() + duration;
        while (!g_stop.load() && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
                until - std::chrono::steady_clock::now(), std::chrono::milliseconds{100}));
    }
};

std::string wait_text(std::chrono::milliseconds wait) {
    const auto ms = wait.count();
    if (ms < 1000) return fmt::format("{} ms", ms);
    if (ms < 60'000) return fmt::format("{:g} s", static_cast<double>(ms) / 1000);
    if (ms < 3'600'000) return fmt::format("{:g} min", static_cast<double>(ms / 1000) / 60);
    return fmt::format("{:g} h", static_cast<double>(ms / 60'000) / 60);
}

std::string attempt_line(const Outgoing& outgoing, const Attempt& attempt) {
    const auto& exchange = attempt.exchange;
    const double ms = static_cast<double>(exchange.latency.count()) / 1000.0;
    std::string line =
        fmt::format("{} {} attempt {}: ", outgoing.type.empty() ? "event" : outgoing.type,
                    atshook::printable(outgoing.message.id), attempt.number);
    if (!outgoing.check.empty()) line.insert(0, "[" + outgoing.check + "] ");
    if (exchange.status == 0) {
        line +=
            fmt::format("no response ({}) after {:.1f} ms", atshook::printable(exchange.error), ms);
    } else {
        line +=
            fmt::format("{}{}{}, {:.1f} ms", exchange.status, exchange.reason.empty() ? "" : " ",
                        atshook::printable(exchange.reason), ms);
        const std::string first = first_line(exchange.body);
        if (!first.empty()) line += ": " + first;
    }
    if (exchange.status == 410) line += "; the endpoint is gone, not retrying";
    if (exchange.status >= 300 && exchange.status < 400) line += "; redirects are not followed";
    if (attempt.retry_in) line += "; retrying in " + wait_text(*attempt.retry_in);
    return line;
}

// Restores the previous SIGINT and SIGTERM handlers when the run ends.
class StopOnSignals {
public:
    StopOnSignals() {
        g_stop.store(false);
        struct sigaction action {};
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &m_int);
        sigaction(SIGTERM, &action, &m_term);
    }
    ~StopOnSignals() {
        sigaction(SIGINT, &m_int, nullptr);
        sigaction(SIGTERM, &m_term, nullptr);
    }
    StopOnSignals(const StopOnSignals&) = delete;
    StopOnSignals& operator=(const StopOnSignals&) = delete;

private:
    struct sigaction m_int {};
    struct sigaction m_term {};
};

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

nlohmann::ordered_json latency_json(const LatencySummary& latency) {
    return {{"p50_ms", latency.p50_ms},
            {"p90_ms", latency.p90_ms},
            {"p99_ms", latency.p99_ms},
            {"max_ms", latency.max_ms}};
}

struct RunFigures {
    double seconds = 0;
    double cpu_seconds = 0;
};

nlohmann::ordered_json summary_json(const LoadTally& tally, const RunFigures& run,
                                    std::size_t unsent, const std::string& url) {
    nlohmann::ordered_json json;
    json["url"] = url;
    json["deliveries"] = tally.deliveries();
    json["delivered"] = tally.delivered();
    json["not_sent"] = unsent;
    json["attempts"] = tally.attempts();
    json["statuses"] = nlohmann::ordered_json::object();
    for (const auto& [status, count] : tally.statuses())
        json["statuses"][std::to_string(status)] = count;
    json["network_errors"] = tally.network_errors();
    json["seconds"] = run.seconds;
    json["deliveries_per_second"] =
        run.seconds > 0 ? static_cast<double>(tally.deliveries()) / run.seconds : 0.0;
    json["cpu_us_per_delivery"] =
        tally.deliveries() > 0 ? run.cpu_seconds * 1e6 / static_cast<double>(tally.deliveries())
                               : 0.0;
    json["latency"] = latency_json(tally.latency());
    json["per_type"] = nlohmann::ordered_json::object();
    for (const auto& [type, count] : tally.per_type()) {
        if (type.empty()) continue;
        auto entry = latency_json(tally.latency(type));
        entry["deliveries"] = count;
        json["per_type"][type] = std::move(entry);
    }
    return json;
}

std::string summary_text(const LoadTally& tally, const RunFigures& run) {
    std::string text = fmt::format(
        "{} deliveries, {} attempts in {:.2f} s: {:.1f} deliveries/s, {:.0f} us CPU each\n",
        tally.deliveries(), tally.attempts(), run.seconds,
        run.seconds > 0 ? static_cast<double>(tally.deliveries()) / run.seconds : 0.0,
        tally.deliveries() > 0 ? run.cpu_seconds * 1e6 / static_cast<double>(tally.deliveries())
                               : 0.0);
    text += "statuses:";
    for (const auto& [status, count] : tally.statuses())
        text += fmt::format(" {} x {},", status, count);
    text += fmt::format(" network errors {}\n", tally.network_errors());
    const auto latency = tally.latency();
    text += fmt::format("latency: p50 {:.1f} ms, p90 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms\n",
                        latency.p50_ms, latency.p90_ms, latency.p99_ms, latency.max_ms);
    for (const auto& [type, count] : tally.per_type()) {
        if (type.empty()) continue;
        const auto by_type = tally.latency(type);
        text += fmt::format("  {:<28} {:>7}  p50 {:.1f} ms  p99 {:.1f} ms\n", type, count,
                            by_type.p50_ms, by_type.p99_ms);
    }
    return text;
}

std::string checks_text(const CheckTally& checks) {
    std::string text = fmt::format("handler checks:\n  {:<18} {:>6}  {:<12} {:<28} {}\n", "check",
                                   "sent", "expected", "answers", "verdict");
    for (const auto& row : checks.rows()) {
        std::string answers;
        for (const auto& [status, count] : row.statuses)
            answers += (answers.empty() ? "" : ", ") +
                       (status == 0 ? std::string("none") : std::to_string(status)) + " x " +
                       std::to_string(count);
        const Expectation expect = expectation(row.check);
        text += fmt::format("  {:<18} {:>6}  {:<12} {:<28} {}\n", check_code(row.check), row.sent,
                            expectation_text(expect), answers,
                            expect == Expectation::information ? "-"
                            : row.passed                       ? "pass"
                                                               : "FAIL");
    }
    return text;
}

nlohmann::ordered_json checks_json(const CheckTally& checks) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& row : checks.rows()) {
        nlohmann::ordered_json entry;
        entry["check"] = check_code(row.check);
        entry["sent"] = row.sent;
        entry["expected"] = expectation_text(expectation(row.check));
        entry["answers"] = nlohmann::ordered_json::object();
        for (const auto& [status, count] : row.statuses)
            entry["answers"][status == 0 ? "none" : std::to_string(status)] = count;
        entry["verdict"] = expectation(row.check) == Expectation::information ? "information"
                           : row.passed                                       ? "pass"
                                                                              : "fail";
        rows.push_back(std::move(entry));
    }
    return rows;
}

} // namespace

void add_check_options(CLI::App& command, SendOptions& options, CLI::Option* needs) {
    auto* check = command.add_flag(
        "--check-handler", options.check_handler,
        "With --send: mix in deliveries a correct handler answers in a known way (forged, stale, "
        "redelivered, ...) and judge its answers; exit 1 if a check fails");
    auto* ratio = command
                      .add_option("--check-ratio", options.check_ratio,
                                  "With --check-handler: a check after this share of the "
                                  "plain deliveries (default 0.25)")
                      ->check(CLI::Range(0.0, 1.0))
                      ->type_name("X");
    check->needs(needs);
    ratio->needs(check);
}

void add_send_options(CLI::App& command, SendOptions& options, CLI::Option* needs) {
    const std::string with = needs ? "With " + needs->get_name() + ": " : "";
    std::vector<CLI::Option*> added;
    added.push_back(
        command
            .add_option("--retries", options.retries,
                        with + "retry 429, 5xx and network errors up to N times (default 0)")
            ->check(CLI::Range(0, 100))
            ->type_name("N"));
    added.push_back(command
                        .add_option("--retry-scale", options.retry_scale,
                                    with + "multiply the waits (5 s, 5 min, 30 min, ...; "
                                           "Retry-After) by X")
                        ->check(CLI::Range(0.0, 1000.0))
                        ->type_name("X"));
    added.push_back(command
                        .add_option("--timeout", options.timeout,
                                    with + "seconds to wait for each response (default 15)")
                        ->check(CLI::Range(0.001, 3600.0))
                        ->type_name("SECONDS"));
    added.push_back(command
                        .add_option("--concurrency", options.concurrency,
                                    with + "deliveries in flight at once, each worker on its "
                                           "own keep-alive connection (default 1)")
                        ->check(CLI::Range(1, 1000))
                        ->type_name("N"));
    added.push_back(command
                        .add_option("--rate", options.rate,
                                    with + "start at most R deliveries per second, steadily "
                                           "(default: as fast as they are answered)")
                        ->check(CLI::Range(0.001, 1e7))
                        ->type_name("R"));
    added.push_back(command
                        .add_option("--duration", options.duration,
                                    with + "keep sending for this long, repeating the events "
                                           "(30s, 2m, 500ms)")
                        ->type_name("TIME"));
    added.push_back(command.add_flag("--verbose", options.verbose,
                                     with + "a line per attempt even for many deliveries"));
    added.push_back(command
                        .add_option("--save", options.save,
                                    with + "keep each request sent (its first attempt) as a "
                                           "request file in DIR, numbered in sending order")
                        ->type_name("DIR"));
    if (needs)
        for (auto* option : added) option->needs(needs);
}

RetryPolicy retry_policy(const SendOptions& options) {
    return {options.retries, options.retry_scale,
            std::chrono::milliseconds{std::llround(options.timeout * 1000)}};
}

std::chrono::milliseconds parse_duration(const std::string& text, std::string_view option) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    double scale = 0;
    if (unit.empty() || unit == "s")
        scale = 1000;
    else if (unit == "ms")
        scale = 1;
    else if (unit == "m" || unit == "min")
        scale = 60'000;
    else if (unit == "h")
        scale = 3'600'000;
    if (error != std::errc{} || scale == 0 || !(value > 0) || value * scale > 1e12)
        throw atshook::Error(
            fmt::format("{} '{}' is not a duration such as 30s, 2m or 500ms", option, text),
            atshook::Error::Kind::usage);
    return std::chrono::milliseconds{std::llround(value * scale)};
}

Signer make_signer(std::shared_ptr<LoadedSecrets> loaded) {
    return [loaded](std::string_view id, std::int64_t timestamp, std::string_view body) {
        return atshook::signature::sign_delivery(loaded->secrets, {id, timestamp, body}).signature;
    };
}

int send_events(const NextEvent& next, std::optional<std::size_t> total, const std::string& url,
                std::string_view option, std::shared_ptr<LoadedSecrets> secrets,
                const SendOptions& options) {
    const Signer signer = secrets ? make_signer(secrets) : Signer();
    split_url(url, option);
    if (!url.starts_with("http://") && !url.starts_with("https://"))
        throw atshook::Error(fmt::format("{} '{}' is not an http:// or https:// URL", option, url),
                             atshook::Error::Kind::usage);
    LoadOptions load;
    load.concurrency = options.concurrency;
    load.rate = options.rate;
    if (!options.duration.empty()) load.duration = parse_duration(options.duration, "--duration");
    load.policy = retry_policy(options);
    if (!options.save.empty()) {
        std::error_code error;
        std::filesystem::create_directories(options.save, error);
        if (error)
            throw atshook::Error("--save " + options.save +
                                 ": cannot create it: " + error.message());
    }
    const bool few = total && *total <= k_few && !load.duration;
    const bool lines = options.verbose || few;

    std::size_t saved = 0;
    const NextOutgoing plain = [&]() -> std::optional<Outgoing> {
        auto event = next();
        if (!event) return std::nullopt;
        return Outgoing{event->type, "", Message{event->id, event->body, event->as_is_headers}};
    };
    std::optional<CheckMixer> mixer;
    if (options.check_handler) {
        if (!secrets)
            throw atshook::Error("--check-handler needs the secret the handler verifies with",
                                 atshook::Error::Kind::usage);
        mixer.emplace(secrets->secrets, options.check_ratio, options.seed);
    }
    const NextOutgoing outgoing = [&]() -> std::optional<Outgoing> {
        if (!mixer) return plain();
        return mixer->next(plain, std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
    };
    CheckTally checks;
    LoadTally tally;
    bool gone = false;
    SystemClock clock;
    const StopOnSignals stop_on_signals;
    ProgressLine progress(
        options.progress, false,
        {"send", false, total, "deliveries",
         load.duration
             ? std::optional<double>(std::chrono::duration<double>(*load.duration).count())
             : std::nullopt,
         k_few + 1});
    const auto started = std::chrono::steady_clock::now();
    const double cpu_before = cpu_seconds();
    send_load(
        outgoing, url, signer, load, [] { return make_curl_client(); }, clock, g_stop,
        [&](const Outgoing& sent, const Attempt& attempt) {
            if (lines) {
                const ProgressPause pause(stdout);
                fmt::print("{}\n", attempt_line(sent, attempt));
                std::fflush(stdout);
            }
            if (!options.save.empty() && attempt.number == 1) {
                const auto name = fmt::format("{:06}_{}.http", ++saved, sent.message.id);
                std::ofstream(std::filesystem::path(options.save) / name, std::ios::binary)
                    << http_request_text(url, attempt.request_headers, sent.message.body);
            }
        },
        [&](const Sent& sent) {
            tally.add(sent);
            if (mixer) checks.add(sent);
            if (sent.outgoing.check.empty()) progress.add(1); // the events; checks come on top
            if (sent.result.outcome == Outcome::gone) {
                gone = true; // a sender disables the endpoint: nothing more is sent
                g_stop.store(true);
            }
        });
    const RunFigures figures{
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
        cpu_seconds() - cpu_before};
    progress.finish();
    std::size_t left = 0;
    if (gone) {
        if (total)
            left = *total > tally.deliveries() ? *total - tally.deliveries() : 0;
        else if (!load.duration)
            while (next()) ++left;
        if (left > 0)
            fmt::print("endpoint gone (410): {} remaining event{} not sent\n", left,
                       left == 1 ? "" : "s");
    } else if (g_stop.load()) {
        fmt::print("stopped: {} deliver{} sent\n", tally.deliveries(),
                   tally.deliveries() == 1 ? "y" : "ies");
    }
    const std::size_t all = tally.deliveries() + left;
    if (options.json) {
        auto json = summary_json(tally, figures, left, url);
        if (mixer) json["checks"] = checks_json(checks);
        fmt::print("{}\n", atshook::json_text(json, 2));
    } else {
        if (mixer)
            fmt::print("{} deliver{} to {}, {} answered 2xx; the checks decide:\n", all,
                       all == 1 ? "y" : "ies", url, tally.delivered());
        else
            fmt::print("{} of {} deliver{} to {} succeeded\n", tally.delivered(), all,
                       all == 1 ? "y" : "ies", url);
        if (!few || options.verbose) fmt::print("{}", summary_text(tally, figures));
        if (mixer) fmt::print("{}", checks_text(checks));
    }
    // With checks, a rejected forgery is a success: the verdicts decide.
    if (mixer) return checks.passed() && left == 0 ? exit_code::ok : exit_code::failed;
    return tally.delivered() == all ? exit_code::ok : exit_code::failed;
}

} // namespace cli
