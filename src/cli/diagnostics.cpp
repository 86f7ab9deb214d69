#include "cli/diagnostics.hpp"

#include "atshook/printable.hpp"

#include <fmt/core.h>

#include <cstdio>

namespace cli {
namespace {

void print(std::string_view label, std::string_view message) {
    std::fflush(stdout);
    fmt::print(stderr, "ats-hook: {}: {}\n", label, atshook::printable(message));
}

} // namespace

void print_error(std::string_view message) {
    print("error", message);
}
void print_warning(std::string_view message) {
    print("warning", message);
}

} // namespace cli
