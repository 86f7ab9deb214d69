#include "atshook/receive/capture_store.hpp"

#include "atshook/error.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <future>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

namespace atshook::receive {
namespace {

constexpr std::string_view k_temporary_prefix = ".ats-hook-tmp-";

std::string system_error(std::string_view what, const std::filesystem::path& path) {
    return fmt::format("{} {}: {}", what, path.string(), std::strerror(errno));
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

std::string numbered(std::string_view name, int number) {
    if (number == 1) return std::string(name);
    const std::string_view stem = name.ends_with(".http") ? name.substr(0, name.size() - 5) : name;
    return fmt::format("{}-{}.http", stem, number);
}

} // namespace

std::string capture_file_name(std::chrono::system_clock::time_point arrival, std::string_view id) {
    std::string name =
        date::format("%Y%m%dT%H%M%SZ", std::chrono::floor<std::chrono::microseconds>(arrival));
    // date writes the fraction before the Z: 20261129T135104.123456Z
    name += '_';
    std::size_t kept = 0;
    for (const char c : id) {
        if (kept == 64) break;
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        name += plain ? c : '_';
        ++kept;
    }
    if (kept == 0) name += "no-id";
    return name + ".http";
}

CaptureStore::CaptureStore(std::filesystem::path directory, bool durable)
    : m_directory(std::move(directory)), m_durable(durable) {
    std::error_code error;
    std::filesystem::create_directories(m_directory, error);
    if (error)
        throw Error(fmt::format("--save {}: cannot create it: {}", m_directory.string(),
                                error.message()),
                    Error::Kind::input);
    m_directory_fd = ::open(m_directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_directory_fd < 0) throw Error(system_error("--save: cannot open", m_directory));
    if (::faccessat(m_directory_fd, ".", W_OK, AT_EACCESS) != 0) {
        ::close(m_directory_fd);
        throw Error(system_error("--save: cannot write into", m_directory));
    }
    for (const auto& entry : std::filesystem::directory_iterator(m_directory, error))
        if (entry.path().filename().string().starts_with(k_temporary_prefix))
            std::filesystem::remove(entry.path(), error);
    m_writer = std::thread([this] { run(); });
}

CaptureStore::~CaptureStore() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_writer.join();
    ::close(m_directory_fd);
}

void CaptureStore::submit(std::string name, std::string bytes,
                          std::function<void(SaveOutcome)> done) {
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping) throw Error("the capture store is closing");
        m_queue.push_back(Job{std::move(name), std::move(bytes), std::move(done)});
    }
    m_wake.notify_one();
}

std::string CaptureStore::save(std::string name, std::string bytes) {
    std::promise<SaveOutcome> promise;
    auto future = promise.get_future();
    submit(std::move(name), std::move(bytes),
           [&promise](SaveOutcome outcome) { promise.set_value(std::move(outcome)); });
    SaveOutcome outcome = future.get();
    if (!outcome.error.empty()) throw Error(outcome.error);
    return outcome.name;
}

void CaptureStore::run() {
    for (;;) {
        std::deque<Job> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty()) return;
            batch.swap(m_queue);
        }
        write_batch(batch);
    }
}

void CaptureStore::write_batch(std::deque<Job>& batch) {
    std::vector<std::string> temporaries(batch.size());
    std::vector<std::string> failures(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        temporaries[i] = fmt::format("{}{}-{}", k_temporary_prefix, i, batch[i].name);
        const int fd = ::openat(m_directory_fd, temporaries[i].c_str(),
                                O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        const bool written = fd >= 0 && write_all(fd, batch[i].bytes);
        if (!written) failures[i] = system_error("cannot write", m_directory / batch[i].name);
        if (fd >= 0 && ::close(fd) != 0 && failures[i].empty())
            failures[i] = system_error("cannot write", m_directory / batch[i].name);
        if (!failures[i].empty()) ::unlinkat(m_directory_fd, temporaries[i].c_str(), 0);
    }
    // One flush for the data of the whole batch, before any name points at it.
    if (m_durable && ::syncfs(m_directory_fd) != 0)
        for (auto& failure : failures)
            if (failure.empty()) failure = system_error("cannot flush", m_directory);
    std::vector<std::string> names(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!failures[i].empty()) continue;
        for (int number = 1;; ++number) {
            names[i] = numbered(batch[i].name, number);
            if (::renameat2(m_directory_fd, temporaries[i].c_str(), m_directory_fd,
                            names[i].c_str(), RENAME_NOREPLACE) == 0)
                break;
            if (errno == EEXIST && number < 1000) continue;
            failures[i] = system_error("cannot rename into place", m_directory / names[i]);
            ::unlinkat(m_directory_fd, temporaries[i].c_str(), 0);
            break;
        }
    }
    if (m_durable && ::fsync(m_directory_fd) != 0)
        for (auto& failure : failures)
            if (failure.empty()) failure = system_error("cannot flush", m_directory);
    for (std::size_t i = 0; i < batch.size(); ++i)
        batch[i].done(SaveOutcome{std::move(names[i]), std::move(failures[i])});
}

} // namespace atshook::receive
