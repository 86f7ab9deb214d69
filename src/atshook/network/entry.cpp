// The network module's one exported symbol (see module.hpp). Built into ats-hook-network.so with
// delivery/curl_client.cpp and receive/http_server.cpp; the test programs link it in directly.
#include "atshook/network/module.hpp"

#include "atshook/error.hpp"

namespace atshook::network {
namespace {

std::unique_ptr<Server> start_server(const receive::ServerOptions& options,
                                     receive::RequestHandler& handler, std::string& error,
                                     int& error_kind) {
    try {
        return start_libmicrohttpd_server(options, handler);
    } catch (const Error& e) {
        error = e.what();
        error_kind = static_cast<int>(e.kind());
        return nullptr;
    }
}

const Module k_module{k_interface, &make_libcurl_client, &make_libcurl_connections, &start_server};

} // namespace
} // namespace atshook::network

extern "C" __attribute__((visibility("default"))) const atshook::network::Module*
atshook_network_module() {
    return &atshook::network::k_module;
}
