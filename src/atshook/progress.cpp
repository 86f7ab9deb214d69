#include "atshook/progress.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace atshook {
namespace {

// Three significant digits: "1.23", "12.3", "123".
std::string significant(double value) {
    if (value < 9.995) return fmt::format("{:.2f}", value);
    if (value < 99.95) return fmt::format("{:.1f}", value);
    return fmt::format("{:.0f}", value);
}

std::string rate_text(const ProgressFigures& figures, double rate) {
    if (figures.bytes) return byte_size_text(static_cast<std::uint64_t>(std::llround(rate))) + "/s";
    if (rate < 9.95) return fmt::format("{:.1f}/s", rate);
    return count_text(static_cast<std::uint64_t>(std::llround(rate))) + "/s";
}

std::string amount_text(const ProgressFigures& figures, std::uint64_t amount) {
    return figures.bytes ? byte_size_text(amount) : count_text(amount);
}

} // namespace

std::string byte_size_text(std::uint64_t bytes) {
    if (bytes < 1024) return fmt::format("{} B", bytes);
    constexpr const char* k_units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = static_cast<double>(bytes) / 1024;
    std::size_t unit = 0;
    // 1023.9 KiB would print as "1024 KiB": move up a unit before rounding can reach 1024.
    while (value >= 999.5 && unit + 1 < std::size(k_units)) {
        value /= 1024;
        ++unit;
    }
    return significant(value) + " " + k_units[unit];
}

std::string count_text(std::uint64_t count) {
    std::string digits = std::to_string(count);
    for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
    return digits;
}

std::string duration_text(double seconds) {
    const auto whole = static_cast<std::uint64_t>(std::ceil(std::clamp(seconds, 0.0, 1e9)));
    const auto hours = whole / 3600, minutes = whole / 60 % 60, rest = whole % 60;
    if (hours > 0) return fmt::format("{}:{:02}:{:02}", hours, minutes, rest);
    return fmt::format("{}:{:02}", minutes, rest);
}

std::string progress_line(const ProgressFigures& figures, std::size_t width) {
    std::string line = fmt::format("{}: {}", figures.label, amount_text(figures, figures.done));
    // A file that grew while it was read has no meaningful total any more.
    const bool sized = figures.total && *figures.total > 0 && figures.done <= *figures.total;
    if (sized) line += " / " + amount_text(figures, *figures.total);
    if (!figures.bytes) line += fmt::format(" {}", figures.item_name);
    if (sized) line += fmt::format("  {}%", figures.done * 100 / *figures.total);
    const bool settled = figures.seconds >= k_progress_settle_seconds;
    const double rate = settled ? static_cast<double>(figures.done) / figures.seconds : 0;
    if (settled) line += "  " + rate_text(figures, rate);
    if (figures.lasts)
        line += "  ETA " + duration_text(*figures.lasts - figures.seconds);
    else if (sized && rate > 0)
        line += "  ETA " + duration_text(static_cast<double>(*figures.total - figures.done) / rate);
    if (figures.bytes && !figures.item_name.empty())
        line += fmt::format("  ({} {})", count_text(figures.items), figures.item_name);
    if (width > 0 && line.size() > width - 1) line.resize(width - 1);
    return line;
}

bool progress_allowed(ProgressChoice choice, bool quiet, bool stderr_is_tty,
                      std::optional<std::string_view> term) {
    if (choice == ProgressChoice::never || quiet || !stderr_is_tty) return false;
    return term != "dumb";
}

bool progress_due(ProgressChoice choice, const ProgressFigures& figures, std::uint64_t large_at) {
    if (choice == ProgressChoice::always) return true;
    if (choice == ProgressChoice::never || figures.seconds < k_progress_first_draw) return false;
    return figures.lasts || (figures.total && *figures.total >= large_at) ||
           figures.done >= large_at;
}

} // namespace atshook
