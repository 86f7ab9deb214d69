// emit --send as a handler bench, against scripted handlers served by libmicrohttpd in the test.
#include "cli/run_process.hpp"
#include "cli/secret_safe_run.hpp"

#include "atshook/error.hpp"
#include "atshook/receive/http_server.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/secret.hpp"
#include "atshook/signature/verify.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

namespace {

using namespace std::chrono_literals;
namespace receive = atshook::receive;

const std::string k_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

enum class Behaviour {
    correct,         // verifies, answers 2xx to a redelivery without processing it again
    accept_all,      // 200 to everything
    slow,            // takes 1.5 s
    fails_when_busy, // correct, but 500 while another request is in flight
};

class ScriptedHandler : public receive::RequestHandler {
public:
    explicit ScriptedHandler(Behaviour behaviour, std::chrono::milliseconds delay = 0ms)
        : m_behaviour(behaviour), m_delay(delay),
          m_secret(atshook::signature::parse_secret(k_secret, "test")) {}

    std::optional<receive::Answer> on_head(const receive::ReceivedRequest&,
                                           std::optional<std::uint64_t>) override {
        return std::nullopt;
    }
    receive::Answer on_too_large(const receive::ReceivedRequest&) override { return {413, "", {}}; }
    std::optional<receive::Answer> on_request(receive::ReceivedRequest& request,
                                              receive::AnswerLater) override {
        const int now_in_flight = ++m_in_flight;
        {
            const std::lock_guard lock(m_mutex);
            m_max_in_flight = std::max(m_max_in_flight, now_in_flight);
            ++m_requests;
        }
        const auto answer = decide(request, now_in_flight);
        --m_in_flight;
        return answer;
    }
    void on_finished(bool) override {}

    int max_in_flight() {
        const std::lock_guard lock(m_mutex);
        return m_max_in_flight;
    }
    int requests() {
        const std::lock_guard lock(m_mutex);
        return m_requests;
    }
    std::size_t processed() {
        const std::lock_guard lock(m_mutex);
        return m_processed.size();
    }

private:
    receive::Answer decide(const receive::ReceivedRequest& request, int in_flight) {
        if (m_delay.count() > 0) std::this_thread::sleep_for(m_delay);
        switch (m_behaviour) {
        case Behaviour::accept_all:
            return {200, "ok", {}};
        case Behaviour::slow:
            std::this_thread::sleep_for(1500ms);
            return {200, "ok", {}};
        case Behaviour::fails_when_busy:
            if (in_flight > 1) return {500, "busy", {}};
            break; // alone, it answers as the correct handler does
        case Behaviour::correct:
            break;
        }
        try {
            const auto headers = atshook::signature::find_delivery_headers(request.headers, "req");
            const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
            const auto result = atshook::signature::verify_delivery(
                headers, request.body, std::span(&m_secret, 1), {now, 300, true});
            if (!result.ok()) return {401, "no", {}};
            const std::lock_guard lock(m_mutex);
            m_processed.insert(headers.id->value); // a redelivery is answered, not redone
            return {204, "", {}};
        } catch (const atshook::Error&) {
            return {400, "no", {}};
        }
    }

    Behaviour m_behaviour;
    std::chrono::milliseconds m_delay;
    atshook::signature::Secret m_secret;
    std::atomic<int> m_in_flight{0};
    std::mutex m_mutex;
    int m_max_in_flight = 0;
    int m_requests = 0;
    std::set<std::string> m_processed;
};

struct Handler {
    explicit Handler(Behaviour behaviour, std::chrono::milliseconds delay = 0ms)
        : script(behaviour, delay), server(options(), script) {}
    static receive::ServerOptions options() {
        receive::ServerOptions result;
        result.thread_per_connection = true; // each request may sleep
        return result;
    }
    std::string url() const {
        return "http://127.0.0.1:" + std::to_string(server.port()) + "/hook";
    }
    ScriptedHandler script;
    receive::HttpServer server;
};

// The verdict column of `check`'s row in the table, or "" when the row is absent.
std::string verdict(const std::string& out, const std::string& check) {
    const std::regex row("\\n  " + check + " +\\d+ .* (pass|FAIL|-)\\n");
    std::smatch match;
    return std::regex_search(out, match, row) ? match[1].str() : "";
}

test::Run bench(const std::string& url, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"emit",   "all", "--count",         "4",
                                  "--seed", "11",  "--secret",        k_secret,
                                  "--send", url,   "--check-handler", "--check-ratio",
                                  "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::run_guarded(args);
}

const std::vector<std::string> k_rejections{"forged_body", "wrong_secret", "unsigned",
                                            "v1a_only",    "stale",        "future"};

} // namespace

TEST_CASE("the handler bench passes a handler that verifies and de-duplicates") {
    Handler handler(Behaviour::correct);
    const auto run = bench(handler.url(), {"--concurrency", "4"});
    CHECK(run.exit_code == 0);
    CHECK(verdict(run.out, "delivery") == "pass");
    CHECK(verdict(run.out, "redelivery") == "pass");
    for (const auto& check : k_rejections) {
        CAPTURE(check);
        CHECK(verdict(run.out, check) == "pass");
    }
    CHECK(verdict(run.out, "invalid_payload") == "-");
    // Redeliveries were answered without being processed again.
    CHECK(handler.script.processed() >= 76);
    CHECK(handler.script.requests() > static_cast<int>(handler.script.processed()) + 6);
}

TEST_CASE("the handler bench fails a handler that accepts everything, on exactly the forgeries") {
    Handler handler(Behaviour::accept_all);
    const auto run = bench(handler.url());
    CHECK(run.exit_code == 1);
    CHECK(verdict(run.out, "delivery") == "pass");
    CHECK(verdict(run.out, "redelivery") == "pass");
    for (const auto& check : k_rejections) {
        CAPTURE(check);
        CHECK(verdict(run.out, check) == "FAIL");
    }
}

TEST_CASE("the handler bench fails a slow handler on the deliveries it must accept") {
    Handler handler(Behaviour::slow);
    const auto run = test::run_guarded({"emit", "job.created", "--count", "3", "--secret", k_secret,
                                        "--send", handler.url(), "--check-handler", "--check-ratio",
                                        "1", "--timeout", "0.5", "--concurrency", "4"});
    CHECK(run.exit_code == 1);
    CHECK(verdict(run.out, "delivery") == "FAIL");
    CHECK(verdict(run.out, "redelivery") == "FAIL");
    CHECK(run.out.find("none x") != std::string::npos);
}

TEST_CASE("the handler bench fails a handler that answers 500 under concurrency") {
    Handler handler(Behaviour::fails_when_busy, 20ms);
    const auto run = bench(handler.url(), {"--concurrency", "8"});
    CHECK(run.exit_code == 1);
    CHECK(verdict(run.out, "delivery") == "FAIL");
    CHECK(run.out.find("500 x") != std::string::npos);
    for (const auto& check : k_rejections) {
        CAPTURE(check);
        CHECK(verdict(run.out, check) == "pass"); // a 500 is not a 2xx
    }
}

TEST_CASE("--concurrency keeps at most N deliveries in flight") {
    Handler handler(Behaviour::accept_all, 30ms);
    const auto run = test::run_guarded({"emit", "all", "--count", "3", "--secret", k_secret,
                                        "--send", handler.url(), "--concurrency", "8"});
    CHECK(run.exit_code == 0);
    CHECK(handler.script.requests() == 57);
    CHECK(handler.script.max_in_flight() <= 8);
    CHECK(handler.script.max_in_flight() >= 4); // they really overlap
    CHECK(run.out.find("57 of 57 deliveries") != std::string::npos);
    CHECK(run.out.find("statuses: 200 x 57,") != std::string::npos);
}

TEST_CASE("--rate 100 --duration 2s sends 200 deliveries, give or take 5%") {
    Handler handler(Behaviour::accept_all);
    const auto run = test::run_guarded({"emit", "interview.created", "--secret", k_secret, "--send",
                                        handler.url(), "--rate", "100", "--duration", "2s",
                                        "--concurrency", "4", "--format", "json"});
    CHECK(run.exit_code == 0);
    CHECK(handler.script.requests() >= 190);
    CHECK(handler.script.requests() <= 210);
    CHECK(run.out.find("\"deliveries\": " + std::to_string(handler.script.requests())) !=
          std::string::npos);
}

TEST_CASE("emit --send refuses a bad duration, and --check-handler without --send") {
    CHECK(test::run_ats({"emit", "all", "--secret", k_secret, "--send", "http://127.0.0.1:9/",
                         "--duration", "soon"})
              .exit_code == 2);
    CHECK(test::run_ats({"emit", "all", "--check-handler"}).exit_code == 2);
}
