#include "atshook/delivery/delivery.hpp"
#include "atshook/white_space.hpp"

#include "atshook/printable.hpp"

#include <date/date.h>

#include <array>
#include <charconv>
#include <cmath>
#include <sstream>

namespace atshook::delivery {
namespace {

using namespace std::chrono_literals;

constexpr std::array<std::chrono::seconds, 9> k_schedule{5s,  5min, 30min, 2h, 5h,
                                                         10h, 14h,  20h,   24h};
constexpr std::chrono::seconds k_longest_wait = 24h;

std::chrono::milliseconds scaled(std::chrono::milliseconds wait, double scale) {
    const double ms = std::round(static_cast<double>(wait.count()) * scale);
    return std::chrono::milliseconds{static_cast<std::int64_t>(ms < 0 ? 0 : ms)};
}

bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
        };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

} // namespace

const std::string* find_header(const std::vector<Header>& headers, std::string_view name) {
    for (const auto& header : headers)
        if (same_name(header.name, name)) return &header.value;
    return nullptr;
}

std::vector<Header> webhook_headers(std::string_view id, std::int64_t timestamp,
                                    std::string_view signature) {
    std::vector<Header> headers{{"Content-Type", "application/json"},
                                {"webhook-id", std::string(id)},
                                {"webhook-timestamp", std::to_string(timestamp)}};
    if (!signature.empty()) headers.push_back({"webhook-signature", std::string(signature)});
    return headers;
}

std::chrono::milliseconds scheduled_delay(int retry, double scale) {
    const std::size_t index =
        std::min(static_cast<std::size_t>(retry < 1 ? 1 : retry), k_schedule.size()) - 1;
    return scaled(k_schedule[index], scale);
}

std::optional<std::chrono::milliseconds> retry_after(std::string_view value,
                                                     std::chrono::sys_seconds now, double scale) {
    value = trim_white_space(value);
    if (value.empty()) return std::nullopt;
    std::chrono::seconds wait{};
    if (value.find_first_not_of("0123456789") == std::string_view::npos) {
        std::int64_t seconds = 0;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (error != std::errc{}) seconds = k_longest_wait.count(); // too many digits: huge
        wait = std::chrono::seconds{seconds};
    } else {
        std::istringstream in{std::string(value)};
        std::chrono::sys_seconds when;
        in >> date::parse("%a, %d %b %Y %H:%M:%S GMT", when);
        if (in.fail()) return std::nullopt;
        wait = when > now ? when - now : 0s;
    }
    return scaled(std::min(wait, k_longest_wait), scale);
}

bool is_retryable(const HttpExchange& exchange) {
    return exchange.status == 0 || exchange.status == 429 || exchange.status >= 500;
}

void attempt_headers(const Message& message, std::int64_t timestamp, const Signer& signer,
                     std::vector<Header>& headers) {
    if (message.headers) {
        headers = *message.headers;
        return;
    }
    const std::string signature = signer ? signer(message.id, timestamp, message.body) : "";
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), timestamp).ptr;
    headers.resize(signature.empty() ? 3 : 4);
    headers[0].name.assign("Content-Type");
    headers[0].value.assign("application/json");
    headers[1].name.assign("webhook-id");
    headers[1].value.assign(message.id);
    headers[2].name.assign("webhook-timestamp");
    headers[2].value.assign(digits.data(), end);
    if (!signature.empty()) {
        headers[3].name.assign("webhook-signature");
        headers[3].value.assign(signature);
    }
}

std::optional<Outcome> judge_attempt(Attempt& attempt, const RetryPolicy& policy, Clock& clock) {
    const int status = attempt.exchange.status;
    if (status >= 200 && status < 300) return Outcome::delivered;
    if (status == 410) return Outcome::gone;
    if (!is_retryable(attempt.exchange) || attempt.number > policy.retries) return Outcome::failed;
    const std::string* header = find_header(attempt.exchange.headers, "Retry-After");
    std::optional<std::chrono::milliseconds> wait;
    if (header) wait = retry_after(*header, clock.now(), policy.scale);
    attempt.retry_in = wait ? *wait : scheduled_delay(attempt.number, policy.scale);
    return std::nullopt;
}

DeliveryResult deliver(const Message& message, const std::string& url, const Signer& signer,
                       const RetryPolicy& policy, HttpClient& client, Clock& clock,
                       const std::function<void(const Attempt&)>& on_attempt) {
    DeliveryResult result;
    for (int number = 1;; ++number) {
        Attempt attempt;
        attempt.number = number;
        attempt.timestamp = clock.now().time_since_epoch().count();
        HttpRequest request{url, {}, message.body, policy.timeout};
        attempt_headers(message, attempt.timestamp, signer, request.headers);
        attempt.request_headers = request.headers;
        attempt.exchange = client.post(request);
        if (const auto outcome = judge_attempt(attempt, policy, clock)) result.outcome = *outcome;
        const auto retry_in = attempt.retry_in;
        result.attempts.push_back(std::move(attempt));
        if (on_attempt) on_attempt(result.attempts.back());
        if (!retry_in) return result;
        clock.sleep(*retry_in);
    }
}

std::string first_line(std::string_view body, std::size_t limit) {
    const auto end = body.find_first_of("\r\n");
    std::string_view line = body.substr(0, end);
    std::size_t cut = std::min(limit, line.size());
    // Cut between characters, not inside a UTF-8 sequence.
    while (cut < line.size() && cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
        --cut;
    std::string text = printable(line.substr(0, cut));
    if (line.size() > limit) text += "...";
    return text;
}

} // namespace atshook::delivery
