#pragma once
// The HTTP/1.1 server under `listen`: libmicrohttpd in epoll mode with a pool of threads (see
// the README's "Why libmicrohttpd"). It parses HTTP (keep-alive, Content-Length and chunked
// bodies, Expect: 100-continue, timeouts, malformed requests) and hands complete requests to a
// RequestHandler; everything the tool decides is in that handler. The server itself lives in the
// network module (http_server.cpp, built into ats-hook-network.so; see network/module.hpp),
// loaded when the first server starts.
#include "atshook/http_message.hpp"
#include "atshook/receive/judge.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace atshook::receive {

struct ReceivedRequest {
    std::string method;
    std::string target; // as sent: path and query
    std::string version;
    HeaderFields headers; // in the order received
    std::string body;     // the exact bytes (a chunked body decoded)
    std::chrono::system_clock::time_point arrival;
    std::chrono::steady_clock::time_point started;
};

// One request's answer to come, kept by the server (RequestState in http_server.cpp). Virtual,
// so that a handler in the library reaches the server in the network module that loaded it.
class PendingAnswer {
public:
    virtual void retain() noexcept = 0;
    virtual void release() noexcept = 0;
    virtual void answer_with(std::function<Answer()> answer) = 0;

protected:
    ~PendingAnswer() = default;
};

// Lets a handler answer after on_request has returned, when work done elsewhere (a file being
// written) is over. Meanwhile the connection waits, suspended, and holds up no server thread.
// Copies share one request; the request stays valid while any copy exists.
class AnswerLater {
public:
    explicit AnswerLater(PendingAnswer* state) : m_state(state) { m_state->retain(); }
    AnswerLater(const AnswerLater& other) : m_state(other.m_state) {
        if (m_state) m_state->retain();
    }
    AnswerLater(AnswerLater&& other) noexcept : m_state(std::exchange(other.m_state, nullptr)) {}
    AnswerLater& operator=(AnswerLater other) noexcept {
        std::swap(m_state, other.m_state);
        return *this;
    }
    ~AnswerLater() {
        if (m_state) m_state->release();
    }

    // From any thread; only the first call counts. The server takes the connection up again and
    // calls `answer` on one of its threads, where the request is still valid, for what to send.
    // If the server stopped first (its grace ran out), the connection is gone and `answer` is
    // dropped uncalled.
    void answer_with(std::function<Answer()> answer) const {
        if (m_state) m_state->answer_with(std::move(answer));
    }

private:
    PendingAnswer* m_state;
};

// Called from the server's threads, several at once.
class RequestHandler {
public:
    virtual ~RequestHandler() = default;
    // The head has arrived (body empty): an answer refuses the request without reading the body
    // (and without a 100 Continue). `content_length` is nullopt for a chunked body.
    virtual std::optional<Answer> on_head(const ReceivedRequest& head,
                                          std::optional<std::uint64_t> content_length) = 0;
    // A chunked body grew past the limit while it was read: the answer (413) to send.
    virtual Answer on_too_large(const ReceivedRequest& head) = 0;
    // The whole request has arrived: the answer, or nullopt after handing `later` to whatever
    // will call later.answer_with (nullopt without that leaves the connection waiting until
    // stop()).
    virtual std::optional<Answer> on_request(ReceivedRequest& request, AnswerLater later) = 0;
    // A request this handler answered is over: `sent` is false when the client went away first.
    virtual void on_finished(bool sent) = 0;
};

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0; // 0: any free port
    std::chrono::seconds read_timeout{15};
    std::size_t max_body_bytes = std::size_t{16} << 20;
    unsigned threads = 2;
    // A thread for each connection instead of the epoll pool: for handlers that block for long
    // (forwarding to a slow handler), where a pool thread would hold up its other connections.
    // A request answered later then keeps its thread waiting instead of being suspended.
    bool thread_per_connection = false;
};

class HttpServer {
public:
    // Binds and starts serving. Throws atshook::Error (naming host and port) when it cannot.
    HttpServer(const ServerOptions& options, RequestHandler& handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    std::uint16_t port() const;
    // The host as a URL writes it: 127.0.0.1, [::1].
    std::string url_host() const;

    // Closes new connections as soon as they are accepted, lets requests in progress finish (at
    // most `grace`; a request waiting for AnswerLater is in progress), then closes every
    // connection. Called by the destructor if not before.
    void stop(std::chrono::milliseconds grace);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace atshook::receive
