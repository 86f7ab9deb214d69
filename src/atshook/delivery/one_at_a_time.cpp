#include "atshook/delivery/http_client.hpp"

#include <deque>
#include <thread>
#include <utility>

namespace atshook::delivery {
namespace {

class OneAtATime final : public HttpConnections {
public:
    OneAtATime(std::function<std::unique_ptr<HttpClient>()> make_client, std::size_t slots)
        : m_make_client(std::move(make_client)), m_clients(slots) {}

    void start(std::size_t slot, const HttpRequest& request) override {
        m_started.push_back({slot, &request});
    }

    void wait(std::chrono::milliseconds timeout, std::vector<Finished>& finished) override {
        if (m_started.empty()) {
            std::this_thread::sleep_for(timeout);
            return;
        }
        const auto [slot, request] = m_started.front();
        m_started.pop_front();
        auto& client = m_clients.at(slot);
        if (!client) client = m_make_client();
        finished.push_back({slot, client->post(*request)});
    }

private:
    std::function<std::unique_ptr<HttpClient>()> m_make_client;
    std::vector<std::unique_ptr<HttpClient>> m_clients;
    std::deque<std::pair<std::size_t, const HttpRequest*>> m_started;
};

} // namespace

MakeConnections one_at_a_time(std::function<std::unique_ptr<HttpClient>()> make_client) {
    return [make_client = std::move(make_client)](std::size_t slots) {
        return std::unique_ptr<HttpConnections>(std::make_unique<OneAtATime>(make_client, slots));
    };
}

} // namespace atshook::delivery
