#pragma once
// The status line of long work, on stderr: drawn by a small thread about ten times a second,
// taken off the screen while anything else is printed and at the end. Never on stdout.
#include "atshook/progress.hpp"

#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace cli {

// Registers --progress (the line also for small work) and --no-progress (never).
void add_progress_options(CLI::App& command, atshook::ProgressChoice& choice);

// What a status line reports on.
struct ProgressWork {
    std::string label;                  // the command: "validate"
    bool bytes = true;                  // counts bytes (and items among them); else items
    std::optional<std::uint64_t> total; // bytes or items, when known
    std::string item_name;              // "documents", "events", "deliveries"
    std::optional<double> lasts;        // seconds, when the work runs for a set time
    std::uint64_t large_at = 0;         // without --progress, work this big gets a line
};

// One status line at a time. It draws only when atshook::progress_allowed says so for this
// stderr and TERM, and then when atshook::progress_due says so; otherwise it counts and nothing
// more (no thread). While it may draw, SIGINT and SIGTERM (where the command left their default
// action) erase the line before they end the process.
class ProgressLine {
public:
    ProgressLine(atshook::ProgressChoice choice, bool quiet, ProgressWork work);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // Adds to the bytes or items done, and with bytes to the items among them. Any thread.
    void add(std::uint64_t done, std::uint64_t items = 0) {
        m_done.fetch_add(done, std::memory_order_relaxed);
        m_items.fetch_add(items, std::memory_order_relaxed);
    }
    // Stops drawing and erases the line: call it before printing the closing report.
    void finish();

private:
    void run();
    void draw();

    atshook::ProgressChoice m_choice;
    ProgressWork m_work;
    std::chrono::steady_clock::time_point m_started;
    std::atomic<std::uint64_t> m_done{0}, m_items{0};
    std::mutex m_mutex; // for m_wake
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
    bool m_erase_on_signal[2] = {false, false}; // SIGINT, SIGTERM: our handler is installed
};

// While alive, a status line that may be on the screen is off it, so that what is written to
// `stream` (stdout or stderr) does not land on the line; the next redraw brings the line back.
// Costs nothing when no line is drawing, or for stdout when it is not a terminal (then the line
// is not in its way). Flushes `stream` when done. May nest.
class ProgressPause {
public:
    explicit ProgressPause(std::FILE* stream);
    ~ProgressPause();
    ProgressPause(const ProgressPause&) = delete;
    ProgressPause& operator=(const ProgressPause&) = delete;

private:
    std::FILE* m_stream;
    std::unique_lock<std::recursive_mutex> m_lock;
};

// The inputs' total size when each is a regular file ("-" too, when stdin is one); a path that
// cannot be found counts nothing (it will be reported unreadable). nullopt for a pipe or device.
std::optional<std::uint64_t> input_size(const std::vector<std::string>& files);

} // namespace cli
