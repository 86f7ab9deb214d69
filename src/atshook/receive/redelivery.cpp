#include "atshook/receive/redelivery.hpp"

namespace atshook::receive {

RedeliveryLog::RedeliveryLog(std::size_t capacity) : m_capacity(capacity) {
    // Buckets for every id up front: rehashing a map of many thousand ids under the lock held
    // up every server thread for milliseconds.
    m_current.reserve(capacity);
    m_previous.reserve(capacity);
}

int RedeliveryLog::record(std::string_view id) {
    std::unordered_map<std::string, int> forgotten;
    const std::lock_guard lock(m_mutex);
    std::string key(id);
    if (const auto found = m_current.find(key); found != m_current.end()) return ++found->second;
    int attempt = 1;
    if (const auto found = m_previous.find(key); found != m_previous.end()) {
        attempt = found->second + 1;
        m_previous.erase(found);
    }
    if (m_current.size() >= m_capacity) {
        // The oldest generation is freed after the lock is released (`forgotten` is declared
        // before it): freeing its ids takes milliseconds that no other thread should wait for.
        forgotten.swap(m_previous);
        m_previous.swap(m_current);
        m_current.reserve(m_capacity);
    }
    m_current.emplace(std::move(key), attempt);
    return attempt;
}

} // namespace atshook::receive
