#include "atshook/batch_validation.hpp"

#include <fmt/core.h>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace atshook {
namespace {

ChunkReport report_chunk(Validator& validator, const Chunk& chunk, std::string_view source,
                         const report::Emitter* emitter, std::size_t max_bytes) {
    ChunkReport report;
    report.input_bytes = chunk.input_bytes;
    for (const auto& document : chunk.documents) {
        const DocumentResult result = validate_document(validator, document, max_bytes);
        report.tally.add(result);
        if (emitter)
            emitter->document(report.text, report::document_report(source, document, result));
    }
    return report;
}

// A fixed set of workers; results are released strictly in the order chunks were submitted.
class OrderedWorkers {
public:
    OrderedWorkers(unsigned jobs, const ValidateOptions& options, std::string_view source,
                   const report::Emitter* emitter, std::size_t max_bytes)
        : m_limit(2 * jobs) {
        for (unsigned i = 0; i < jobs; ++i)
            m_threads.emplace_back([this, options, source, emitter, max_bytes] {
                Validator validator(options);
                for (;;) {
                    std::unique_lock lock(m_mutex);
                    m_work_ready.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
                    if (m_queue.empty()) return;
                    auto [sequence, chunk] = std::move(m_queue.front());
                    m_queue.pop_front();
                    lock.unlock();
                    ChunkReport report = report_chunk(validator, chunk, source, emitter, max_bytes);
                    lock.lock();
                    m_done.emplace(sequence, std::move(report));
                    m_result_ready.notify_all();
                }
            });
    }

    ~OrderedWorkers() {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_work_ready.notify_all();
        for (auto& thread : m_threads) thread.join();
    }

    // Queues a chunk; first releases finished reports in order while too many are in flight.
    void submit(Chunk chunk, const std::function<void(const ChunkReport&)>& emit) {
        std::unique_lock lock(m_mutex);
        m_queue.emplace_back(m_submitted++, std::move(chunk));
        m_work_ready.notify_one();
        while (m_submitted - m_released >= m_limit) release_next(lock, emit);
    }

    void drain(const std::function<void(const ChunkReport&)>& emit) {
        std::unique_lock lock(m_mutex);
        while (m_released < m_submitted) release_next(lock, emit);
    }

private:
    void release_next(std::unique_lock<std::mutex>& lock,
                      const std::function<void(const ChunkReport&)>& emit) {
        m_result_ready.wait(lock, [this] { return m_done.count(m_released) > 0; });
        ChunkReport report = std::move(m_done.at(m_released));
        m_done.erase(m_released++);
        lock.unlock();
        emit(report);
        lock.lock();
    }

    std::size_t m_limit;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_work_ready, m_result_ready;
    std::deque<std::pair<std::size_t, Chunk>> m_queue;
    std::map<std::size_t, ChunkReport> m_done;
    std::size_t m_submitted = 0, m_released = 0;
    bool m_stopping = false;
};

} // namespace

DocumentResult validate_document(Validator& validator, const Document& document,
                                 std::size_t max_bytes) {
    if (!document.too_large)
        return document.padded ? validator.validate_padded(document.bytes)
                               : validator.validate(document.bytes);
    DocumentResult result;
    result.status = DocumentResult::Status::unreadable;
    result.error = fmt::format("the payload is larger than --max-bytes ({} bytes)", max_bytes);
    return result;
}

void validate_input(InputReader& reader, const ValidateOptions& options,
                    const report::Emitter* emitter, unsigned jobs, std::size_t max_bytes,
                    const std::function<void(const ChunkReport&)>& emit) {
    constexpr std::size_t k_chunk_bytes = 2 * 1024 * 1024;
    Chunk chunk;
    if (jobs <= 1 || !reader.is_ndjson()) {
        Validator validator(options);
        while (reader.next(chunk, k_chunk_bytes))
            emit(report_chunk(validator, chunk, reader.source(), emitter, max_bytes));
        return;
    }
    OrderedWorkers workers(jobs, options, reader.source(), emitter, max_bytes);
    while (reader.next(chunk, k_chunk_bytes)) workers.submit(std::move(chunk), emit);
    workers.drain(emit);
}

} // namespace atshook
