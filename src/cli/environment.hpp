#pragma once
// The environment is read here, at the command line's edge, and handed to the library as values.
#include <cstdlib>
#include <optional>
#include <string_view>

namespace cli {

// The value of an environment variable, or nullopt when it is not set (set but empty is "").
inline std::optional<std::string_view> environment_variable(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::optional<std::string_view>(value) : std::nullopt;
}

} // namespace cli
