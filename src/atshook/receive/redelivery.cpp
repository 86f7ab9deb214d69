#include "atshook/receive/redelivery.hpp"

namespace atshook::receive {

int RedeliveryLog::record(std::string_view id) {
    const std::lock_guard lock(m_mutex);
    std::string key(id);
    if (const auto found = m_current.find(key); found != m_current.end()) return ++found->second;
    int attempt = 1;
    if (const auto found = m_previous.find(key); found != m_previous.end()) {
        attempt = found->second + 1;
        m_previous.erase(found);
    }
    if (m_current.size() >= m_capacity) {
        m_previous = std::move(m_current);
        m_current.clear();
    }
    m_current.emplace(std::move(key), attempt);
    return attempt;
}

} // namespace atshook::receive
