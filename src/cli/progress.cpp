#include "cli/progress.hpp"

#include "cli/environment.hpp"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>

namespace cli {
namespace {

using namespace std::chrono_literals;

constexpr auto k_redraw = 100ms;
constexpr std::string_view k_erase = "\r\x1b[K";

// The screen that a status line shares with everything else the command prints. One line
// draws at a time; `active` lets writers skip the lock while none does.
struct Screen {
    std::recursive_mutex mutex;
    std::atomic<bool> active{false};
    std::atomic<bool> drawn{false}; // the line is on the screen now (read by a signal handler)
    bool stdout_tty = false;
};
Screen g_screen;
static_assert(std::atomic<bool>::is_always_lock_free, "read in a signal handler");

void erase_line() {
    if (!g_screen.drawn.load()) return;
    std::fwrite(k_erase.data(), 1, k_erase.size(), stderr);
    std::fflush(stderr);
    g_screen.drawn.store(false);
}

// Ctrl-C (or a kill) while the line is drawn: take it off the screen, then die of the signal as
// the command would have, so that the shell sees the same status and prompts on a clean line.
extern "C" void erase_and_die(int signal_number) {
    if (g_screen.drawn.load()) {
        constexpr char k_bytes[] = "\r\x1b[K";
        [[maybe_unused]] const auto written = write(STDERR_FILENO, k_bytes, sizeof k_bytes - 1);
    }
    struct sigaction fallback {};
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal_number, &fallback, nullptr);
    raise(signal_number); // delivered, by the default action, when this handler returns
}

constexpr int k_fatal_signals[] = {SIGINT, SIGTERM};

std::size_t stderr_width() {
    winsize size{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

} // namespace

void add_progress_options(CLI::App& command, atshook::ProgressChoice& choice) {
    auto* on = command.add_flag_callback(
        "--progress", [&choice] { choice = atshook::ProgressChoice::always; },
        "A status line on stderr (only when it is a terminal) even for small work; by default "
        "large work gets one after half a second");
    auto* off = command.add_flag_callback(
        "--no-progress", [&choice] { choice = atshook::ProgressChoice::never; },
        "No status line on stderr");
    on->excludes(off);
}

ProgressLine::ProgressLine(atshook::ProgressChoice choice, bool quiet, ProgressWork work)
    : m_choice(choice), m_work(std::move(work)), m_started(std::chrono::steady_clock::now()) {
    if (!atshook::progress_allowed(choice, quiet, isatty(STDERR_FILENO) == 1,
                                   environment_variable("TERM")))
        return;
    {
        const std::lock_guard lock(g_screen.mutex);
        g_screen.stdout_tty = isatty(STDOUT_FILENO) == 1;
        g_screen.active.store(true);
    }
    // Only where the command left the default action: emit --send stops gracefully on SIGINT
    // and erases the line itself.
    for (std::size_t i = 0; i < std::size(k_fatal_signals); ++i) {
        struct sigaction current {};
        if (sigaction(k_fatal_signals[i], nullptr, &current) != 0 ||
            current.sa_handler != SIG_DFL || (current.sa_flags & SA_SIGINFO) != 0)
            continue;
        struct sigaction erase {};
        erase.sa_handler = erase_and_die;
        sigemptyset(&erase.sa_mask);
        if (sigaction(k_fatal_signals[i], &erase, nullptr) == 0) m_erase_on_signal[i] = true;
    }
    draw(); // with --progress, at once: however short the work, the line shows
    m_thread = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() {
    finish();
}

void ProgressLine::finish() {
    if (!m_thread.joinable()) return;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    const std::lock_guard lock(g_screen.mutex);
    erase_line();
    g_screen.active.store(false);
    for (std::size_t i = 0; i < std::size(k_fatal_signals); ++i) {
        if (!m_erase_on_signal[i]) continue;
        struct sigaction fallback {};
        fallback.sa_handler = SIG_DFL;
        sigemptyset(&fallback.sa_mask);
        sigaction(k_fatal_signals[i], &fallback, nullptr);
        m_erase_on_signal[i] = false;
    }
}

void ProgressLine::run() {
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, k_redraw, [this] { return m_stopping; })) {
        lock.unlock();
        draw();
        lock.lock();
    }
}

void ProgressLine::draw() {
    atshook::ProgressFigures figures;
    figures.label = m_work.label;
    figures.bytes = m_work.bytes;
    figures.done = m_done.load(std::memory_order_relaxed);
    figures.total = m_work.total;
    figures.items = m_items.load(std::memory_order_relaxed);
    figures.item_name = m_work.item_name;
    figures.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    figures.lasts = m_work.lasts;
    if (!atshook::progress_due(m_choice, figures, m_work.large_at)) return;
    const std::string text = "\r" + atshook::progress_line(figures, stderr_width()) + "\x1b[K";
    const std::lock_guard lock(g_screen.mutex);
    // Marked before it is written: a signal that comes as the line appears must still erase it.
    g_screen.drawn.store(true);
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

ProgressPause::ProgressPause(std::FILE* stream) : m_stream(stream) {
    // stdout_tty is set before active, under the lock: once active reads true it is current.
    if (!g_screen.active.load() || (stream == stdout && !g_screen.stdout_tty)) return;
    m_lock = std::unique_lock(g_screen.mutex);
    erase_line();
}

ProgressPause::~ProgressPause() {
    if (m_lock.owns_lock()) std::fflush(m_stream);
}

std::optional<std::uint64_t> input_size(const std::vector<std::string>& files) {
    std::uint64_t total = 0;
    for (const auto& file : files) {
        struct stat facts {};
        const bool known =
            file == "-" ? fstat(STDIN_FILENO, &facts) == 0 : stat(file.c_str(), &facts) == 0;
        if (!known) continue;
        if (!S_ISREG(facts.st_mode)) return std::nullopt;
        std::uint64_t size = static_cast<std::uint64_t>(facts.st_size);
        if (file == "-") { // what is left of a file the shell redirected, maybe read from before
            const off_t at = lseek(STDIN_FILENO, 0, SEEK_CUR);
            if (at > 0 && static_cast<std::uint64_t>(at) <= size)
                size -= static_cast<std::uint64_t>(at);
        }
        total += size;
    }
    return total;
}

} // namespace cli
