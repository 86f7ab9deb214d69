// Runs a fuzz target's code over saved inputs without libFuzzer, so that ctest replays every
// seed and every input that once crashed, in any build (gcc, the sanitizer build).
//   fuzz_replay_<target> FILE_OR_FOLDER...
// A crash or sanitizer report ends the run at the input named last on stdout.
#include "fuzz_target.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path root = argv[i];
        if (fs::is_directory(root)) {
            for (const auto& entry : fs::recursive_directory_iterator(root))
                if (entry.is_regular_file()) files.push_back(entry.path());
        } else if (fs::exists(root)) {
            files.push_back(root);
        }
        // A folder that does not exist yet (no regression found) has nothing to replay.
    }
    std::sort(files.begin(), files.end());
    std::size_t passed = 0, failed = 0;
    for (const auto& file : files) {
        std::cout << "replay " << file.string() << std::endl;
        std::ifstream in(file, std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>()};
        try {
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                   bytes.size());
            ++passed;
        } catch (const std::exception& e) {
            // Under libFuzzer this would be an uncaught exception: a crash. Report, go on.
            std::cout << "FAILED " << file.string() << ": uncaught exception: " << e.what()
                      << std::endl;
            ++failed;
        }
    }
    std::cout << passed << " passed, " << failed << " failed" << std::endl;
    return failed == 0 && !files.empty() ? 0 : 1;
}
