#include "atshook/network/module.hpp"

#include "atshook/error.hpp"

#include <fmt/format.h>

#include <cstring>
#include <dlfcn.h>
#include <mutex>
#include <system_error>
#include <utility>

namespace atshook::network {
namespace {

struct Loader {
    std::mutex mutex;
    std::vector<std::filesystem::path> candidates;
    const Module* module = nullptr; // set once, never unloaded (its threads may outlive callers)
};

Loader& loader() {
    static Loader instance;
    return instance;
}

const Module* open_module(const std::vector<std::filesystem::path>& candidates) {
    std::string tried;
    for (const auto& path : candidates) {
        std::error_code ignored;
        if (!std::filesystem::exists(path, ignored)) {
            tried += fmt::format("{}{} (absent)", tried.empty() ? "" : ", ", path.string());
            continue;
        }
        void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* why = ::dlerror();
            throw Error(fmt::format("cannot load the network module {}: {}", path.string(),
                                    why ? why : "unknown error"));
        }
        using Entry = const Module* (*)();
        auto entry = reinterpret_cast<Entry>(::dlsym(handle, "atshook_network_module"));
        const Module* found = entry ? entry() : nullptr;
        if (!found || !found->interface || std::strcmp(found->interface, k_interface) != 0 ||
            !found->make_client || !found->make_connections || !found->start_server)
            throw Error(fmt::format(
                "the network module {} belongs to another build of ats-hook (it offers '{}', "
                "this ats-hook needs '{}'): reinstall ats-hook",
                path.string(), found && found->interface ? found->interface : "nothing",
                k_interface));
        return found;
    }
    throw Error(fmt::format("cannot find the network module, which listen, replay and "
                            "emit --send need: tried {}; reinstall ats-hook",
                            tried.empty() ? "no file" : tried));
}

} // namespace
} // namespace atshook::network

namespace atshook::receive {
// The module's server, held behind HttpServer's opaque pointer.
struct HttpServer::Impl {
    std::unique_ptr<network::Server> server;
};
} // namespace atshook::receive

namespace atshook::network {

void set_module_candidates(std::vector<std::filesystem::path> paths) {
    std::lock_guard lock(loader().mutex);
    loader().candidates = std::move(paths);
}

void provide(const Module& linked) {
    std::lock_guard lock(loader().mutex);
    loader().module = &linked;
}

const Module& module() {
    auto& state = loader();
    std::lock_guard lock(state.mutex);
    if (!state.module) state.module = open_module(state.candidates);
    return *state.module;
}

} // namespace atshook::network

namespace atshook::delivery {

std::unique_ptr<HttpClient> make_curl_client() {
    return network::module().make_client();
}

std::unique_ptr<HttpConnections> make_curl_connections(std::size_t slots) {
    return network::module().make_connections(slots);
}

} // namespace atshook::delivery

namespace atshook::receive {

HttpServer::HttpServer(const ServerOptions& options, RequestHandler& handler)
    : m_impl(std::make_unique<Impl>()) {
    std::string error;
    int kind = 0;
    m_impl->server = network::module().start_server(options, handler, error, kind);
    if (!m_impl->server) throw Error(std::move(error), static_cast<Error::Kind>(kind));
}

HttpServer::~HttpServer() = default; // the module's server stops in its own destructor

std::uint16_t HttpServer::port() const {
    return m_impl->server->port();
}

std::string HttpServer::url_host() const {
    return m_impl->server->url_host();
}

void HttpServer::stop(std::chrono::milliseconds grace) {
    m_impl->server->stop(grace);
}

} // namespace atshook::receive
