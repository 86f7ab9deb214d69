#include "atshook/delivery/http_client.hpp"
#include "atshook/network/module.hpp"
#include "atshook/white_space.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

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

        const CURLcode code = curl_easy_perform(h);
        curl_off_t total = 0;
        curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &total);
        exchange.latency = std::chrono::microseconds{total};
        if (code != CURLE_OK) {
            exchange.status = 0;
            exchange.headers.clear();
            exchange.body.clear();
            exchange.timed_out = code == CURLE_OPERATION_TIMEDOUT;
            exchange.error = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
            return exchange;
        }
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        exchange.status = static_cast<int>(status);
        return exchange;
    }

private:
    std::unique_ptr<CURL, CurlDeleter> m_handle;
};

} // namespace
} // namespace atshook::delivery

namespace atshook::network {

std::unique_ptr<delivery::HttpClient> make_libcurl_client() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    return std::make_unique<delivery::CurlClient>();
}

} // namespace atshook::network
