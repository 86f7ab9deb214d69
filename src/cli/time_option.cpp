#include "cli/time_option.hpp"

#include "atshook/error.hpp"
#include "atshook/signature/headers.hpp"

#include <chrono>

namespace cli {

std::int64_t unix_seconds_option(const std::string& text, std::string_view option) {
    if (text.empty())
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    const auto parsed = atshook::signature::parse_moment(text);
    if (!parsed.ok())
        throw atshook::Error(std::string(option) + " '" + text + "' " + parsed.problem,
                             atshook::Error::Kind::usage);
    return parsed.seconds;
}

} // namespace cli
