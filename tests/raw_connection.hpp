#pragma once
// A client of 127.0.0.1 that sends any bytes and reads whatever comes back, for the tests of
// listen and of the HTTP server under it.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

namespace test {

// A client connection to 127.0.0.1:`port` that sends any bytes.
class RawConnection {
public:
    explicit RawConnection(int port) {
        m_fd = socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(m_fd >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        REQUIRE(connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    ~RawConnection() { close(m_fd); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Sends `bytes` in pieces of `piece` bytes (all at once when 0), `pause` apart; false when
    // the server closed the connection first (after a 413, say).
    bool send_bytes(const std::string& bytes, std::size_t piece = 0,
                    std::chrono::milliseconds pause = std::chrono::milliseconds{0}) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const std::size_t size =
                piece > 0 ? std::min(piece, bytes.size() - sent) : bytes.size() - sent;
            const ssize_t n = send(m_fd, bytes.data() + sent, size, MSG_NOSIGNAL);
            if (n <= 0) return false;
            sent += static_cast<std::size_t>(n);
            if (pause.count() > 0) std::this_thread::sleep_for(pause);
        }
        return true;
    }
    void close_write() { shutdown(m_fd, SHUT_WR); }

    // Reads until the server closes, `until` appears in what was read, or `wait` passes without
    // data.
    std::string read(std::chrono::milliseconds wait = std::chrono::milliseconds{5000},
                     const std::string& until = "") {
        std::string answer;
        char buffer[65536];
        for (;;) {
            pollfd poll_fd{m_fd, POLLIN, 0};
            if (poll(&poll_fd, 1, static_cast<int>(wait.count())) <= 0) break;
            const ssize_t n = recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                m_closed = true;
                break;
            }
            answer.append(buffer, static_cast<std::size_t>(n));
            if (!until.empty() && answer.find(until) != std::string::npos) break;
        }
        return answer;
    }
    // Whether the server closed the connection (seen by read).
    bool closed() const { return m_closed; }

private:
    int m_fd = -1;
    bool m_closed = false;
};

// Sends `bytes` on a new connection and returns everything read until the server closes it or
// `wait` passes without data.
inline std::string raw_exchange(int port, const std::string& bytes, bool close_write = false,
                                std::chrono::milliseconds wait = std::chrono::milliseconds{5000},
                                std::size_t piece = 0,
                                std::chrono::milliseconds pause = std::chrono::milliseconds{0}) {
    RawConnection connection(port);
    connection.send_bytes(bytes, piece, pause);
    if (close_write) connection.close_write();
    return connection.read(wait);
}

// The status code of the first response in `answer` ("HTTP/1.1 401 ..."), or 0.
inline int status_of(const std::string& answer) {
    if (!answer.starts_with("HTTP/1.") || answer.size() < 12) return 0;
    return std::stoi(answer.substr(9, 3));
}

} // namespace test
