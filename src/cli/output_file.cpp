#include "cli/output_file.hpp"

#include "atshook/error.hpp"

#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace cli {

void write_output_file(const std::string& path, const std::string& text) {
    if (path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return;
    }
    const std::string temporary = path + ".tmp";
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file)
        throw atshook::Error(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    const int saved = errno;
    if (std::fclose(file) != 0 || !written) {
        std::remove(temporary.c_str());
        throw atshook::Error(fmt::format("{}: cannot write: {}", path, std::strerror(saved)));
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        std::remove(temporary.c_str());
        throw atshook::Error(fmt::format("{}: cannot write: {}", path, std::strerror(error)));
    }
}

} // namespace cli
