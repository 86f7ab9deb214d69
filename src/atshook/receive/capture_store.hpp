#pragma once
// Received deliveries kept as request files, one directory, each file complete or absent.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace atshook::receive {

// `<arrival time>_<webhook-id>.http`: the time as 20261129T135104.123456Z (UTC, so names sort
// in arrival order), the id reduced to [A-Za-z0-9._-] (at most 64 characters, "no-id" when
// empty), so a hostile id cannot name another directory.
std::string capture_file_name(std::chrono::system_clock::time_point arrival, std::string_view id);

// How one file turned out.
struct SaveOutcome {
    std::string name;  // the name used, once the file is in place (and durable)
    std::string error; // why it could not be written (disk full, ...); "" when it was
};

// Writes request files into one directory from one thread (threads creating files in the same
// directory contend for its lock; one writer goes fastest). Each file is written under a hidden
// temporary name and renamed into place, so a reader never sees half a file. With `durable`,
// the files of all the deliveries waiting at that moment are made durable together (group
// commit): one syncfs for their data, the renames, one fsync of the directory.
class CaptureStore {
public:
    // Creates `directory` if needed and removes temporary files a crash left behind. Throws
    // atshook::Error when it cannot be created or written.
    CaptureStore(std::filesystem::path directory, bool durable);
    ~CaptureStore();
    CaptureStore(const CaptureStore&) = delete;
    CaptureStore& operator=(const CaptureStore&) = delete;

    // Queues `bytes` to be stored under `name` (or name with "-2", "-3", ... before ".http" if
    // it exists); `done` is called on the writer thread once the file is in place (and durable)
    // or could not be written, so it should be quick. Safe to call from several threads. Throws
    // atshook::Error once the store is closing.
    void submit(std::string name, std::string bytes, std::function<void(SaveOutcome)> done);

    // submit, waiting for the outcome: the name used. Throws atshook::Error when the file could
    // not be written.
    std::string save(std::string name, std::string bytes);

    const std::filesystem::path& directory() const { return m_directory; }

private:
    struct Job {
        std::string name;
        std::string bytes;
        std::function<void(SaveOutcome)> done;
    };
    void run();
    void write_batch(std::deque<Job>& batch);

    std::filesystem::path m_directory;
    bool m_durable;
    int m_directory_fd = -1;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    bool m_stopping = false;
    std::thread m_writer;
};

} // namespace atshook::receive
