#pragma once
// The one HTTP operation delivery needs, behind an interface so tests can script the answers.
// make_curl_client() loads the network module (network/module.hpp) on first use.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::delivery {

struct Header {
    std::string name;
    std::string value;
};

struct HttpRequest {
    std::string url;
    std::vector<Header> headers;
    std::string body; // sent byte for byte
    std::chrono::milliseconds timeout{15'000};
};

// The answer to one POST, or why there was none.
struct HttpExchange {
    int status = 0;     // 0 when no response arrived (see `error`)
    std::string reason; // the status line's reason phrase: "Internal Server Error"
    std::vector<Header> headers;
    std::string body;  // the first MiB at most
    std::string error; // connection refused, timeout, ...: empty when a response arrived
    bool timed_out = false;
    std::chrono::microseconds latency{0};
};

// Case-insensitive header lookup; nullptr when absent.
const std::string* find_header(const std::vector<Header>& headers, std::string_view name);

class HttpClient {
public:
    virtual ~HttpClient() = default;
    virtual HttpExchange post(const HttpRequest& request) = 0;
};

// libcurl, following no redirects (a 3xx is the endpoint's answer, as Standard Webhooks says).
// A client keeps its connection open between requests (keep-alive); use one per thread.
std::unique_ptr<HttpClient> make_curl_client();

} // namespace atshook::delivery
