// The yardstick for `ats-hook listen`: the least a libmicrohttpd receiver can do with a delivery
// (libmicrohttpd in epoll mode, a pool of 2 threads, as performance.md's prototype). It reads the
// body, checks webhook-timestamp against a 300 s tolerance, verifies the Standard Webhooks
// HMAC-SHA256 over id.timestamp.body against the v1 tokens of webhook-signature (OpenSSL),
// parses the body with simdjson and requires a string "type"; it answers 204, 401 to a signature
// that does not match, 400 to the rest, 404 off POST /webhooks/hirehive. Nothing is logged per
// request and nothing validated against a schema: what is left of listen's cost is the checking.
// Prints "listening on http://127.0.0.1:PORT/webhooks/hirehive" on stderr, as listen does, and
// "bare receiver: N verified, M rejected" when SIGINT or SIGTERM stops it.
// Usage: bare_receiver --secret-file FILE [--threads N]
// Built by bench/listen.sh: c++ -std=c++20 -O2 bare_receiver.cpp $(pkg-config --cflags --libs
// libmicrohttpd simdjson libcrypto)
#include <microhttpd.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <simdjson.h>

#include <arpa/inet.h>
#include <atomic>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>
#include <netinet/in.h>
#include <pthread.h>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr std::string_view k_path = "/webhooks/hirehive";
constexpr long long k_tolerance_seconds = 300;

EVP_MAC_CTX* g_keyed = nullptr; // HMAC-SHA256 with the secret's key; each thread copies it
std::atomic<unsigned long> g_verified{0}, g_rejected{0};
MHD_Response* g_no_content = nullptr;

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "bare_receiver: %s\n", message.c_str());
    std::exit(2);
}

std::string key_from_secret(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    if (text.rfind("whsec_", 0) != 0) fail("the secret file holds no whsec_ secret");
    const std::string encoded = text.substr(6);
    std::string key(encoded.size(), '\0');
    const int decoded = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(key.data()),
                                        reinterpret_cast<const unsigned char*>(encoded.data()),
                                        static_cast<int>(encoded.size()));
    if (decoded < 0) fail("the secret after whsec_ is not base64");
    std::size_t padding = 0;
    for (auto at = encoded.rbegin(); at != encoded.rend() && *at == '='; ++at) ++padding;
    key.resize(static_cast<std::size_t>(decoded) - padding);
    return key;
}

// base64(HMAC-SHA256(key, id.timestamp.body)): 44 characters.
std::string_view expected_signature(std::string_view id, std::string_view timestamp,
                                    std::string_view body, char (&out)[64]) {
    // Each thread keeps a copy of the keyed context; init without a key starts over with it.
    thread_local std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(
        EVP_MAC_CTX_dup(g_keyed), EVP_MAC_CTX_free);
    unsigned char mac[EVP_MAX_MD_SIZE];
    std::size_t mac_size = 0;
    const auto update = [&](std::string_view part) {
        return EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(part.data()),
                              part.size()) == 1;
    };
    if (!ctx || EVP_MAC_init(ctx.get(), nullptr, 0, nullptr) != 1 || !update(id) || !update(".") ||
        !update(timestamp) || !update(".") || !update(body) ||
        EVP_MAC_final(ctx.get(), mac, &mac_size, sizeof mac) != 1)
        return {};
    const int length =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out), mac, static_cast<int>(mac_size));
    return {out, static_cast<std::size_t>(length)};
}

// Whether a "v1,<base64>" token among the space-separated ones matches.
bool signature_matches(std::string_view header, std::string_view expected) {
    while (!header.empty()) {
        const auto space = header.find(' ');
        const std::string_view token = header.substr(0, space);
        header.remove_prefix(space == std::string_view::npos ? header.size() : space + 1);
        if (token.rfind("v1,", 0) != 0) continue;
        const std::string_view value = token.substr(3);
        if (value.size() == expected.size() &&
            CRYPTO_memcmp(value.data(), expected.data(), value.size()) == 0)
            return true;
    }
    return false;
}

struct Request {
    std::string body;
};

MHD_Result answer(MHD_Connection* connection, unsigned status) {
    if (status == MHD_HTTP_NO_CONTENT) {
        g_verified.fetch_add(1, std::memory_order_relaxed);
        return MHD_queue_response(connection, status, g_no_content);
    }
    g_rejected.fetch_add(1, std::memory_order_relaxed);
    MHD_Response* response = MHD_create_response_from_buffer(0, nullptr, MHD_RESPMEM_PERSISTENT);
    const MHD_Result queued = MHD_queue_response(connection, status, response);
    MHD_destroy_response(response);
    return queued;
}

unsigned judge(MHD_Connection* connection, Request& request) {
    const char* id = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "webhook-id");
    const char* timestamp =
        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "webhook-timestamp");
    const char* signature =
        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "webhook-signature");
    if (!id || !timestamp || !signature) return MHD_HTTP_BAD_REQUEST;
    const std::string_view stamp(timestamp);
    long long seconds = 0;
    const auto [end, error] = std::from_chars(stamp.data(), stamp.data() + stamp.size(), seconds);
    if (error != std::errc{} || end != stamp.data() + stamp.size()) return MHD_HTTP_BAD_REQUEST;
    const long long age = static_cast<long long>(std::time(nullptr)) - seconds;
    if (age > k_tolerance_seconds || age < -k_tolerance_seconds) return MHD_HTTP_BAD_REQUEST;
    char buffer[64];
    const auto expected = expected_signature(id, stamp, request.body, buffer);
    if (expected.empty() || !signature_matches(signature, expected)) return MHD_HTTP_UNAUTHORIZED;
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element document;
    // The body was read into a buffer with SIMDJSON_PADDING bytes to spare: no copy.
    if (parser.parse(request.body.data(), request.body.size(), false).get(document))
        return MHD_HTTP_BAD_REQUEST;
    std::string_view type;
    if (document["type"].get(type)) return MHD_HTTP_BAD_REQUEST;
    return MHD_HTTP_NO_CONTENT;
}

MHD_Result on_access(void*, MHD_Connection* connection, const char* url, const char* method,
                     const char*, const char* upload_data, size_t* upload_data_size,
                     void** con_cls) {
    if (*con_cls == nullptr) {
        if (std::strcmp(method, "POST") != 0 || url != k_path) {
            *con_cls = connection; // answered: no state to free
            return answer(connection, MHD_HTTP_NOT_FOUND);
        }
        auto request = std::make_unique<Request>();
        const char* length =
            MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Content-Length");
        if (length)
            request->body.reserve(std::strtoul(length, nullptr, 10) + simdjson::SIMDJSON_PADDING);
        *con_cls = request.release();
        return MHD_YES;
    }
    if (*con_cls == connection) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    auto& request = *static_cast<Request*>(*con_cls);
    if (*upload_data_size > 0) {
        request.body.append(upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (request.body.capacity() < request.body.size() + simdjson::SIMDJSON_PADDING)
        request.body.reserve(request.body.size() + simdjson::SIMDJSON_PADDING);
    return answer(connection, judge(connection, request));
}

void on_completed(void*, MHD_Connection* connection, void** con_cls, MHD_RequestTerminationCode) {
    if (*con_cls != connection) delete static_cast<Request*>(*con_cls);
    *con_cls = nullptr;
}

} // namespace

int main(int argc, char** argv) {
    std::string secret_file;
    unsigned threads = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view option = argv[i];
        if (option == "--secret-file")
            secret_file = argv[i + 1];
        else if (option == "--threads")
            threads = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
        else
            fail("unknown option " + std::string(option));
    }
    if (secret_file.empty() || threads == 0 || argc % 2 == 0)
        fail("usage: bare_receiver --secret-file FILE [--threads N]");
    std::ifstream in(secret_file);
    if (!in) fail("cannot read " + secret_file);
    std::string key = key_from_secret(
        std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));

    EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    g_keyed = hmac ? EVP_MAC_CTX_new(hmac) : nullptr;
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_END};
    if (!g_keyed || EVP_MAC_init(g_keyed, reinterpret_cast<const unsigned char*>(key.data()),
                                 key.size(), params) != 1)
        fail("OpenSSL has no HMAC-SHA256");
    OPENSSL_cleanse(key.data(), key.size());
    g_no_content = MHD_create_response_from_buffer(0, nullptr, MHD_RESPMEM_PERSISTENT);

    // Before the server's threads start, so that they inherit the mask and main takes the signal.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    MHD_Daemon* daemon = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC, 0, nullptr, nullptr, &on_access, nullptr,
        MHD_OPTION_SOCK_ADDR, &address, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_NOTIFY_COMPLETED, &on_completed, nullptr, MHD_OPTION_END);
    if (!daemon) fail("cannot start libmicrohttpd on 127.0.0.1");
    const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    std::fprintf(stderr, "listening on http://127.0.0.1:%u%.*s\n", info ? info->port : 0u,
                 static_cast<int>(k_path.size()), k_path.data());
    std::fflush(stderr);

    int signal = 0;
    sigwait(&signals, &signal);
    MHD_stop_daemon(daemon);
    MHD_destroy_response(g_no_content);
    EVP_MAC_CTX_free(g_keyed);
    EVP_MAC_free(hmac);
    std::fprintf(stderr, "bare receiver: %lu verified, %lu rejected\n", g_verified.load(),
                 g_rejected.load());
    return 0;
}
