#include "atshook/learn/corpus.hpp"

#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/input.hpp"
#include "atshook/learn/profile_file.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>

namespace atshook::learn {
namespace {

namespace fs = std::filesystem;

constexpr int k_max_directory_depth = 16;

struct Work {
    std::string source;
    Chunk chunk;
};

void profile_chunk(Profiler& profiler, const Work& work) {
    for (const Document& document : work.chunk.documents) {
        if (document.too_large) {
            profiler.add_unreadable(work.source, document.line);
            continue;
        }
        if (document.line == 0 && starts_like_http_request(document.bytes)) {
            try {
                const HttpRequest request = parse_http_request(document.bytes, work.source);
                profiler.add(request.body, work.source, 0);
            } catch (const Error&) { // a request file that does not parse is counted, not fatal
                profiler.add_unreadable(work.source, 0);
            }
            continue;
        }
        profiler.add(document.bytes, work.source, document.line);
    }
}

// Workers that each profile the chunks they take; their profiles merge at the end.
class Workers {
public:
    Workers(unsigned jobs, const SchemaModels& models, const LearnOptions& options,
            const std::string& schema_version)
        : m_limit(2 * jobs) {
        for (unsigned i = 0; i < jobs; ++i) m_profilers.emplace_back(models, options, schema_version);
        for (unsigned i = 0; i < jobs; ++i)
            m_threads.emplace_back([this, i] { work(m_profilers[i]); });
    }

    ~Workers() { stop(); }

    void submit(std::unique_ptr<Work> work) {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_queue.size() < m_limit || m_failed; });
        if (m_failed) return;
        m_queue.push_back(std::move(work));
        m_ready.notify_one();
    }

    Profile finish() {
        stop();
        Profile out = std::move(m_profilers.front().profile());
        for (std::size_t i = 1; i < m_profilers.size(); ++i) out.merge(m_profilers[i].profile());
        return out;
    }

private:
    void work(Profiler& profiler) {
        for (;;) {
            std::unique_lock lock(m_mutex);
            m_ready.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty()) return;
            std::unique_ptr<Work> work = std::move(m_queue.front());
            m_queue.pop_front();
            m_space.notify_one();
            lock.unlock();
            profile_chunk(profiler, *work);
        }
    }

    void stop() {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_ready.notify_all();
        for (auto& thread : m_threads)
            if (thread.joinable()) thread.join();
    }

    std::size_t m_limit;
    std::vector<Profiler> m_profilers;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_ready, m_space;
    std::deque<std::unique_ptr<Work>> m_queue;
    bool m_stopping = false;
    bool m_failed = false;
};

void list_directory(const fs::path& directory, int depth, std::vector<std::string>& out) {
    if (depth > k_max_directory_depth)
        throw Error(fmt::format("{}: directories nest more than {} levels deep",
                                directory.string(), k_max_directory_depth));
    std::error_code error;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error))
        entries.push_back(*it);
    if (error) throw Error(fmt::format("{}: cannot list: {}", directory.string(), error.message()));
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().string() < b.path().string(); });
    for (const auto& entry : entries) {
        if (entry.path().filename().string().starts_with(".")) continue;
        std::error_code status_error;
        if (entry.is_directory(status_error))
            list_directory(entry.path(), depth + 1, out);
        else if (entry.is_regular_file(status_error))
            out.push_back(entry.path().string());
    }
}

} // namespace

std::vector<std::string> corpus_files(const std::string& path) {
    if (path == "-") return {path};
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status))
        throw Error(fmt::format("{}: no such file or directory", path));
    if (!fs::is_directory(status)) return {path};
    std::vector<std::string> out;
    list_directory(path, 0, out);
    return out;
}

bool is_profile_file(const std::string& path) {
    if (path == "-") return false;
    std::error_code error;
    if (!fs::is_regular_file(path, error)) return false;
    std::ifstream file(path, std::ios::binary);
    std::string head(4096, '\0');
    file.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(file.gcount()));
    return looks_like_profile(head);
}

Profile profile_files(const std::vector<std::string>& files, const SchemaModels& models,
                      const CorpusOptions& options, const std::string& schema_version,
                      const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
    const unsigned jobs = std::max(1u, options.jobs);
    if (jobs == 1) {
        Profiler profiler(models, options.learn, schema_version);
        for (const std::string& file : files) {
            InputReader reader(file, options.max_bytes);
            Work work{reader.source(), {}};
            while (reader.next(work.chunk)) {
                profile_chunk(profiler, work);
                if (progress) progress(work.chunk.input_bytes, work.chunk.documents.size());
            }
        }
        return std::move(profiler.profile());
    }
    Workers workers(jobs, models, options.learn, schema_version);
    for (const std::string& file : files) {
        InputReader reader(file, options.max_bytes);
        for (;;) {
            auto work = std::make_unique<Work>(Work{reader.source(), {}});
            if (!reader.next(work->chunk)) break;
            const std::uint64_t bytes = work->chunk.input_bytes, documents = work->chunk.documents.size();
            workers.submit(std::move(work));
            if (progress) progress(bytes, documents);
        }
    }
    return workers.finish();
}

} // namespace atshook::learn
