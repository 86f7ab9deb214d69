#pragma once
// What `listen` does with each request: judge it, number redeliveries, keep it, pass it on to
// the developer's handler, answer, and report. The server adapter calls it; so can a test.
#include "atshook/delivery/http_client.hpp"
#include "atshook/receive/capture_store.hpp"
#include "atshook/receive/http_server.hpp"
#include "atshook/receive/judge.hpp"
#include "atshook/receive/redelivery.hpp"
#include "atshook/validation.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace atshook::receive {

// How the developer's handler answered a forwarded delivery, judged against the verdict.
enum class ForwardWarning {
    accepted_forged, // 2xx to a delivery whose signature is bad, malformed or missing
    accepted_stale,  // 2xx to a delivery outside the timestamp tolerance
    rejected_good,   // non-2xx to a delivery that verified
    slow,            // answered after the sender's usual timeout (15 s)
    redirect,        // 3xx: senders do not follow redirects
    no_answer,       // connection refused, timeout, ...: the sender got 502
};

// The warnings for a handler's `exchange` with a delivery judged `judgement`.
std::vector<ForwardWarning> forward_warnings(const Judgement& judgement,
                                             const delivery::HttpExchange& exchange,
                                             std::chrono::milliseconds slow_after);
// One sentence for people, naming the usual causes where there are some.
std::string_view forward_warning_text(ForwardWarning warning);
std::string_view forward_warning_code(ForwardWarning warning);

struct ForwardResult {
    delivery::HttpExchange exchange;
    std::vector<ForwardWarning> warnings;
};

// Everything known about one request once it is answered.
struct DeliveryReport {
    const ReceivedRequest* request = nullptr; // valid during the report call only
    Judgement judgement;
    std::string id;   // the webhook-id as received ("" when absent)
    std::string type; // the payload's event type ("" when unknown)
    int attempt = 0;  // 1, 2, ... for the times this webhook-id arrived; 0 without an id
    std::optional<ForwardResult> forward;
    std::string saved_as;   // file name inside the save directory
    std::string save_error; // set when keeping it failed (the sender got 500)
    Answer answer;          // what the sender got
    std::chrono::microseconds took{0};
};

struct ReceiverOptions {
    ReceiveOptions judge;
    ValidateOptions validate;
    std::string forward_to; // "" to answer the sender ourselves
    std::chrono::milliseconds forward_timeout{60'000};
    std::chrono::milliseconds slow_after{15'000};
    CaptureStore* store = nullptr; // null: keep nothing
    std::function<std::int64_t()> now;                                  // Unix seconds
    std::function<std::unique_ptr<delivery::HttpClient>()> make_client; // for forwarding
};

class Receiver : public RequestHandler {
public:
    // `report` is called once per request answered, from the server's threads, several at
    // once; `finished` after each answered request is over, with the count so far.
    Receiver(ReceiverOptions options, std::function<void(const DeliveryReport&)> report,
             std::function<void(std::size_t)> finished = {});
    ~Receiver() override;

    std::optional<Answer> on_head(const ReceivedRequest& head,
                                  std::optional<std::uint64_t> content_length) override;
    Answer on_too_large(const ReceivedRequest& head) override;
    std::optional<Answer> on_request(ReceivedRequest& request, AnswerLater later) override;
    void on_finished(bool sent) override;

private:
    Answer refused(const ReceivedRequest& request, Judgement judgement);
    // Forwards (when asked and the delivery was kept), settles the answer and reports.
    Answer finish(DeliveryReport& report);
    std::unique_ptr<Validator> take_validator();
    void give_back(std::unique_ptr<Validator> validator);

    ReceiverOptions m_options;
    std::function<void(const DeliveryReport&)> m_report;
    std::function<void(std::size_t)> m_finished;
    RedeliveryLog m_redeliveries;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Validator>> m_validators;
    std::atomic<std::size_t> m_finished_count{0};
};

} // namespace atshook::receive
