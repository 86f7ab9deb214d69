#include "atshook/delivery/http_client.hpp"
#include "atshook/network/module.hpp"
#include "atshook/white_space.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace atshook::delivery {
namespace {

constexpr std::size_t k_max_body = 1 << 20;

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* exchange = static_cast<HttpExchange*>(user);
    const std::size_t bytes = size * count;
    if (exchange->body.size() < k_max_body)
        exchange->body.append(data, std::min(bytes, k_max_body - exchange->body.size()));
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* exchange = static_cast<HttpExchange*>(user);
    const std::size_t bytes = size * count;
    const std::string_view line(data, bytes);
    if (line.starts_with("HTTP/")) {
        // A new status line (after a 100 Continue, say) starts the headers afresh.
        exchange->headers.clear();
        const auto first = line.find(' ');
        const auto second = first == std::string_view::npos ? first : line.find(' ', first + 1);
        exchange->reason = second == std::string_view::npos
                               ? ""
                               : std::string(trim_white_space(line.substr(second + 1)));
        return bytes;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos)
        exchange->headers.push_back({std::string(trim_white_space(line.substr(0, colon))),
                                     std::string(trim_white_space(line.substr(colon + 1)))});
    return bytes;
}

// The latency, and the status or why there is none, of a transfer that ended with `code`.
void finish_exchange(CURL* h, CURLcode code, const char* error_text, HttpExchange& exchange) {
    curl_off_t total = 0;
    curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &total);
    exchange.latency = std::chrono::microseconds{total};
    if (code != CURLE_OK) {
        exchange.status = 0;
        exchange.headers.clear();
        exchange.body.clear();
        exchange.timed_out = code == CURLE_OPERATION_TIMEDOUT;
        exchange.error = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
        return;
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    exchange.status = static_cast<int>(status);
}

struct CurlDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

class CurlClient : public HttpClient {
public:
    HttpExchange post(const HttpRequest& request) override {
        HttpExchange exchange;
        // One handle for the client's life: reset between requests, it keeps its connections
        // open, so a worker's deliveries reuse one keep-alive connection.
        if (!m_handle) m_handle.reset(curl_easy_init());
        if (!m_handle) {
            exchange.error = "libcurl could not start a request";
            return exchange;
        }
        curl_easy_reset(m_handle.get());
        curl_slist* raw = nullptr;
        for (const auto& header : request.headers)
            raw = curl_slist_append(raw, (header.name + ": " + header.value).c_str());
        raw = curl_slist_append(raw, "Expect:"); // send the body at once, no 100-continue wait
        std::unique_ptr<curl_slist, ListDeleter> headers(raw);

        char error_text[CURL_ERROR_SIZE] = {};
        CURL* h = m_handle.get();
        curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_USERAGENT, "ats-hook");
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &exchange);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &exchange);

        finish_exchange(h, curl_easy_perform(h), error_text, exchange);
        return exchange;
    }

private:
    std::unique_ptr<CURL, CurlDeleter> m_handle;
};

// The options every request of a handle shares, set once for the handle's life.
void set_constant_options(CURL* h, char* error_text, HttpExchange* exchange) {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "ats-hook");
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, exchange);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, exchange);
}

// libcurl's multi interface: one easy handle per slot, kept with its options for the life of
// the connections, and one multi handle whose connection cache keeps the connections open.
class CurlConnections final : public HttpConnections {
public:
    explicit CurlConnections(std::size_t slots) : m_multi(curl_multi_init()), m_slots(slots) {
        if (m_multi)
            curl_multi_setopt(m_multi.get(), CURLMOPT_MAXCONNECTS,
                              static_cast<long>(std::max<std::size_t>(slots, 1)));
    }
    CurlConnections(const CurlConnections&) = delete;
    CurlConnections& operator=(const CurlConnections&) = delete;
    ~CurlConnections() override {
        for (auto& slot : m_slots)
            if (slot.in_flight) curl_multi_remove_handle(m_multi.get(), slot.handle.get());
    }

    void start(std::size_t index, const HttpRequest& request) override {
        Slot& slot = m_slots.at(index);
        slot.exchange = HttpExchange{};
        slot.error_text[0] = '\0';
        if (!slot.handle && m_multi) {
            slot.handle.reset(curl_easy_init());
            if (slot.handle) {
                set_constant_options(slot.handle.get(), slot.error_text.data(), &slot.exchange);
                curl_easy_setopt(slot.handle.get(), CURLOPT_PRIVATE, &slot);
            }
        }
        if (!slot.handle) {
            slot.exchange.error = "libcurl could not start a request";
            m_refused.push_back(index);
            return;
        }
        CURL* h = slot.handle.get();
        if (slot.url != request.url) {
            slot.url = request.url;
            curl_easy_setopt(h, CURLOPT_URL, slot.url.c_str());
        }
        if (slot.timeout != request.timeout) {
            slot.timeout = request.timeout;
            curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
        }
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, slot.header_list(request.headers));
        if (curl_multi_add_handle(m_multi.get(), h) != CURLM_OK) {
            slot.exchange.error = "libcurl could not start a request";
            m_refused.push_back(index);
            return;
        }
        slot.in_flight = true;
    }

    void wait(std::chrono::milliseconds timeout, std::vector<Finished>& finished) override {
        for (const std::size_t index : m_refused)
            finished.push_back({index, std::move(m_slots[index].exchange)});
        m_refused.clear();
        if (!m_multi) return;
        int running = 0;
        curl_multi_perform(m_multi.get(), &running);
        const std::size_t before = finished.size();
        collect(finished);
        if (finished.size() > before || timeout.count() <= 0) return;
        curl_multi_poll(m_multi.get(), nullptr, 0, static_cast<int>(timeout.count()), nullptr);
        curl_multi_perform(m_multi.get(), &running);
        collect(finished);
    }

private:
    struct MultiDeleter {
        void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
    };

    struct Slot {
        std::unique_ptr<CURL, CurlDeleter> handle;
        bool in_flight = false;
        std::string url;
        std::chrono::milliseconds timeout{-1};
        HttpExchange exchange;
        std::array<char, CURL_ERROR_SIZE> error_text{};
        // The header list libcurl reads, made of nodes and lines kept from request to request
        // (no allocation once they have grown): curl_slist is a public struct of two pointers.
        std::vector<std::string> lines;
        std::vector<curl_slist> nodes;

        curl_slist* header_list(const std::vector<Header>& headers) {
            const std::size_t count = headers.size() + 1;
            if (lines.size() < count) lines.resize(count);
            nodes.resize(count);
            for (std::size_t i = 0; i < headers.size(); ++i)
                lines[i].assign(headers[i].name).append(": ").append(headers[i].value);
            lines[headers.size()].assign("Expect:"); // the body at once, no 100-continue wait
            for (std::size_t i = 0; i < count; ++i)
                nodes[i] = {lines[i].data(), i + 1 < count ? &nodes[i + 1] : nullptr};
            return nodes.data();
        }
    };

    void collect(std::vector<Finished>& finished) {
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(m_multi.get(), &queued)) {
            if (message->msg != CURLMSG_DONE) continue;
            CURL* h = message->easy_handle;
            const CURLcode code = message->data.result;
            void* data = nullptr;
            curl_easy_getinfo(h, CURLINFO_PRIVATE, &data);
            auto* slot = static_cast<Slot*>(data);
            curl_multi_remove_handle(m_multi.get(), h);
            slot->in_flight = false;
            HttpExchange& exchange = slot->exchange;
            finish_exchange(h, code, slot->error_text.data(), exchange);
            finished.push_back(
                {static_cast<std::size_t>(slot - m_slots.data()), std::move(exchange)});
        }
    }

    std::unique_ptr<CURLM, MultiDeleter> m_multi;
    std::vector<Slot> m_slots;
    std::vector<std::size_t> m_refused; // slots whose request could not start
};

} // namespace
} // namespace atshook::delivery

namespace atshook::network {

namespace {
void init_libcurl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}
} // namespace

std::unique_ptr<delivery::HttpClient> make_libcurl_client() {
    init_libcurl();
    return std::make_unique<delivery::CurlClient>();
}

std::unique_ptr<delivery::HttpConnections> make_libcurl_connections(std::size_t slots) {
    init_libcurl();
    return std::make_unique<delivery::CurlConnections>(slots);
}

} // namespace atshook::network
