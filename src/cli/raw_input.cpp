#include "cli/raw_input.hpp"

#include "atshook/error.hpp"
#include "atshook/input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

namespace cli {
namespace {

[[noreturn]] void cannot_read(const std::string& path, int error) {
    throw atshook::Error("cannot read " + input_name(path) + ": " + std::strerror(error));
}

[[noreturn]] void too_large(const std::string& path, std::size_t limit,
                            std::string_view limit_name) {
    throw atshook::Error("cannot read " + input_name(path) + ": it is larger than " +
                         std::to_string(limit) + " bytes (" + std::string(limit_name) + ")");
}

// Reads until end of file, growing by doubling only when the size was not known up front, and
// never past limit + 1 bytes.
std::string read_all(int fd, const std::string& path, std::size_t expected, std::size_t limit,
                     std::string_view limit_name) {
    std::string bytes(std::min(expected > 0 ? expected + 1 : 65536, limit + 1), '\0');
    std::size_t used = 0;
    for (;;) {
        if (used == bytes.size()) {
            if (used > limit) too_large(path, limit, limit_name);
            bytes.resize(std::min(bytes.size() * 2, limit + 1));
        }
        const ssize_t n = read(fd, bytes.data() + used, bytes.size() - used);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) cannot_read(path, errno);
        if (n == 0) break;
        used += static_cast<std::size_t>(n);
    }
    bytes.resize(used);
    return bytes;
}

} // namespace

void require_stdin_once(const std::vector<std::pair<std::string, std::string>>& inputs) {
    const std::string* first = nullptr;
    for (const auto& [option, path] : inputs) {
        if (path != "-") continue;
        if (first)
            throw atshook::Error(*first + " and " + option +
                                     " cannot both come from stdin: give one of them as a file",
                                 atshook::Error::Kind::usage);
        first = &option;
    }
}

void add_max_bytes_option(CLI::App& command, std::size_t& max_bytes) {
    command
        .add_option("--max-bytes", max_bytes,
                    "Largest payload accepted, in bytes (default 16777216 = 16 MiB, at most 4 GiB)")
        ->check(CLI::Range(std::size_t{1}, atshook::k_largest_max_bytes))
        ->type_name("N");
}

std::string input_name(const std::string& path) {
    if (path == "-") return "stdin";
    // A secret pasted where a file name belongs must not be echoed back in an error.
    std::string prefix = path.substr(0, 6);
    for (auto& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (prefix.starts_with("whsec_") || prefix.starts_with("whsk_") || prefix.starts_with("whpk_"))
        return "the file named by a secret-like argument (not shown; give secrets with "
               "--secret-file FILE or ATS_HOOK_SECRET, never where a file name goes)";
    return path;
}

std::string read_raw_input(const std::string& path, std::size_t limit,
                           std::string_view limit_name) {
    if (path == "-") return read_all(STDIN_FILENO, path, 0, limit, limit_name);
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) cannot_read(path, errno);
    struct stat info {};
    if (fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        close(fd);
        throw atshook::Error("cannot read " + path + ": it is a directory");
    }
    const auto expected = info.st_size > 0 ? static_cast<std::size_t>(info.st_size) : 0;
    if (expected > limit) {
        close(fd);
        too_large(path, limit, limit_name);
    }
    try {
        std::string bytes = read_all(fd, path, expected, limit, limit_name);
        close(fd);
        return bytes;
    } catch (const atshook::Error&) {
        close(fd);
        throw;
    }
}

} // namespace cli
