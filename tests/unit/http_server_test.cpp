// The libmicrohttpd adapter on a loopback port: what stop() promises the connections it meets.
#include "atshook/receive/http_server.hpp"
#include "raw_connection.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <thread>

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
    Answer on_request(ReceivedRequest&) override {
        if (!m_held.exchange(true)) {
            m_arrived.set_value();
            m_released.wait();
        }
        return {200, "ok\n", {}};
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
