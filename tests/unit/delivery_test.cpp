#include "atshook/delivery/delivery.hpp"
#include "loopback_server.hpp"

#include <doctest/doctest.h>

#include <deque>

namespace {

using namespace std::chrono_literals;
using atshook::delivery::Outcome;

// A clock that starts at a fixed time and moves only when delivery sleeps.
class FakeClock : public atshook::delivery::Clock {
public:
    std::chrono::sys_seconds now() override {
        return std::chrono::sys_seconds{1'700'000'000s} +
               std::chrono::duration_cast<std::chrono::seconds>(m_slept);
    }
    void sleep(std::chrono::milliseconds duration) override {
        m_sleeps.push_back(duration);
        m_slept += duration;
    }
    std::vector<std::chrono::milliseconds> m_sleeps;

private:
    std::chrono::milliseconds m_slept{0};
};

// Answers from a script and remembers what it was asked.
class ScriptedClient : public atshook::delivery::HttpClient {
public:
    explicit ScriptedClient(std::deque<atshook::delivery::HttpExchange> answers)
        : m_answers(std::move(answers)) {}
    atshook::delivery::HttpExchange post(const atshook::delivery::HttpRequest& request) override {
        m_requests.push_back(request);
        auto answer = m_answers.front();
        if (m_answers.size() > 1) m_answers.pop_front();
        return answer;
    }
    std::vector<atshook::delivery::HttpRequest> m_requests;

private:
    std::deque<atshook::delivery::HttpExchange> m_answers;
};

atshook::delivery::HttpExchange answer(int status,
                                       std::vector<atshook::delivery::Header> headers = {}) {
    atshook::delivery::HttpExchange exchange;
    exchange.status = status;
    exchange.headers = std::move(headers);
    return exchange;
}

atshook::delivery::HttpExchange network_error() {
    atshook::delivery::HttpExchange exchange;
    exchange.error = "Connection refused";
    return exchange;
}

const atshook::delivery::Signer k_signer = [](std::string_view id, std::int64_t timestamp,
                                              std::string_view body) {
    return "v1," + std::string(id) + "/" + std::to_string(timestamp) + "/" +
           std::to_string(body.size());
};

atshook::delivery::DeliveryResult send(ScriptedClient& client, FakeClock& clock, int retries) {
    return atshook::delivery::deliver({"wbhk_evt_1", R"({"type":"job.created"})", std::nullopt},
                                      "http://127.0.0.1:9/hook", k_signer, {retries, 1.0, 15s},
                                      client, clock);
}

} // namespace

TEST_CASE("the retry schedule is Standard Webhooks' 5 s, 5 min, 30 min, 2 h ... 24 h, scaled") {
    using atshook::delivery::scheduled_delay;
    CHECK(scheduled_delay(1, 1.0) == 5s);
    CHECK(scheduled_delay(2, 1.0) == 5min);
    CHECK(scheduled_delay(3, 1.0) == 30min);
    CHECK(scheduled_delay(4, 1.0) == 2h);
    CHECK(scheduled_delay(9, 1.0) == 24h);
    CHECK(scheduled_delay(15, 1.0) == 24h);
    CHECK(scheduled_delay(1, 0.001) == 5ms);
    CHECK(scheduled_delay(2, 0.0) == 0ms);
}

TEST_CASE("Retry-After is read as seconds or an HTTP-date, scaled and capped at a day") {
    using atshook::delivery::retry_after;
    const std::chrono::sys_seconds now{1'445'412'480s}; // Wed, 21 Oct 2015 07:28:00 GMT
    CHECK(retry_after("120", now, 1.0) == 120s);
    CHECK(retry_after(" 7 ", now, 0.001) == 7ms);
    CHECK(retry_after("Wed, 21 Oct 2015 07:29:00 GMT", now, 1.0) == 60s);
    CHECK(retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now, 1.0) == 0s);
    CHECK(retry_after("999999999999999999999", now, 1.0) == 24h);
    CHECK_FALSE(retry_after("soon", now, 1.0).has_value());
    CHECK_FALSE(retry_after("", now, 1.0).has_value());
}

TEST_CASE("a 2xx delivers at the first attempt with the three webhook headers") {
    ScriptedClient client({answer(204)});
    FakeClock clock;
    const auto result = send(client, clock, 3);
    CHECK(result.outcome == Outcome::delivered);
    REQUIRE(result.attempts.size() == 1);
    const auto& headers = client.m_requests[0].headers;
    CHECK(*atshook::delivery::find_header(headers, "content-type") == "application/json");
    CHECK(*atshook::delivery::find_header(headers, "webhook-id") == "wbhk_evt_1");
    CHECK(*atshook::delivery::find_header(headers, "webhook-timestamp") == "1700000000");
    CHECK(*atshook::delivery::find_header(headers, "webhook-signature") ==
          "v1,wbhk_evt_1/1700000000/22");
    CHECK(client.m_requests[0].body == R"({"type":"job.created"})");
    CHECK(clock.m_sleeps.empty());
}

TEST_CASE("a 500 is retried after 5 s, re-signed with a new timestamp and the same id") {
    ScriptedClient client({answer(500), answer(200)});
    FakeClock clock;
    const auto result = send(client, clock, 3);
    CHECK(result.outcome == Outcome::delivered);
    REQUIRE(result.attempts.size() == 2);
    CHECK(result.attempts[0].retry_in == 5s);
    CHECK(clock.m_sleeps == std::vector<std::chrono::milliseconds>{5s});
    CHECK(result.attempts[1].timestamp == result.attempts[0].timestamp + 5);
    const auto& second = client.m_requests[1].headers;
    CHECK(*atshook::delivery::find_header(second, "webhook-id") == "wbhk_evt_1");
    CHECK(*atshook::delivery::find_header(second, "webhook-timestamp") == "1700000005");
    CHECK(*atshook::delivery::find_header(second, "webhook-signature") ==
          "v1,wbhk_evt_1/1700000005/22");
}

TEST_CASE("429, 502 and network errors are retried until the retries run out") {
    ScriptedClient client({answer(429), answer(502), network_error()});
    FakeClock clock;
    const auto result = send(client, clock, 2);
    CHECK(result.outcome == Outcome::failed);
    CHECK(result.attempts.size() == 3);
    CHECK(clock.m_sleeps == std::vector<std::chrono::milliseconds>{5s, 5min});
    CHECK_FALSE(result.attempts.back().retry_in.has_value());
}

TEST_CASE("Retry-After replaces the scheduled wait") {
    ScriptedClient client({answer(503, {{"Retry-After", "42"}}), answer(200)});
    FakeClock clock;
    const auto result = send(client, clock, 1);
    CHECK(result.outcome == Outcome::delivered);
    CHECK(clock.m_sleeps == std::vector<std::chrono::milliseconds>{42s});
}

TEST_CASE("410 Gone stops at once, and 3xx and other 4xx fail without a retry") {
    FakeClock clock;
    SUBCASE("410") {
        ScriptedClient client({answer(410), answer(200)});
        const auto result = send(client, clock, 5);
        CHECK(result.outcome == Outcome::gone);
        CHECK(result.attempts.size() == 1);
    }
    SUBCASE("301") {
        ScriptedClient client({answer(301), answer(200)});
        const auto result = send(client, clock, 5);
        CHECK(result.outcome == Outcome::failed);
        CHECK(result.attempts.size() == 1);
    }
    SUBCASE("400") {
        ScriptedClient client({answer(400), answer(200)});
        CHECK(send(client, clock, 5).attempts.size() == 1);
    }
    CHECK(clock.m_sleeps.empty());
}

TEST_CASE("without retries a 500 fails after one attempt") {
    ScriptedClient client({answer(500), answer(200)});
    FakeClock clock;
    const auto result = send(client, clock, 0);
    CHECK(result.outcome == Outcome::failed);
    CHECK(result.attempts.size() == 1);
}

TEST_CASE("the report line of a response body is its first line, bounded and printable") {
    using atshook::delivery::first_line;
    CHECK(first_line("accepted\nsecond line") == "accepted");
    CHECK(first_line("a\tb\r\nc") == "a\\tb");
    CHECK(first_line(std::string(150, 'x'), 100) == std::string(100, 'x') + "...");
    CHECK(first_line("ééé", 3) == "é..."); // never half a UTF-8 character
    CHECK(first_line("") == "");
}

TEST_CASE("libcurl posts the exact bytes and headers to a loopback server and reads the answer") {
    test::LoopbackServer server({{201, "Created", {{"X-Handler", "test"}}, "stored\nmore", 0ms}});
    const std::string body = "{\"a\":\"é\"}\n\r\x01 trailing";
    auto client = atshook::delivery::make_curl_client();
    const auto exchange = client->post(
        {server.url(), {{"webhook-id", "msg_1"}, {"Content-Type", "application/json"}}, body, 5s});
    CHECK(exchange.error == "");
    CHECK(exchange.status == 201);
    CHECK(exchange.reason == "Created");
    CHECK(exchange.body == "stored\nmore");
    CHECK(*atshook::delivery::find_header(exchange.headers, "x-handler") == "test");
    const auto received = server.received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].method == "POST");
    CHECK(received[0].target == "/webhook");
    CHECK(received[0].body == body);
    CHECK(received[0].headers.at("webhook-id") == "msg_1");
    CHECK(received[0].headers.count("expect") == 0);
}

TEST_CASE("libcurl reports a redirect as the 3xx it is, without following it") {
    test::LoopbackServer server({{302, "Found", {{"Location", "/elsewhere"}}, "", 0ms}});
    auto client = atshook::delivery::make_curl_client();
    const auto exchange = client->post({server.url(), {}, "{}", 5s});
    CHECK(exchange.status == 302);
    CHECK(server.received().size() == 1);
}

TEST_CASE("libcurl gives up on a slow endpoint after the timeout and says so") {
    test::LoopbackServer server({{200, "OK", {}, "late", 3000ms}});
    auto client = atshook::delivery::make_curl_client();
    const auto exchange = client->post({server.url(), {}, "{}", 100ms});
    CHECK(exchange.status == 0);
    CHECK(exchange.timed_out);
    CHECK(exchange.error != "");
    CHECK(atshook::delivery::is_retryable(exchange));
}
