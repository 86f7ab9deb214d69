#include "cli/golden.hpp"

#include "cli/run_process.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace test {

void check_golden(const std::string& relative, const std::string& actual) {
    const std::filesystem::path path = source_path(relative);
    const char* update = std::getenv("ATS_HOOK_UPDATE_GOLDEN");
    if (update && std::string_view(update) == "1") {
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << actual;
        MESSAGE("rewrote " << relative);
        return;
    }
    INFO("golden file " << relative << " (ATS_HOOK_UPDATE_GOLDEN=1 rewrites it)");
    REQUIRE(std::filesystem::exists(path));
    CHECK(read_file(path.string()) == actual);
}

} // namespace test
