#include "cli/emit_output.hpp"
#include "atshook/json_text.hpp"
#include "atshook/printable.hpp"

#include "atshook/delivery/request_text.hpp"
#include "atshook/error.hpp"
#include "atshook/signature/sign.hpp"
#include "cli/exit_code.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <thread>

namespace cli {
namespace {

using namespace atshook::delivery;

std::vector<Header> signed_headers(const EmittedEvent& event, const OutputOptions& options) {
    std::vector<Header> headers{{"Content-Type", "application/json"}};
    if (!options.signer) return headers;
    headers.push_back({"webhook-id", event.id});
    headers.push_back({"webhook-timestamp", std::to_string(options.timestamp)});
    headers.push_back(
        {"webhook-signature", options.signer(event.id, options.timestamp, event.body)});
    return headers;
}

// With a signature, json and ndjson hold {"headers": {...}, "body": "<the exact bytes>"}.
std::string signed_json(const EmittedEvent& event, const OutputOptions& options, int indent) {
    nlohmann::ordered_json json;
    for (const auto& header : signed_headers(event, options))
        if (header.name != "Content-Type") json["headers"][header.name] = header.value;
    json["body"] = event.body;
    return atshook::json_text(json, indent);
}

class SystemClock : public Clock {
public:
    std::chrono::sys_seconds now() override {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
    void sleep(std::chrono::milliseconds duration) override {
        std::this_thread::sleep_for(duration);
    }
};

std::string wait_text(std::chrono::milliseconds wait) {
    const auto ms = wait.count();
    if (ms < 1000) return fmt::format("{} ms", ms);
    if (ms < 60'000) return fmt::format("{:g} s", static_cast<double>(ms) / 1000);
    if (ms < 3'600'000) return fmt::format("{:g} min", static_cast<double>(ms / 1000) / 60);
    return fmt::format("{:g} h", static_cast<double>(ms / 60'000) / 60);
}

std::string attempt_line(const EmittedEvent& event, const Attempt& attempt) {
    const auto& exchange = attempt.exchange;
    const double ms = static_cast<double>(exchange.latency.count()) / 1000.0;
    std::string line = fmt::format("{} {} attempt {}: ", event.type.empty() ? "event" : event.type,
                                   event.id, attempt.number);
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

} // namespace

void add_send_options(CLI::App& command, SendOptions& options, CLI::Option* needs) {
    const std::string with = needs ? "With " + needs->get_name() + ": " : "";
    auto* retries =
        command
            .add_option("--retries", options.retries,
                        with + "retry 429, 5xx and network errors up to N times (default 0)")
            ->check(CLI::Range(0, 100))
            ->type_name("N");
    auto* scale = command
                      .add_option("--retry-scale", options.retry_scale,
                                  with + "multiply the waits (5 s, 5 min, 30 min, ...; "
                                         "Retry-After) by X")
                      ->check(CLI::Range(0.0, 1000.0))
                      ->type_name("X");
    auto* timeout = command
                        .add_option("--timeout", options.timeout,
                                    with + "seconds to wait for each response (default 15)")
                        ->check(CLI::Range(0.001, 3600.0))
                        ->type_name("SECONDS");
    if (needs)
        for (auto* option : {retries, scale, timeout}) option->needs(needs);
}

RetryPolicy retry_policy(const SendOptions& options) {
    return {options.retries, options.retry_scale,
            std::chrono::milliseconds{std::llround(options.timeout * 1000)}};
}

Signer make_signer(std::shared_ptr<LoadedSecrets> loaded) {
    return [loaded](std::string_view id, std::int64_t timestamp, std::string_view body) {
        return atshook::signature::sign_delivery(loaded->secrets, {id, timestamp, body}).signature;
    };
}

void print_events(const NextEvent& next, const OutputOptions& options) {
    // One event ahead: whether there are several decides between pretty JSON and NDJSON.
    std::optional<EmittedEvent> event = next();
    std::optional<EmittedEvent> following = event ? next() : std::nullopt;
    if (options.format == "http") {
        if (following)
            throw atshook::Error("--format http writes one request and several events were asked "
                                 "for; use --format curl or --send for several",
                                 atshook::Error::Kind::usage);
        if (!event) return;
        const std::string text =
            http_request_text(options.url, signed_headers(*event, options), event->body);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    const bool lines = options.format == "ndjson" || following.has_value();
    while (event) {
        if (options.format == "curl")
            fmt::print("{}",
                       curl_command(options.url, signed_headers(*event, options), event->body));
        else if (options.signer)
            fmt::print("{}\n", signed_json(*event, options, lines ? -1 : 2));
        else
            fmt::print("{}\n", lines ? event->body : event->pretty);
        event = std::move(following);
        following = event ? next() : std::nullopt;
    }
}

int send_events(const NextEvent& next, std::optional<std::size_t> total, const std::string& url,
                const Signer& signer, const RetryPolicy& policy) {
    split_url(url, "--send");
    if (!url.starts_with("http://") && !url.starts_with("https://"))
        throw atshook::Error("--send '" + url + "' is not an http:// or https:// URL",
                             atshook::Error::Kind::usage);
    auto client = make_curl_client();
    SystemClock clock;
    std::size_t delivered = 0, sent = 0, left = 0;
    while (const auto event = next()) {
        ++sent;
        const auto result = deliver({event->id, event->body, event->as_is_headers}, url, signer,
                                    policy, *client, clock, [&](const Attempt& attempt) {
                                        fmt::print("{}\n", attempt_line(*event, attempt));
                                        std::fflush(stdout);
                                    });
        if (result.outcome == Outcome::delivered) ++delivered;
        if (result.outcome == Outcome::gone) {
            // 410: a sender disables the endpoint, so the remaining events are not sent.
            if (total)
                left = *total - sent;
            else
                while (next()) ++left;
            if (left > 0)
                fmt::print("endpoint gone (410): {} remaining event{} not sent\n", left,
                           left == 1 ? "" : "s");
            break;
        }
    }
    const std::size_t all = sent + left;
    fmt::print("{} of {} deliver{} to {} succeeded\n", delivered, all, all == 1 ? "y" : "ies", url);
    return delivered == all ? exit_code::ok : exit_code::failed;
}

} // namespace cli
