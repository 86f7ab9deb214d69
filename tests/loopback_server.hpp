#pragma once
// A scripted HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for delivery tests: the n-th
// request gets the n-th scripted reply (the last one repeats) and is recorded byte for byte.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace test {

struct Reply {
    int status = 200;
    std::string reason = "OK";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body = "ok\n";
    std::chrono::milliseconds delay{0}; // wait this long before answering
};

struct Received {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers; // names in lower case
    std::string body;
};

class LoopbackServer {
public:
    explicit LoopbackServer(std::vector<Reply> script) : m_script(std::move(script)) {
        m_listener = socket(AF_INET, SOCK_STREAM, 0);
        if (m_listener < 0 || pipe(m_stop) != 0) throw std::runtime_error("socket failed");
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        if (bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            listen(m_listener, 16) != 0 ||
            getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            throw std::runtime_error("cannot listen on 127.0.0.1");
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~LoopbackServer() {
        const char byte = 'x';
        (void)!write(m_stop[1], &byte, 1);
        m_thread.join();
        close(m_listener);
        close(m_stop[0]);
        close(m_stop[1]);
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    int port() const { return m_port; }
    std::string url(const std::string& path = "/webhook") const {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    std::vector<Received> received() {
        std::lock_guard lock(m_mutex);
        return m_received;
    }

private:
    // Waits until `fd` is readable or the server is stopping; false when stopping or timed out.
    bool wait_readable(int fd, int timeout_ms) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {m_stop[0], POLLIN, 0}};
        if (poll(fds, 2, timeout_ms) <= 0) return false;
        return (fds[1].revents & POLLIN) == 0 && fds[0].revents != 0;
    }

    void serve() {
        for (;;) {
            if (!wait_readable(m_listener, -1)) return;
            const int connection = accept(m_listener, nullptr, nullptr);
            if (connection < 0) continue;
            handle(connection);
            close(connection);
        }
    }

    void handle(int connection) {
        std::string data;
        char buffer[65536];
        std::size_t header_end = std::string::npos;
        std::size_t content_length = 0;
        while (header_end == std::string::npos || data.size() < header_end + 4 + content_length) {
            if (!wait_readable(connection, 5000)) return;
            const ssize_t n = read(connection, buffer, sizeof buffer);
            if (n <= 0) return;
            data.append(buffer, static_cast<std::size_t>(n));
            if (header_end == std::string::npos &&
                (header_end = data.find("\r\n\r\n")) != std::string::npos)
                content_length = parse_head(data.substr(0, header_end));
        }
        Received request = m_pending;
        request.body = data.substr(header_end + 4, content_length);
        Reply reply;
        {
            std::lock_guard lock(m_mutex);
            const std::size_t index = std::min(m_received.size(), m_script.size() - 1);
            reply = m_script[index];
            m_received.push_back(request);
        }
        // A slow reply: wait, but give up early when the client hangs up or the test ends.
        if (reply.delay.count() > 0 &&
            wait_readable(connection, static_cast<int>(reply.delay.count())))
            return;
        std::string response =
            "HTTP/1.1 " + std::to_string(reply.status) + " " + reply.reason + "\r\n";
        for (const auto& [name, value] : reply.headers) response += name + ": " + value + "\r\n";
        response += "Content-Length: " + std::to_string(reply.body.size()) +
                    "\r\nConnection: close\r\n\r\n";
        response += reply.body;
        (void)send(connection, response.data(), response.size(), MSG_NOSIGNAL);
    }

    std::size_t parse_head(const std::string& head) {
        m_pending = {};
        std::size_t at = head.find("\r\n");
        const std::string request_line = head.substr(0, at);
        const auto space = request_line.find(' ');
        m_pending.method = request_line.substr(0, space);
        m_pending.target = request_line.substr(space + 1, request_line.rfind(' ') - space - 1);
        std::size_t length = 0;
        while (at != std::string::npos && at < head.size()) {
            const std::size_t start = at + 2;
            const std::size_t end = head.find("\r\n", start);
            const std::string line = head.substr(start, end - start);
            at = end;
            const auto colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string name = line.substr(0, colon);
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            if (name == "content-length") length = std::stoul(value);
            m_pending.headers[name] = value;
        }
        return length;
    }

    std::vector<Reply> m_script;
    int m_listener = -1;
    int m_stop[2] = {-1, -1};
    int m_port = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<Received> m_received;
    Received m_pending;
};

} // namespace test
