#pragma once
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace atshook::receive {

// The webhook-ids seen in this run, to mark redeliveries with their attempt number. Remembers at
// least the last `capacity` distinct ids (two generations of maps), so a listener running for
// days keeps bounded memory. Safe to call from several threads.
class RedeliveryLog {
public:
    explicit RedeliveryLog(std::size_t capacity = 100'000);

    // 1 the first time `id` is recorded, 2 the second, ...
    int record(std::string_view id);

private:
    std::mutex m_mutex;
    std::size_t m_capacity;
    std::unordered_map<std::string, int> m_current;
    std::unordered_map<std::string, int> m_previous;
};

} // namespace atshook::receive
