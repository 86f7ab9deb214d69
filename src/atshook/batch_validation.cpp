#include "atshook/batch_validation.hpp"

#include "atshook/error.hpp"

#include <fmt/core.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

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

// Several threads validate the chunks of one NDJSON input, the calling thread among them. Each
// thread reads its own next chunk from the reader (one at a time, so chunks are numbered in
// input order) into a buffer it keeps, validates it and files the report; the calling thread
// hands the reports to `emit` in input order between its own chunks. No thread only reads or
// only writes, so `jobs` threads keep `jobs` cores busy.
//
// A helper may run ahead of the calling thread (when the machine's load takes its core away,
// say) while fewer than `limit` chunks are in flight and the reports waiting to be emitted hold
// fewer than `limit_bytes` bytes of text: valid documents' reports are empty, so it gets far
// ahead on valid input, while a run of malformed lines, each reported in more bytes than it
// holds, stays within bounded memory.
class OrderedRun {
public:
    OrderedRun(InputReader& reader, std::size_t chunk_bytes, std::size_t limit,
               std::size_t limit_bytes)
        : m_reader(reader), m_chunk_bytes(chunk_bytes), m_limit(limit), m_limit_bytes(limit_bytes) {
    }

    // The next chunk and its number; false once the input is exhausted or failed. A helper
    // waits while the limits are reached; the calling thread makes room itself (release).
    bool take(Chunk& chunk, std::size_t& sequence, bool calling) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_end || (!m_reading && (calling || room())); });
        if (m_end) return false;
        m_reading = true;
        lock.unlock();
        std::optional<Error> error;
        bool taken = false;
        try {
            taken = m_reader.next(chunk, m_chunk_bytes);
        } catch (const Error& e) { // thrown by the calling thread after the chunks before it
            error = e;
        }
        lock.lock();
        m_reading = false;
        if (taken)
            sequence = m_next++;
        else
            end(std::move(error));
        m_changed.notify_all();
        return taken;
    }

    void file(std::size_t sequence, ChunkReport report) {
        const std::lock_guard lock(m_mutex);
        m_waiting_bytes += report.text.size();
        m_done.emplace(sequence, std::move(report));
        m_changed.notify_all();
    }

    // Calling thread: emits the reports that are next in order; with `all`, waits for every
    // chunk taken, else only until another may be taken.
    void release(const std::function<void(const ChunkReport&)>& emit, bool all) {
        std::unique_lock lock(m_mutex);
        for (;;) {
            const auto next = m_done.find(m_released);
            if (next != m_done.end()) {
                const ChunkReport report = std::move(next->second);
                m_done.erase(next);
                m_waiting_bytes -= report.text.size();
                ++m_released;
                m_changed.notify_all();
                lock.unlock();
                emit(report);
                lock.lock();
                continue;
            }
            if (all ? m_end && m_released == m_next : m_end || m_next - m_released < m_limit)
                return;
            m_changed.wait(lock);
        }
    }

    // No more chunks are handed out; `error`, if any, is what reading the next one threw.
    void end(std::optional<Error> error = std::nullopt) {
        m_end = true;
        if (error && !m_error) m_error = std::move(error);
        m_changed.notify_all();
    }

    void stop() {
        const std::lock_guard lock(m_mutex);
        end();
    }

    const std::optional<Error>& error() const { return m_error; }

private:
    InputReader& m_reader;
    const std::size_t m_chunk_bytes;
    bool room() const { return m_next - m_released < m_limit && m_waiting_bytes < m_limit_bytes; }

    const std::size_t m_limit;       // chunks in flight
    const std::size_t m_limit_bytes; // of the reports waiting
    std::size_t m_waiting_bytes = 0;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<std::size_t, ChunkReport> m_done; // filed, not yet emitted
    std::size_t m_next = 0;                    // chunks taken
    std::size_t m_released = 0;                // reports emitted
    bool m_reading = false;
    bool m_end = false;
    std::optional<Error> m_error;
};

// The helper threads of a run, stopped and joined however the calling thread leaves the run
// (emit may throw).
class Helpers {
public:
    explicit Helpers(OrderedRun& run) : m_run(run) {}
    ~Helpers() {
        m_run.stop();
        m_threads.clear();
    }
    Helpers(const Helpers&) = delete;
    Helpers& operator=(const Helpers&) = delete;

    template <class Work> void start(Work work) { m_threads.emplace_back(std::move(work)); }

private:
    OrderedRun& m_run;
    std::vector<std::jthread> m_threads;
};

void validate_in_parallel(InputReader& reader, std::vector<Validator>& validators,
                          const report::Emitter* emitter, std::size_t max_bytes,
                          std::size_t chunk_bytes,
                          const std::function<void(const ChunkReport&)>& emit) {
    OrderedRun run(reader, chunk_bytes, 8 * validators.size(), 8 * chunk_bytes);
    // One chunk: false once there are no more.
    const auto work = [&](Validator& validator, Chunk& chunk, bool calling) {
        std::size_t sequence = 0;
        if (!run.take(chunk, sequence, calling)) return false;
        run.file(sequence, report_chunk(validator, chunk, reader.source(), emitter, max_bytes));
        return true;
    };
    {
        Helpers helpers(run);
        for (std::size_t i = 1; i < validators.size(); ++i)
            helpers.start([&work, &validator = validators[i]] {
                Chunk chunk;
                while (work(validator, chunk, false)) {
                }
            });
        Chunk chunk;
        for (;;) {
            run.release(emit, false);
            if (!work(validators[0], chunk, true)) break;
        }
        run.release(emit, true);
    }
    if (run.error()) throw *run.error();
}

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
                    const std::function<void(const ChunkReport&)>& emit, std::size_t chunk_bytes) {
    if (jobs <= 1 || !reader.is_ndjson()) {
        Validator validator(options);
        Chunk chunk;
        while (reader.next(chunk, chunk_bytes))
            emit(report_chunk(validator, chunk, reader.source(), emitter, max_bytes));
        return;
    }
    std::vector<Validator> validators; // made here, so that a bad option throws here
    for (unsigned i = 0; i < jobs; ++i) validators.emplace_back(options);
    validate_in_parallel(reader, validators, emitter, max_bytes, chunk_bytes, emit);
}

} // namespace atshook
