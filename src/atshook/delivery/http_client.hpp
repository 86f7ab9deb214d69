#pragma once
// The one HTTP operation delivery needs, behind an interface so tests can script the answers:
// a blocking POST (HttpClient) and many POSTs in flight on one thread (HttpConnections).
// make_curl_client() and make_curl_connections() load the network module (network/module.hpp)
// on first use.
#include <chrono>
#include <cstddef>
#include <functional>
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

// A request that has finished on connection `slot`, with its answer (or why there was none).
struct Finished {
    std::size_t slot = 0;
    HttpExchange exchange;
};

// Several requests in flight at once, one per slot, all driven by the one thread that calls
// start() and wait() (a load generator's driver thread). Each slot keeps its keep-alive
// connection between requests.
class HttpConnections {
public:
    virtual ~HttpConnections() = default;
    // Starts `request` on `slot`, which has no request in flight. `request` must stay alive and
    // unchanged until wait() hands back this slot.
    virtual void start(std::size_t slot, const HttpRequest& request) = 0;
    // Moves the requests on and appends those that finished to `finished`, waiting up to
    // `timeout` for the first one (or for the timeout, when none is in flight).
    virtual void wait(std::chrono::milliseconds timeout, std::vector<Finished>& finished) = 0;
};

using MakeConnections = std::function<std::unique_ptr<HttpConnections>(std::size_t slots)>;

// libcurl's multi interface, `slots` reusable handles and connections, as make_curl_client().
std::unique_ptr<HttpConnections> make_curl_connections(std::size_t slots);

// Connections over blocking clients (one per slot, made by `make_client` on first use): wait()
// performs the first request started and not yet done, on the calling thread. For tests that
// script a client, and for clients that have no asynchronous side.
MakeConnections one_at_a_time(std::function<std::unique_ptr<HttpClient>()> make_client);

} // namespace atshook::delivery
