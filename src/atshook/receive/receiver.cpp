#include "atshook/receive/receiver.hpp"

#include "atshook/error.hpp"

#include <fmt/format.h>

namespace atshook::receive {
namespace {

bool is_2xx(int status) {
    return status >= 200 && status < 300;
}

std::string header_value(const HeaderFields& headers, std::string_view name) {
    const auto found = find_headers(headers, name);
    return found.empty() ? std::string() : found.front()->value;
}

} // namespace

std::vector<ForwardWarning> forward_warnings(const Judgement& judgement,
                                             const delivery::HttpExchange& exchange,
                                             std::chrono::milliseconds slow_after) {
    std::vector<ForwardWarning> warnings;
    if (exchange.status == 0) {
        warnings.push_back(ForwardWarning::no_answer);
        return warnings;
    }
    const Verdict verdict = judgement.verdict;
    const bool forged = verdict == Verdict::bad_signature || verdict == Verdict::malformed_header ||
                        verdict == Verdict::missing_header;
    if (is_2xx(exchange.status) && forged) warnings.push_back(ForwardWarning::accepted_forged);
    if (is_2xx(exchange.status) && verdict == Verdict::stale)
        warnings.push_back(ForwardWarning::accepted_stale);
    const bool verified = judgement.signature && judgement.signature->ok();
    if (exchange.status >= 300 && exchange.status < 400)
        warnings.push_back(ForwardWarning::redirect);
    else if (!is_2xx(exchange.status) && verified)
        warnings.push_back(ForwardWarning::rejected_good);
    if (exchange.latency > slow_after) warnings.push_back(ForwardWarning::slow);
    return warnings;
}

std::string_view forward_warning_text(ForwardWarning warning) {
    switch (warning) {
    case ForwardWarning::accepted_forged:
        return "your handler accepted a forged delivery: it answered 2xx although the signature "
               "does not verify; it must check webhook-signature and answer 4xx";
    case ForwardWarning::accepted_stale:
        return "your handler accepted a stale delivery: it answered 2xx although the timestamp is "
               "outside the tolerance, so a captured delivery could be replayed to it";
    case ForwardWarning::rejected_good:
        return "your handler rejected a delivery that verified; the usual causes: it verified a "
               "body its framework had parsed and serialized again instead of the raw bytes; it "
               "used the secret's text as the HMAC key instead of the base64-decoded bytes after "
               "whsec_; its clock is skewed past its tolerance";
    case ForwardWarning::slow:
        return "your handler took longer than 15 s: senders give up after about that long and "
               "deliver again; answer first, then do the work";
    case ForwardWarning::redirect:
        return "your handler answered with a redirect: senders do not follow redirects and count "
               "it as a failure";
    case ForwardWarning::no_answer:
        return "your handler did not answer; the sender was told 502";
    }
    return "";
}

std::string_view forward_warning_code(ForwardWarning warning) {
    switch (warning) {
    case ForwardWarning::accepted_forged:
        return "accepted_forged";
    case ForwardWarning::accepted_stale:
        return "accepted_stale";
    case ForwardWarning::rejected_good:
        return "rejected_good";
    case ForwardWarning::slow:
        return "slow";
    case ForwardWarning::redirect:
        return "redirect";
    case ForwardWarning::no_answer:
        return "no_answer";
    }
    return "";
}

Receiver::Receiver(ReceiverOptions options, std::function<void(const DeliveryReport&)> report,
                   std::function<void(std::size_t)> finished)
    : m_options(std::move(options)), m_report(std::move(report)), m_finished(std::move(finished)) {
    if (!m_options.now)
        m_options.now = [] {
            return std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
}

Receiver::~Receiver() = default;

std::unique_ptr<Validator> Receiver::take_validator() {
    {
        const std::lock_guard lock(m_mutex);
        if (!m_validators.empty()) {
            auto validator = std::move(m_validators.back());
            m_validators.pop_back();
            return validator;
        }
    }
    return std::make_unique<Validator>(m_options.validate);
}

void Receiver::give_back(std::unique_ptr<Validator> validator) {
    const std::lock_guard lock(m_mutex);
    m_validators.push_back(std::move(validator));
}

Answer Receiver::refused(const ReceivedRequest& request, Judgement judgement) {
    DeliveryReport report;
    report.request = &request;
    report.answer = judgement.answer;
    report.judgement = std::move(judgement);
    report.id = header_value(request.headers, "webhook-id");
    report.took = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - request.started);
    if (m_report) m_report(report);
    return report.answer;
}

std::optional<Answer> Receiver::on_head(const ReceivedRequest& head,
                                        std::optional<std::uint64_t> content_length) {
    auto judgement =
        screen_request(head.method, head.target, head.headers, content_length, m_options.judge);
    if (!judgement) return std::nullopt;
    return refused(head, std::move(*judgement));
}

Answer Receiver::on_too_large(const ReceivedRequest& head) {
    return refused(head, too_large(m_options.judge));
}

std::optional<Answer> Receiver::on_request(ReceivedRequest& request, AnswerLater later) {
    DeliveryReport report;
    report.request = &request;
    {
        auto validator = take_validator();
        report.judgement = judge_delivery(request.headers, request.body, m_options.judge,
                                          *validator, m_options.now());
        give_back(std::move(validator));
    }
    const Judgement& judgement = report.judgement;
    if (judgement.headers && judgement.headers->id) report.id = judgement.headers->id->value;
    if (judgement.payload) report.type = judgement.payload->event_type;
    if (!report.id.empty()) report.attempt = m_redeliveries.record(report.id);
    report.answer = judgement.answer;
    if (!m_options.store) return finish(report);

    // The answer waits, the connection suspended, until the file is in place: a 2xx says the
    // delivery is kept. The writer only passes the outcome on; a server thread finishes.
    auto pending = std::make_shared<DeliveryReport>(std::move(report));
    try {
        m_options.store->submit(
            capture_file_name(request.arrival, pending->id),
            format_http_request(HttpRequest{request.method, request.target, request.version,
                                            request.headers, request.body}),
            [this, pending, later](SaveOutcome outcome) {
                later.answer_with([this, pending, outcome = std::move(outcome)] {
                    pending->saved_as = outcome.name;
                    pending->save_error = outcome.error;
                    return finish(*pending);
                });
            });
    } catch (const Error& e) {
        pending->save_error = e.what();
        return finish(*pending);
    }
    return std::nullopt;
}

Answer Receiver::finish(DeliveryReport& report) {
    const ReceivedRequest& request = *report.request;
    if (!m_options.forward_to.empty() && report.save_error.empty()) {
        delivery::HttpRequest forwarded{
            m_options.forward_to, {}, request.body, m_options.forward_timeout};
        for (const auto& field : request.headers)
            if (!is_hop_by_hop_header(field.name))
                forwarded.headers.push_back({field.name, field.value});
        auto client =
            m_options.make_client ? m_options.make_client() : delivery::make_curl_client();
        ForwardResult forward{client->post(forwarded), {}};
        forward.warnings =
            forward_warnings(report.judgement, forward.exchange, m_options.slow_after);
        if (forward.exchange.status == 0) {
            report.answer = {502,
                             "ats-hook: the handler at " + m_options.forward_to +
                                 " did not answer: " + forward.exchange.error + "\n",
                             {}};
        } else {
            report.answer = {forward.exchange.status, forward.exchange.body, {}};
            if (const auto* type = delivery::find_header(forward.exchange.headers, "Content-Type"))
                report.answer.headers.push_back({"Content-Type", *type, 0});
        }
        report.forward = std::move(forward);
    }
    // Not kept, so not acknowledged: the sender will deliver it again.
    if (!report.save_error.empty())
        report.answer = {500, "ats-hook could not keep this delivery; deliver it again\n", {}};
    else if (m_options.judge.respond)
        report.answer.status = *m_options.judge.respond;
    report.took = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - request.started);
    if (m_report) m_report(report);
    return report.answer;
}

void Receiver::on_finished(bool) {
    const std::size_t count = m_finished_count.fetch_add(1) + 1;
    if (m_finished) m_finished(count);
}

} // namespace atshook::receive
