#include "cli/input_paths.hpp"

#include "atshook/error.hpp"
#include "atshook/learn/corpus.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <filesystem>

namespace cli {

std::vector<std::string> files_named(const std::vector<std::string>& paths,
                                     std::initializer_list<std::string_view> extensions) {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        std::error_code error;
        if (path == "-" || !std::filesystem::is_directory(path, error)) {
            files.push_back(path);
            continue;
        }
        std::size_t found = 0;
        for (auto& file : atshook::learn::corpus_files(path))
            for (const auto extension : extensions)
                if (file.ends_with(extension)) {
                    files.push_back(std::move(file));
                    ++found;
                    break;
                }
        if (found == 0)
            throw atshook::Error(fmt::format("{}: a directory with no {} files in it", path,
                                             fmt::join(extensions, ", ")));
    }
    return files;
}

} // namespace cli
