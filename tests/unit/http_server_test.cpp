// The libmicrohttpd adapter on a loopback port: what stop() promises the connections it meets.
#include "atshook/receive/http_server.hpp"
#include "raw_connection.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace atshook::receive;
using namespace std::chrono_literals;

namespace {

// Answers 200, holding the first request until release().
class HoldingHandler : public RequestHandler {
public:
    std::optional<Answer> on_head(const ReceivedRequest&, std::optional<std::uint64_t>) override {
        return std::nullopt;
    }
    Answer on_too_large(const ReceivedRequest&) override { return {413, "too large\n", {}}; }
    std::optional<Answer> on_request(ReceivedRequest&, AnswerLater) override {
        if (!m_held.exchange(true)) {
            m_arrived.set_value();
            m_released.wait();
        }
        return Answer{200, "ok\n", {}};
    }
    void on_finished(bool) override {}

    bool arrived_within(std::chrono::seconds wait) {
        return m_arrived_future.wait_for(wait) == std::future_status::ready;
    }
    void release() { m_release.set_value(); }

private:
    std::atomic<bool> m_held{false};
    std::promise<void> m_arrived;
    std::future<void> m_arrived_future = m_arrived.get_future();
    std::promise<void> m_release;
    std::shared_future<void> m_released = m_release.get_future().share();
};

} // namespace

TEST_CASE("stop lets the request in progress finish and closes new connections at once") {
    HoldingHandler handler;
    ServerOptions options;
    options.threads = 2; // one worker holds the request, the other takes new connections
    HttpServer server(options, handler);
    std::string answer;
    std::thread sender([&] {
        answer = test::raw_exchange(server.port(),
                                    "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                    "0\r\nConnection: close\r\n\r\n",
                                    false, 30'000ms);
    });
    const bool arrived = handler.arrived_within(20s);
    std::thread stopper([&] { server.stop(30s); });
    // Until stop begins, a new connection waits for its request; from then on it is closed
    // unanswered as soon as it is accepted.
    bool turned_away = false;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (arrived && !turned_away && std::chrono::steady_clock::now() < deadline) {
        test::RawConnection late(server.port());
        turned_away = late.read(50ms).empty() && late.closed();
    }
    handler.release();
    stopper.join();
    sender.join();
    REQUIRE(arrived);
    CHECK(turned_away);
    CHECK(test::status_of(answer) == 200);
}

namespace {

// Answers nothing at once: keeps each request's AnswerLater, in arrival order, for the test to
// answer from its own thread.
class LaterHandler : public RequestHandler {
public:
    std::optional<Answer> on_head(const ReceivedRequest&, std::optional<std::uint64_t>) override {
        return std::nullopt;
    }
    Answer on_too_large(const ReceivedRequest&) override { return {413, "too large\n", {}}; }
    std::optional<Answer> on_request(ReceivedRequest& request, AnswerLater later) override {
        const std::lock_guard lock(m_mutex);
        m_waiting.push_back({request.target, std::move(later)});
        m_arrived.notify_all();
        return std::nullopt;
    }
    void on_finished(bool sent) override {
        if (sent) ++m_sent;
    }

    // Waits up to 20 s for `count` requests to be waiting; false if they did not come.
    bool wait_for(std::size_t count) {
        std::unique_lock lock(m_mutex);
        return m_arrived.wait_for(lock, 20s, [&] { return m_waiting.size() >= count; });
    }
    // Answers the waiting request `index` with 200 and its target as the body, from this thread.
    void answer(std::size_t index) {
        const std::lock_guard lock(m_mutex);
        const auto& [target, later] = m_waiting.at(index);
        later.answer_with([target = target] { return Answer{200, target + "\n", {}}; });
    }
    // Drops every AnswerLater without answering.
    void forget() {
        const std::lock_guard lock(m_mutex);
        m_waiting.clear();
    }
    int sent() const { return m_sent.load(); }

private:
    std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::vector<std::pair<std::string, AnswerLater>> m_waiting;
    std::atomic<int> m_sent{0};
};

std::string request_for(const std::string& target) {
    return "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
}

} // namespace

TEST_CASE("a request answered later waits suspended, and its thread serves other connections") {
    for (const bool thread_per_connection : {false, true}) {
        CAPTURE(thread_per_connection);
        LaterHandler handler;
        ServerOptions options;
        options.threads = 1; // one thread: a request waiting on it would hold up all the others
        options.thread_per_connection = thread_per_connection;
        HttpServer server(options, handler);
        constexpr std::size_t k_connections = 6;
        std::vector<std::unique_ptr<test::RawConnection>> connections;
        for (std::size_t i = 0; i < k_connections; ++i) {
            connections.push_back(std::make_unique<test::RawConnection>(server.port()));
            REQUIRE(connections.back()->send_bytes(request_for("/r" + std::to_string(i))));
            // Each request reaches the handler while the ones before it still wait.
            REQUIRE(handler.wait_for(i + 1));
        }
        // Answered last to first, each from this thread; each connection gets its own answer.
        for (std::size_t i = k_connections; i-- > 0;) {
            handler.answer(i);
            const std::string answer = connections[i]->read(5000ms, "/r" + std::to_string(i));
            CHECK(test::status_of(answer) == 200);
            CHECK(answer.ends_with("\r\n\r\n/r" + std::to_string(i) + "\n"));
        }
        // The connections are kept alive: a second request on the first one is answered too.
        REQUIRE(connections[0]->send_bytes(request_for("/again")));
        REQUIRE(handler.wait_for(k_connections + 1));
        handler.answer(k_connections);
        CHECK(connections[0]->read(5000ms, "/again\n").ends_with("/again\n"));
        server.stop(5s);
        CHECK(handler.sent() == static_cast<int>(k_connections + 1));
    }
}

TEST_CASE("stop closes requests still waiting for a later answer, and a late answer is harmless") {
    for (const bool thread_per_connection : {false, true}) {
        CAPTURE(thread_per_connection);
        LaterHandler handler;
        ServerOptions options;
        options.thread_per_connection = thread_per_connection;
        std::vector<std::unique_ptr<test::RawConnection>> connections;
        {
            HttpServer server(options, handler);
            for (int i = 0; i < 3; ++i) {
                connections.push_back(std::make_unique<test::RawConnection>(server.port()));
                REQUIRE(connections.back()->send_bytes(request_for("/w" + std::to_string(i))));
                REQUIRE(handler.wait_for(static_cast<std::size_t>(i) + 1)); // in this order
            }
            handler.answer(1);
            CHECK(test::status_of(connections[1]->read(5000ms, "/w1\n")) == 200);
            // libmicrohttpd aborts when stopped with a suspended connection: stop must resume
            // the two still waiting and close them unanswered.
            server.stop(100ms);
            CHECK(connections[0]->read(5000ms).empty());
            CHECK(connections[0]->closed());
            CHECK(connections[2]->read(5000ms).empty());
            CHECK(connections[2]->closed());
            handler.answer(2); // after stop, before the server is gone
        }
        handler.answer(0); // after the server is gone
        handler.forget();
        CHECK(handler.sent() == 1);
    }
}

namespace {

// Answers from the target: /same -> 200 "same", /header -> 201 "same" with X-Extra, /other ->
// 404 "other", /long -> 200 and 1000 bytes.
class TargetHandler : public RequestHandler {
public:
    std::optional<Answer> on_head(const ReceivedRequest&, std::optional<std::uint64_t>) override {
        return std::nullopt;
    }
    Answer on_too_large(const ReceivedRequest&) override { return {413, "too large\n", {}}; }
    std::optional<Answer> on_request(ReceivedRequest& request, AnswerLater) override {
        if (request.target == "/header") return Answer{201, "same", {{"X-Extra", "1", 0}}};
        if (request.target == "/other") return Answer{404, "other", {}};
        if (request.target == "/long") return Answer{200, std::string(1000, 'x'), {}};
        return Answer{200, "same", {}};
    }
    void on_finished(bool) override {}
};

} // namespace

TEST_CASE("answers that follow one another on a thread each keep their status, headers and body") {
    TargetHandler handler;
    ServerOptions options;
    options.threads = 1;
    HttpServer server(options, handler);
    test::RawConnection connection(server.port());
    for (const std::string target :
         {"/same", "/same", "/header", "/same", "/other", "/long", "/same", "/header"}) {
        CAPTURE(target);
        REQUIRE(connection.send_bytes("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        const std::string until = target == "/other"  ? "\r\n\r\nother"
                                  : target == "/long" ? std::string(1000, 'x')
                                                      : "\r\n\r\nsame";
        const std::string answer = connection.read(5000ms, until);
        const bool extra = answer.find("X-Extra: 1\r\n") != std::string::npos;
        CHECK(extra == (target == "/header"));
        if (target == "/same") CHECK((test::status_of(answer) == 200 && answer.ends_with("same")));
        if (target == "/header") CHECK(test::status_of(answer) == 201);
        if (target == "/other")
            CHECK((test::status_of(answer) == 404 && answer.ends_with("other")));
        if (target == "/long") CHECK(answer.ends_with("\r\n\r\n" + std::string(1000, 'x')));
    }
}
