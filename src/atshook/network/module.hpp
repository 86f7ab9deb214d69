#pragma once
// The network module: libcurl (the HTTP client of emit --send, replay and listen --forward-to)
// and libmicrohttpd (listen's server) live in a plugin, ats-hook-network.so, that only the
// commands which talk HTTP load. The loader maps some 30 libraries (GnuTLS, Kerberos, LDAP,
// SSH...) for libcurl alone: that was most of the start-up of every other command, run thousands
// of times a day from pre-commit hooks and CI steps.
//
// The seams stay where they were: delivery::make_curl_client(), make_curl_connections() and
// receive::HttpServer. Their
// library side (module.cpp) loads the module on first use and forwards to it; the module's side
// is delivery/curl_client.cpp and receive/http_server.cpp with entry.cpp, built into the plugin
// (and linked straight into the test programs, which provide() it).
#include "atshook/delivery/http_client.hpp"
#include "atshook/receive/http_server.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace atshook::network {

// A running HTTP server (receive::HttpServer forwards to it).
class Server {
public:
    virtual ~Server() = default;
    virtual std::uint16_t port() const = 0;
    virtual std::string url_host() const = 0;
    virtual void stop(std::chrono::milliseconds grace) = 0;
};

// What the module gives. `interface` must equal k_interface: a module from another build of
// ats-hook (another version, or this one changed) is refused rather than called.
struct Module {
    const char* interface = nullptr;
    std::unique_ptr<delivery::HttpClient> (*make_client)() = nullptr;
    std::unique_ptr<delivery::HttpConnections> (*make_connections)(std::size_t slots) = nullptr;
    // Throws atshook::Error when it cannot listen; the module's copy of the type is caught there
    // and thrown again here, so that no exception crosses the boundary.
    std::unique_ptr<Server> (*start_server)(const receive::ServerOptions& options,
                                            receive::RequestHandler& handler,
                                            std::string& error, int& error_kind) = nullptr;
};
// The version and a revision of the structs above: bump the revision with any change to them.
inline constexpr const char* k_interface = ATS_HOOK_NETWORK_INTERFACE;

// The module's file, tried in order; the first that exists is loaded (the CLI names its own
// folder, for a build tree, and the installed plugin folder relative to it).
void set_module_candidates(std::vector<std::filesystem::path> paths);
// A program that links the module's code in (the test programs) hands it over instead.
void provide(const Module& linked);
// The module, loaded on first use. Throws atshook::Error naming the files tried and why.
const Module& module();

// The module's own factories (its code, not the library's).
std::unique_ptr<delivery::HttpClient> make_libcurl_client();
std::unique_ptr<delivery::HttpConnections> make_libcurl_connections(std::size_t slots);
std::unique_ptr<Server> start_libmicrohttpd_server(const receive::ServerOptions& options,
                                                   receive::RequestHandler& handler);

} // namespace atshook::network

// The one symbol the module exports.
extern "C" const atshook::network::Module* atshook_network_module();
