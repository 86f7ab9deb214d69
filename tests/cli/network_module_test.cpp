// The network module (ats-hook-network.so) from the user's side: a copy of the binary without it
// still does everything that needs no network, and the commands that do say what is missing
// instead of crashing. That the installed tool finds its module is tests/install's part.
#include "cli/run_process.hpp"
#include "cli/secret_safe_run.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using test::run_program;
using test::ScratchDir;

namespace {

// ats-hook copied alone into a scratch folder, where neither place it looks holds a module.
std::string lone_copy(const ScratchDir& scratch) {
    const auto copy = scratch.path("ats-hook");
    std::filesystem::copy_file(ATS_HOOK_BINARY, copy);
    return copy;
}

} // namespace

TEST_CASE("a copy of ats-hook without its network module validates, and its network commands "
          "name the module they could not find") {
    ScratchDir scratch;
    const auto ats = lone_copy(scratch);
    const auto secret = scratch.write("secret.txt", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n");

    const auto valid = run_program(ats, {"validate", test::source_path("samples/valid/job.created.json")});
    CHECK(valid.exit_code == 0);

    const std::string beside = scratch.path("ats-hook-network.so");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"emit", "job.created", "--send", "http://127.0.0.1:9/", "--secret-file", secret},
             {"listen", "--port", "0", "--secret-file", secret}}) {
        CAPTURE(args[0]);
        const auto run = run_program(ats, args);
        CHECK(run.exit_code == 3);
        CHECK(run.err.find("ats-hook: error: cannot find the network module, which listen, replay "
                           "and emit --send need: tried " + beside + " (absent), ") !=
              std::string::npos);
        CHECK(run.err.find("/ats-hook/ats-hook-network.so (absent); reinstall ats-hook") !=
              std::string::npos);
    }
}

TEST_CASE("a file in the network module's place that is no module is refused with the loader's "
          "reason") {
    ScratchDir scratch;
    const auto ats = lone_copy(scratch);
    const auto secret = scratch.write("secret.txt", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n");
    const auto module = scratch.write("ats-hook-network.so", "not an ELF file\n", 0755);

    const auto run = run_program(ats, {"listen", "--port", "0", "--secret-file", secret});
    CHECK(run.exit_code == 3);
    CHECK(run.err.find("ats-hook: error: cannot load the network module " + module + ": ") !=
          std::string::npos);
}
