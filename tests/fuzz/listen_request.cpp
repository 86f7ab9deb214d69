// Any bytes as what a client sends to `listen`: one server on 127.0.0.1 (started at the first
// input) with the receiver listen runs (fixed keys and clock, no disk, no forwarding) reads them
// from a TCP connection. What comes back must be HTTP responses or nothing, and the listener must
// go on serving: every 64th input is followed by a signed delivery that must get 200.
#include "fuzz_target.hpp"
#include "test_keys.hpp"

#include "atshook/receive/http_server.hpp"
#include "atshook/receive/receiver.hpp"
#include "atshook/signature/sign.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>

namespace {

namespace receive = atshook::receive;

struct Listener {
    std::vector<atshook::signature::Secret> secrets = fuzz::test_secrets();
    std::unique_ptr<receive::Receiver> receiver;
    std::unique_ptr<receive::HttpServer> server;

    Listener() {
        receive::ReceiverOptions options;
        options.judge.secrets = secrets;
        options.judge.max_body_bytes = 4096;
        options.now = [] { return fuzz::k_now; };
        receiver =
            std::make_unique<receive::Receiver>(options, [](const receive::DeliveryReport& report) {
                fuzz::require(report.answer.status >= 100 && report.answer.status <= 599,
                              "every answer has an HTTP status");
                fuzz::require(report.request != nullptr, "a report names its request");
            });
        receive::ServerOptions server_options;
        server_options.read_timeout = std::chrono::seconds{1};
        server_options.max_body_bytes = 4096;
        server = std::make_unique<receive::HttpServer>(server_options, *receiver);
    }
};

Listener& listener() {
    static Listener instance;
    return instance;
}

// Sends `bytes`, half-closes, and reads until the server closes or stays silent for `quiet`
// (libmicrohttpd waits for its idle timeout on a head cut short, even after the client's FIN;
// waiting that out would slow fuzzing to a few inputs a second).
std::string exchange(std::string_view bytes, std::chrono::milliseconds quiet) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    fuzz::require(fd >= 0, "a socket can be made");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(listener().server->port());
    fuzz::require(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0,
                  "the listener accepts connections");
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break; // the server answered early and closed
        sent += static_cast<std::size_t>(n);
    }
    shutdown(fd, SHUT_WR);
    std::string answer;
    char buffer[16384];
    for (;;) {
        pollfd poll_fd{fd, POLLIN, 0};
        if (poll(&poll_fd, 1, static_cast<int>(quiet.count())) <= 0) break;
        const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        answer.append(buffer, static_cast<std::size_t>(n));
    }
    close(fd);
    return answer;
}

std::string signed_delivery() {
    const std::string body = R"({"type":"job.deleted","data":{"object":{"id":"job_1"}}})";
    const auto token = atshook::signature::signature_token(listener().secrets.front(),
                                                           {"msg_1", fuzz::k_now, body});
    return "POST /webhooks/hirehive HTTP/1.1\r\nwebhook-id: msg_1\r\nwebhook-timestamp: " +
           std::to_string(fuzz::k_now) + "\r\nwebhook-signature: " + token +
           "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           body;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static std::size_t inputs = 0;
    const auto answer = exchange(fuzz::as_text(data, size), std::chrono::milliseconds{50});
    fuzz::require(answer.empty() || answer.starts_with("HTTP/1."),
                  "what comes back is an HTTP response or nothing");
    if (++inputs % 64 == 0) {
        // With Connection: close, the server hangs up once it has answered.
        const auto good = exchange(signed_delivery(), std::chrono::milliseconds{5000});
        if (!good.starts_with("HTTP/1.1 200"))
            std::fprintf(stderr, "fuzz: a signed delivery got: %s\n", good.substr(0, 200).c_str());
        fuzz::require(good.starts_with("HTTP/1.1 200"), "the listener goes on serving deliveries");
    }
    return 0;
}
