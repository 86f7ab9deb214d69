#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace cli {

// A moment given on the command line (sign and emit --timestamp, verify --now) as Unix
// seconds: the clock's now when `text` is empty, else what signature::parse_moment reads.
// Throws a usage error naming `option` for anything else.
std::int64_t unix_seconds_option(const std::string& text, std::string_view option);

} // namespace cli
