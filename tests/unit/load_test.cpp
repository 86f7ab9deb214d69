#include "atshook/delivery/load.hpp"
#include "atshook/error.hpp"
#include "loopback_server.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>

namespace {

using namespace std::chrono_literals;
using atshook::delivery::HttpExchange;
using atshook::delivery::HttpRequest;
using atshook::delivery::Outgoing;
using atshook::delivery::Sent;

// A fixed wall clock: send_load waits on its own steady clock, not through this one.
class FixedClock : public atshook::delivery::Clock {
public:
    std::chrono::sys_seconds now() override { return std::chrono::sys_seconds{1'700'000'000s}; }
    void sleep(std::chrono::milliseconds) override {}
};

// `count` events evt_0, evt_1, ... handed out safely to several threads.
class Events {
public:
    explicit Events(std::size_t count) : m_count(count) {}
    std::optional<Outgoing> operator()() {
        const std::size_t n = m_taken.fetch_add(1);
        if (n >= m_count) return std::nullopt;
        const std::string id = "evt_" + std::to_string(n);
        return Outgoing{"job.created", "", {id, R"({"id":")" + id + R"("})", std::nullopt}};
    }

private:
    std::size_t m_count;
    std::atomic<std::size_t> m_taken{0};
};

// Answers 204, except `failing`'s first attempt, which gets a 503 with Retry-After: 1.
class ScriptedClient : public atshook::delivery::HttpClient {
public:
    ScriptedClient() = default;
    ScriptedClient(std::string failing, std::shared_ptr<std::atomic<bool>> failed)
        : m_failing(std::move(failing)), m_failed(std::move(failed)) {}
    HttpExchange post(const HttpRequest& request) override {
        HttpExchange exchange;
        exchange.status = 204;
        exchange.latency = 1ms;
        const std::string* id = atshook::delivery::find_header(request.headers, "webhook-id");
        if (m_failed && id && *id == m_failing && !m_failed->exchange(true)) {
            exchange.status = 503;
            exchange.headers = {{"Retry-After", "1"}};
        }
        return exchange;
    }

private:
    std::string m_failing;
    std::shared_ptr<std::atomic<bool>> m_failed; // shared by the clients of one run
};

const atshook::delivery::Signer k_signer = [](std::string_view id, std::int64_t timestamp,
                                              std::string_view body) {
    return "v1," + std::string(id) + "/" + std::to_string(timestamp) + "/" +
           std::to_string(body.size());
};

struct Run {
    std::vector<Sent> sent;
    std::size_t attempts_seen = 0;
    atshook::delivery::LoadTally tally;
};

Run run_load(Events& events, const atshook::delivery::LoadOptions& options,
             const atshook::delivery::MakeConnections& make_connections,
             const std::string& url = "http://127.0.0.1:9/hook",
             const atshook::delivery::Signer& signer = k_signer) {
    Run run;
    FixedClock clock;
    std::atomic<bool> stop{false};
    atshook::delivery::send_load(
        [&] { return events(); }, url, signer, options, make_connections, clock, stop,
        [&](const Outgoing&, const atshook::delivery::Attempt&) { ++run.attempts_seen; },
        [&](const Sent& sent) {
            run.tally.add(sent);
            run.sent.push_back(sent);
        });
    return run;
}

std::set<std::string> ids_of(const std::vector<Sent>& sent) {
    std::set<std::string> ids;
    for (const auto& one : sent) ids.insert(one.outgoing.message.id);
    return ids;
}

} // namespace

TEST_CASE("send_load over 16 connections and 2 threads counts every delivery once") {
    Events events(500);
    atshook::delivery::LoadOptions options;
    options.concurrency = 16;
    options.threads = 2;
    const auto run = run_load(events, options, atshook::delivery::one_at_a_time([] {
                                  return std::unique_ptr<atshook::delivery::HttpClient>(
                                      std::make_unique<ScriptedClient>());
                              }));
    CHECK(run.sent.size() == 500);
    CHECK(ids_of(run.sent).size() == 500);
    CHECK(run.attempts_seen == 500);
    CHECK(run.tally.deliveries() == 500);
    CHECK(run.tally.delivered() == 500);
    CHECK(run.tally.attempts() == 500);
    CHECK(run.tally.latency().count == 500);
    CHECK(run.tally.statuses().at(204) == 500);
    for (const auto& one : run.sent) {
        REQUIRE(one.result.attempts.size() == 1);
        const auto& headers = one.result.attempts[0].request_headers;
        const std::string* id = atshook::delivery::find_header(headers, "webhook-id");
        REQUIRE(id);
        CHECK(*id == one.outgoing.message.id); // the body came back to its own delivery
        CHECK(one.outgoing.message.body == R"({"id":")" + *id + R"("})");
        CHECK(atshook::delivery::find_header(headers, "webhook-signature"));
    }
}

TEST_CASE("a delivery waiting for its retry holds up none of its thread's other connections") {
    Events events(40);
    atshook::delivery::LoadOptions options;
    options.concurrency = 4;
    options.threads = 1;
    options.policy.retries = 2;
    options.policy.scale = 0.3; // Retry-After: 1 waits 300 ms
    const auto failed = std::make_shared<std::atomic<bool>>(false);
    const auto run = run_load(events, options, atshook::delivery::one_at_a_time([failed] {
                                  return std::unique_ptr<atshook::delivery::HttpClient>(
                                      std::make_unique<ScriptedClient>("evt_1", failed));
                              }));
    REQUIRE(run.sent.size() == 40);
    // The other 39 went out over the other connections while evt_1 waited.
    CHECK(run.sent.back().outgoing.message.id == "evt_1");
    CHECK(run.sent.back().result.outcome == atshook::delivery::Outcome::delivered);
    REQUIRE(run.sent.back().result.attempts.size() == 2);
    CHECK(run.sent.back().result.attempts[0].retry_in == 300ms);
    CHECK(run.attempts_seen == 41);
    CHECK(run.tally.attempts() == 41);
    CHECK(run.tally.latency().count == 41);
    CHECK(run.tally.statuses().at(503) == 1);
    CHECK(run.tally.statuses().at(204) == 40);
}

TEST_CASE("send_load hands a signer's failure on a driver thread back to its caller") {
    Events events(100);
    atshook::delivery::LoadOptions options;
    options.concurrency = 8;
    options.threads = 2;
    const atshook::delivery::Signer failing = [](std::string_view id, std::int64_t,
                                                 std::string_view) -> std::string {
        if (id == "evt_50") throw atshook::Error("cannot sign evt_50");
        return "v1,x";
    };
    CHECK_THROWS_AS(run_load(events, options, atshook::delivery::one_at_a_time([] {
                                 return std::unique_ptr<atshook::delivery::HttpClient>(
                                     std::make_unique<ScriptedClient>());
                             }),
                             "http://127.0.0.1:9/hook", failing),
                    atshook::Error);
}

TEST_CASE("libcurl's multi interface delivers each event once to a loopback server, retries too") {
    test::LoopbackServer server({{503, "Service Unavailable", {{"Retry-After", "0"}}, "", 0ms},
                                 {204, "No Content", {}, "", 0ms}});
    Events events(12);
    atshook::delivery::LoadOptions options;
    options.concurrency = 4;
    options.threads = 2;
    options.policy.retries = 1;
    const auto run =
        run_load(events, options, atshook::delivery::make_curl_connections, server.url());
    REQUIRE(run.sent.size() == 12);
    CHECK(ids_of(run.sent).size() == 12);
    CHECK(run.tally.delivered() == 12);
    CHECK(run.tally.attempts() == 13);
    CHECK(run.tally.latency().count == 13);
    CHECK(run.tally.statuses().at(503) == 1);
    CHECK(run.tally.statuses().at(204) == 12);
    const auto received = server.received();
    REQUIRE(received.size() == 13);
    std::set<std::string> ids;
    for (const auto& request : received) {
        CHECK(request.method == "POST");
        const std::string& id = request.headers.at("webhook-id");
        ids.insert(id);
        CHECK(request.body == R"({"id":")" + id + R"("})");
        CHECK(request.headers.at("webhook-signature") ==
              "v1," + id + "/1700000000/" + std::to_string(request.body.size()));
        CHECK(request.headers.at("content-type") == "application/json");
        CHECK(request.headers.count("expect") == 0);
    }
    CHECK(ids.size() == 12);
}
