#pragma once
// Delivering an event the way a Standard Webhooks sender does: signed POSTs, retried on the
// spec's schedule, with the same webhook-id and a fresh timestamp and signature per attempt.
#include "atshook/delivery/http_client.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::delivery {

// Time as delivery sees it: the wall clock for webhook-timestamp, and waiting between
// attempts. Tests pass a fake one and do not wait. send_load calls now() from several threads
// at once and waits for retries on its own steady clock, not through sleep().
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::sys_seconds now() = 0;
    virtual void sleep(std::chrono::milliseconds duration) = 0;
};

struct RetryPolicy {
    int retries = 0;    // attempts after the first
    double scale = 1.0; // multiplies every wait (schedule and Retry-After); 0.001 turns s into ms
    std::chrono::milliseconds timeout{15'000};
};

// The wait before retry `retry` (1-based): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h
// (the Standard Webhooks schedule; later retries wait 24 h), times `scale`.
std::chrono::milliseconds scheduled_delay(int retry, double scale);

// A Retry-After value (delay-seconds or an HTTP-date, RFC 9110) as a wait from `now`, times
// `scale`; nullopt when it is neither. Waits are capped at 24 h.
std::optional<std::chrono::milliseconds> retry_after(std::string_view value,
                                                     std::chrono::sys_seconds now, double scale);

// Makes the webhook-signature value for one attempt; null means send unsigned.
using Signer =
    std::function<std::string(std::string_view id, std::int64_t timestamp, std::string_view body)>;

// The headers of a signed delivery: Content-Type: application/json, webhook-id,
// webhook-timestamp and, unless `signature` is empty, webhook-signature.
std::vector<Header> webhook_headers(std::string_view id, std::int64_t timestamp,
                                    std::string_view signature);

struct Message {
    std::string id;   // webhook-id: the same on every attempt
    std::string body; // sent byte for byte
    // When set, these headers go out unchanged on every attempt instead of Content-Type and
    // fresh webhook headers (replaying a capture exactly); the signer is not called.
    std::optional<std::vector<Header>> headers;
};

enum class Outcome {
    delivered, // a 2xx
    failed,    // 3xx, 4xx, or retries used up on 429 / 5xx / network errors
    gone,      // 410: a real sender would disable the endpoint, so no retry
};

struct Attempt {
    int number = 1;
    std::int64_t timestamp = 0;          // the webhook-timestamp it carried
    std::vector<Header> request_headers; // as sent (for request files)
    HttpExchange exchange;
    std::optional<std::chrono::milliseconds> retry_in; // set when another attempt follows
};

struct DeliveryResult {
    Outcome outcome = Outcome::failed;
    std::vector<Attempt> attempts;
};

// The headers attempt `number` of `message` carries at `timestamp`, into `headers` (its strings'
// buffers reused): the message's own when it has them, else webhook_headers() signed by `signer`.
void attempt_headers(const Message& message, std::int64_t timestamp, const Signer& signer,
                     std::vector<Header>& headers);

// Once `attempt.exchange` has arrived: the delivery's outcome, or nullopt when another attempt
// follows, with `attempt.retry_in` set (the schedule, or the answer's Retry-After).
std::optional<Outcome> judge_attempt(Attempt& attempt, const RetryPolicy& policy, Clock& clock);

// Sends `message` to `url`; calls `on_attempt` after each attempt (before any wait) so a
// caller can report progress as it happens.
DeliveryResult deliver(const Message& message, const std::string& url, const Signer& signer,
                       const RetryPolicy& policy, HttpClient& client, Clock& clock,
                       const std::function<void(const Attempt&)>& on_attempt = {});

bool is_retryable(const HttpExchange& exchange);

// The first line of a response body, at most `limit` bytes, control characters escaped, for
// one-line reports.
std::string first_line(std::string_view body, std::size_t limit = 100);

} // namespace atshook::delivery
