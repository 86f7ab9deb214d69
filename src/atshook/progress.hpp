#pragma once
// The status line of long work (validate a big log, emit or send many events): what it says and
// when it shows, from numbers and terminal facts the command line gathers, so that both are
// tested without a clock or a terminal. Drawing it is the command line's job.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace atshook {

enum class ProgressChoice { automatic, always, never };

// How far the work is, as the status line reports it.
struct ProgressFigures {
    std::string_view label;             // the command: "validate"
    bool bytes = true;                  // done and total count bytes; else items
    std::uint64_t done = 0;             // bytes or items done
    std::optional<std::uint64_t> total; // known from the start (file sizes, --count)
    std::uint64_t items = 0;            // with bytes: the documents among them
    std::string_view item_name;         // "documents", "events", "deliveries"
    double seconds = 0;                 // since the work started
    std::optional<double> lasts;        // the work stops after this many seconds (--duration)
};

// Before this long a rate (and so an ETA) is too noisy to show.
constexpr double k_progress_settle_seconds = 0.25;

// "validate: 1.2 GiB / 10.0 GiB  12%  450 MiB/s  ETA 0:19  (1,234,567 documents)" or
// "emit: 12,345 / 100,000 events  12%  4,100/s  ETA 0:21"; parts are left out when unknown, and
// the line is cut to `width` - 1 columns so that it never wraps (a wrapped line cannot be
// erased). ASCII only.
std::string progress_line(const ProgressFigures& figures, std::size_t width);

// "512 B", "12.3 KiB", "450 MiB", "1.2 GiB": three significant digits at most.
std::string byte_size_text(std::uint64_t bytes);
// "1,234,567".
std::string count_text(std::uint64_t count);
// "0:07", "12:05", "1:02:03", rounded up to the second.
std::string duration_text(double seconds);

// Whether a status line may be drawn at all: never with --quiet or `never`, and only on a
// terminal (stderr) whose TERM is not "dumb" (such a terminal cannot erase a line), as for colour.
bool progress_allowed(ProgressChoice choice, bool quiet, bool stderr_is_tty,
                      std::optional<std::string_view> term);

// Once allowed, whether to draw it now. `always` draws from the start. `automatic` waits
// k_progress_first_draw seconds, so that short runs never flash a line, and then draws only work
// that is large: its total, or the part done, reaches `large_at`, or it lasts a set time.
constexpr double k_progress_first_draw = 0.5;
// Inputs this large (validate, show) are large work: 16 MiB, the default largest payload.
constexpr std::uint64_t k_progress_large_input = 16 * 1024 * 1024;
bool progress_due(ProgressChoice choice, const ProgressFigures& figures, std::uint64_t large_at);

} // namespace atshook
