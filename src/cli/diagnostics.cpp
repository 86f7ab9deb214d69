#include "cli/diagnostics.hpp"

#include "atshook/printable.hpp"
#include "cli/progress.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <string>
#include <vector>

namespace cli {
namespace {

bool g_holding = false;
std::vector<std::string> g_held;

void print(std::string_view label, std::string_view message) {
    const ProgressPause pause(stderr);
    std::fflush(stdout);
    fmt::print(stderr, "ats-hook: {}: {}\n", label, atshook::printable(message));
}

} // namespace

void print_error(std::string_view message) {
    print("error", message);
}
void print_warning(std::string_view message) {
    if (g_holding)
        g_held.emplace_back(message);
    else
        print("warning", message);
}

void hold_warnings() {
    g_holding = true;
}

void release_warnings() {
    g_holding = false;
    for (const auto& message : g_held) print("warning", message);
    g_held.clear();
}

} // namespace cli
