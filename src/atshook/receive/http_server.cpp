#include "atshook/receive/http_server.hpp"
#include "atshook/network/module.hpp"

#include "atshook/error.hpp"
#include "atshook/limits.hpp"

#include <fmt/format.h>
#include <microhttpd.h>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdarg>
#include <cstring>
#include <mutex>
#include <netdb.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace atshook::receive {
namespace {

// Each connection's memory pool: the request head and the read buffer (a body arrives in pieces
// of it). A head that does not fit gets libmicrohttpd's own 431. libmicrohttpd 0.9.75 clears the
// whole pool for every keep-alive request, so a larger pool costs time on every delivery: at
// 128 KiB that clearing was 23% of listen's CPU.
constexpr std::size_t k_connection_memory = 32 * 1024;

MHD_Result collect_header(void* cls, MHD_ValueKind, const char* name, const char* value) {
    auto* headers = static_cast<HeaderFields*>(cls);
    headers->push_back({name ? name : "", value ? value : "", headers->size() + 1});
    return MHD_YES;
}

std::optional<std::uint64_t> content_length_of(const HeaderFields& headers) {
    for (const auto& field : headers)
        if (equals_ignoring_case(field.name, "Transfer-Encoding")) return std::nullopt;
    for (const auto& field : headers) {
        if (!equals_ignoring_case(field.name, "Content-Length")) continue;
        std::uint64_t length = 0;
        const auto [end, error] =
            std::from_chars(field.value.data(), field.value.data() + field.value.size(), length);
        if (error == std::errc{} && end == field.value.data() + field.value.size()) return length;
    }
    return 0; // no body headers: an empty body (MHD refuses malformed lengths itself)
}

MHD_Response* make_response(const Answer& answer) {
    MHD_Response* response = MHD_create_response_from_buffer(
        answer.body.size(), const_cast<char*>(answer.body.data()), MHD_RESPMEM_MUST_COPY);
    if (!response) return nullptr;
    bool typed = false;
    for (const auto& field : answer.headers) {
        MHD_add_response_header(response, field.name.c_str(), field.value.c_str());
        typed = typed || equals_ignoring_case(field.name, "Content-Type");
    }
    if (!typed) MHD_add_response_header(response, "Content-Type", "text/plain; charset=utf-8");
    return response;
}

bool same_fields(const HeaderFields& a, const HeaderFields& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.name == y.name && x.value == y.value;
    });
}

// The response for the last answer a thread queued, kept for the next: nearly every delivery
// gets the same answer, and making a response (copying the body, adding the headers) and
// freeing it was 3% of listen's CPU. libmicrohttpd counts a response's references, so one may
// be queued on several connections, from several threads, and outlive its daemon.
class LastResponse {
public:
    LastResponse() = default;
    LastResponse(const LastResponse&) = delete;
    LastResponse& operator=(const LastResponse&) = delete;
    ~LastResponse() {
        if (m_response) MHD_destroy_response(m_response);
    }

    MHD_Response* for_answer(const Answer& answer) {
        if (m_response && answer.body == m_body && same_fields(answer.headers, m_headers))
            return m_response;
        MHD_Response* fresh = make_response(answer);
        if (!fresh) return nullptr;
        if (m_response) MHD_destroy_response(m_response);
        m_response = fresh;
        m_body = answer.body;
        m_headers = answer.headers;
        return m_response;
    }

private:
    MHD_Response* m_response = nullptr;
    std::string m_body;
    HeaderFields m_headers;
};

MHD_Result queue_answer(MHD_Connection* connection, const Answer& answer) {
    const auto status = static_cast<unsigned>(answer.status);
    // Ours are a line; a forwarded handler's answer may be long, and differs each time.
    if (answer.body.size() > 256) {
        MHD_Response* response = make_response(answer);
        if (!response) return MHD_NO;
        const MHD_Result queued = MHD_queue_response(connection, status, response);
        MHD_destroy_response(response);
        return queued;
    }
    thread_local LastResponse last;
    MHD_Response* response = last.for_answer(answer);
    return response ? MHD_queue_response(connection, status, response) : MHD_NO;
}

void discard_log(void*, const char*, va_list) {}

} // namespace

// What the server's threads and the AnswerLater handles share. Held by every request too, so a
// handle used after the server is gone finds it closed instead of freed memory.
struct RequestState;

struct Gate {
    std::mutex mutex;
    // Thread per connection: a thread waiting for its request's answer is woken here.
    std::condition_variable answered;
    // stop() gave up waiting: nothing more is suspended, and the suspended are resumed to close.
    bool closing = false;
    RequestState* suspended = nullptr; // the suspended requests, linked through their `next`
};

struct RequestState final : PendingAnswer {
    explicit RequestState(std::shared_ptr<Gate> shared) : gate(std::move(shared)) {}

    void retain() noexcept override { references.fetch_add(1, std::memory_order_relaxed); }
    void release() noexcept override {
        if (references.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
    }
    void answer_with(std::function<Answer()> answer) override;

    std::atomic<int> references{1}; // the connection's, then one per AnswerLater
    std::shared_ptr<Gate> gate;
    ReceivedRequest request;
    bool head_seen = false;
    bool handed = false;    // given to on_request or on_too_large
    bool answered = false;  // an answer was queued: on_finished is owed
    bool too_large = false; // the body passed the limit: the rest is discarded
    std::size_t discarded = 0;

    // Guarded by gate->mutex.
    bool answer_given = false;           // answer_with was called; only the first call counts
    std::function<Answer()> later;       // what answer_with gave, until a server thread takes it
    MHD_Connection* suspended = nullptr; // the connection, while it is suspended
    RequestState* previous = nullptr;    // in gate->suspended
    RequestState* next = nullptr;
};

namespace {

void link_suspended(Gate& gate, RequestState* state, MHD_Connection* connection) {
    state->suspended = connection;
    state->previous = nullptr;
    state->next = gate.suspended;
    if (gate.suspended) gate.suspended->previous = state;
    gate.suspended = state;
}

// Takes `state` off the suspended list and resumes its connection. Called with gate.mutex held.
void resume(Gate& gate, RequestState* state) {
    if (state->previous)
        state->previous->next = state->next;
    else
        gate.suspended = state->next;
    if (state->next) state->next->previous = state->previous;
    MHD_Connection* connection = std::exchange(state->suspended, nullptr);
    state->previous = state->next = nullptr;
    MHD_resume_connection(connection);
}

} // namespace

void RequestState::answer_with(std::function<Answer()> answer) {
    const std::lock_guard lock(gate->mutex);
    if (answer_given) return;
    answer_given = true;
    later = std::move(answer);
    if (suspended) resume(*gate, this);
    gate->answered.notify_all(); // a thread of its own may be waiting (cheap when none is)
}

// libmicrohttpd behind the module's Server interface (receive::HttpServer forwards to it).
class MhdServer final : public network::Server {
public:
    MhdServer(const ServerOptions& options, RequestHandler& handler);
    ~MhdServer() override;
    std::uint16_t port() const override;
    std::string url_host() const override;
    void stop(std::chrono::milliseconds grace) override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

struct MhdServer::Impl {
    RequestHandler* handler = nullptr;
    ServerOptions options;
    MHD_Daemon* daemon = nullptr;
    std::uint16_t port = 0;
    std::string url_host;
    std::shared_ptr<Gate> gate = std::make_shared<Gate>();
    std::atomic<int> in_flight{0};
    std::atomic<bool> closing{false}; // stop() has begun: new connections are turned away
    bool stopped = false;

    static MHD_Result on_connect(void* cls, const sockaddr*, socklen_t) {
        return static_cast<Impl*>(cls)->closing.load() ? MHD_NO : MHD_YES;
    }

    static void* on_uri(void* cls, const char* uri, MHD_Connection*) {
        auto* self = static_cast<Impl*>(cls);
        auto* state = new RequestState(self->gate);
        state->request.target = uri ? uri : "";
        state->request.arrival = std::chrono::system_clock::now();
        state->request.started = std::chrono::steady_clock::now();
        self->in_flight.fetch_add(1);
        return state;
    }

    static void on_completed(void* cls, MHD_Connection*, void** con_cls,
                             MHD_RequestTerminationCode code) {
        auto* self = static_cast<Impl*>(cls);
        auto* state = static_cast<RequestState*>(*con_cls);
        *con_cls = nullptr;
        if (!state) return;
        if (state->answered)
            self->handler->on_finished(code == MHD_REQUEST_TERMINATED_COMPLETED_OK);
        state->release();
        self->in_flight.fetch_sub(1);
    }

    // The whole request is in: the handler's answer now, or a wait for AnswerLater.
    MHD_Result hand_over(MHD_Connection* connection, RequestState& state) {
        state.handed = true;
        if (state.too_large) {
            state.answered = true;
            return queue_answer(connection, handler->on_too_large(state.request));
        }
        if (auto answer = handler->on_request(state.request, AnswerLater(&state))) {
            state.answered = true;
            return queue_answer(connection, *answer);
        }
        return take_later(connection, state);
    }

    // The answer AnswerLater gave, else (pool) suspend the connection until it comes or
    // (thread per connection) wait for it here. MHD_NO closes a connection stop() gave up on.
    MHD_Result take_later(MHD_Connection* connection, RequestState& state) {
        std::unique_lock lock(gate->mutex);
        if (options.thread_per_connection)
            gate->answered.wait(lock, [&] { return state.later || gate->closing; });
        if (!state.later) {
            if (gate->closing) return MHD_NO;
            MHD_suspend_connection(connection);
            link_suspended(*gate, &state, connection);
            return MHD_YES;
        }
        const auto later = std::move(state.later);
        lock.unlock();
        state.answered = true;
        return queue_answer(connection, later());
    }

    // Called before the daemon stops: libmicrohttpd aborts the process when it is stopped with
    // a connection suspended, so those still waiting for an answer are resumed, to be closed
    // unanswered, and threads waiting for one are woken to close theirs.
    void close_waiting() {
        const std::lock_guard lock(gate->mutex);
        gate->closing = true;
        while (gate->suspended) resume(*gate, gate->suspended);
        gate->answered.notify_all();
    }

    static MHD_Result on_access(void* cls, MHD_Connection* connection, const char*,
                                const char* method, const char* version, const char* upload_data,
                                size_t* upload_data_size, void** con_cls) {
        auto* self = static_cast<Impl*>(cls);
        auto* state = static_cast<RequestState*>(*con_cls);
        if (!state) return MHD_NO;
        ReceivedRequest& request = state->request;
        if (!state->head_seen) {
            state->head_seen = true;
            request.method = method ? method : "";
            request.version = version ? version : "";
            request.headers.reserve(16);
            MHD_get_connection_values(connection, MHD_HEADER_KIND, collect_header,
                                      &request.headers);
            const auto length = content_length_of(request.headers);
            if (auto answer = self->handler->on_head(request, length)) {
                state->answered = true;
                state->handed = true;
                return queue_answer(connection, *answer);
            }
            if (length) request.body.reserve(static_cast<std::size_t>(*length));
            return MHD_YES;
        }
        if (*upload_data_size > 0) {
            const std::size_t size = *upload_data_size;
            *upload_data_size = 0;
            if (state->handed) return MHD_YES;
            if (state->too_large) {
                // libmicrohttpd queues no answer while a body is arriving (MHD_queue_response
                // fails): discard the rest, answer 413 at its end, and drop a client that
                // sends more than twice the limit.
                state->discarded += size;
                return state->discarded / 2 > self->options.max_body_bytes ? MHD_NO : MHD_YES;
            }
            if (request.body.size() + size > self->options.max_body_bytes) {
                state->too_large = true;
                state->discarded = request.body.size() + size;
                std::string().swap(request.body);
                return MHD_YES;
            }
            request.body.append(upload_data, size);
            return MHD_YES;
        }
        if (state->answered) return MHD_YES;
        // Called again after a suspension: the answer has come, or stop() resumed it to close.
        if (state->handed) return self->take_later(connection, *state);
        return self->hand_over(connection, *state);
    }
};

MhdServer::MhdServer(const ServerOptions& options, RequestHandler& handler)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->handler = &handler;
    m_impl->options = options;
    const std::string where = fmt::format("{}:{}", options.host, options.port);

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string port_text = std::to_string(options.port);
    if (const int code = ::getaddrinfo(options.host.c_str(), port_text.c_str(), &hints, &found))
        throw Error(fmt::format("cannot listen on {}: {}", where, ::gai_strerror(code)),
                    Error::Kind::usage);
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);
    const int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, 0);
    if (fd < 0) throw Error(fmt::format("cannot listen on {}: {}", where, std::strerror(errno)));
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, 1024) != 0) {
        const int error = errno;
        ::close(fd);
        throw Error(fmt::format("cannot listen on {}: {}", where, std::strerror(error)));
    }
    sockaddr_storage bound{};
    socklen_t bound_size = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_size);
    char text[INET6_ADDRSTRLEN] = {};
    if (bound.ss_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&bound);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        m_impl->port = ntohs(v6->sin6_port);
        m_impl->url_host = fmt::format("[{}]", text);
    } else {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(&bound);
        ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
        m_impl->port = ntohs(v4->sin_port);
        m_impl->url_host = text;
    }

    unsigned flags = MHD_USE_ITC | MHD_USE_ERROR_LOG;
    // libmicrohttpd cannot suspend connections that have a thread each: those threads wait.
    flags |= options.thread_per_connection
                 ? MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL_INTERNAL_THREAD
                 : MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME;
    if (bound.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    // libmicrohttpd takes no pool with thread-per-connection (0: none, with a logged notice).
    const unsigned pool = options.thread_per_connection ? 0 : std::max(1u, options.threads);
    m_impl->daemon = MHD_start_daemon(
        flags, 0, &Impl::on_connect, m_impl.get(), &Impl::on_access, m_impl.get(),
        // The logger first: libmicrohttpd may log about the options that follow.
        MHD_OPTION_EXTERNAL_LOGGER, &discard_log, nullptr, MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_THREAD_POOL_SIZE, pool, MHD_OPTION_CONNECTION_TIMEOUT,
        static_cast<unsigned>(options.read_timeout.count()), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        k_connection_memory, MHD_OPTION_URI_LOG_CALLBACK, &Impl::on_uri, m_impl.get(),
        MHD_OPTION_NOTIFY_COMPLETED, &Impl::on_completed, m_impl.get(), MHD_OPTION_EXTERNAL_LOGGER,
        &discard_log, nullptr, MHD_OPTION_END);
    if (!m_impl->daemon) {
        ::close(fd);
        throw Error(fmt::format("cannot start the HTTP server on {}", where));
    }
}

MhdServer::~MhdServer() {
    stop(std::chrono::milliseconds{0});
}

std::uint16_t MhdServer::port() const {
    return m_impl->port;
}
std::string MhdServer::url_host() const {
    return m_impl->url_host;
}

void MhdServer::stop(std::chrono::milliseconds grace) {
    if (m_impl->stopped) return;
    m_impl->stopped = true;
    // Not MHD_quiesce_daemon: with an epoll thread pool it removes the listening socket from
    // each worker's epoll set while that worker, if awake, removes it too; the loser's
    // EPOLL_CTL_DEL fails with ENOENT and libmicrohttpd (0.9.75 to 1.0.1) aborts the process.
    // Each worker refuses new connections itself instead.
    m_impl->closing.store(true);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (m_impl->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    m_impl->close_waiting();
    MHD_stop_daemon(m_impl->daemon); // closes the listening socket too
}

} // namespace atshook::receive

namespace atshook::network {

std::unique_ptr<Server> start_libmicrohttpd_server(const receive::ServerOptions& options,
                                                   receive::RequestHandler& handler) {
    return std::make_unique<receive::MhdServer>(options, handler);
}

} // namespace atshook::network
