#pragma once
// Runs the built ats-hook binary the way a user's shell would, capturing what it prints.
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace test {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

struct RunOptions {
    std::string stdin_data;
    // Variables set (or, with an empty optional-like value "\x01unset", removed) for the child.
    std::map<std::string, std::string> env;
    std::string working_dir;
};

// Options with only stdin set (designated initializers trip GCC 12's -Wextra).
inline RunOptions stdin_of(std::string data) {
    RunOptions options;
    options.stdin_data = std::move(data);
    return options;
}

// Runs ATS_HOOK_BINARY with `args`. The child gets NO_COLOR unset, TZ=UTC, LC_ALL=C.UTF-8 and
// COLUMNS=80 unless `options.env` says otherwise, so results do not depend on the caller.
Run run_ats(const std::vector<std::string>& args, const RunOptions& options = {});

// Runs the program at `path` (a shell, for the completion tests) as run_ats runs ats-hook.
Run run_program(const std::string& path, const std::vector<std::string>& args,
                const RunOptions& options = {});

// In a forked child: sets up the environment as run_ats does and executes ATS_HOOK_BINARY.
[[noreturn]] void exec_ats(const std::vector<std::string>& args, const RunOptions& options);

struct Prepared;
// An exec of ats-hook made ready before fork, so that the child only execs (it must not
// allocate: the test process has other threads).
class ExecPlan {
public:
    ExecPlan(const std::vector<std::string>& args, const RunOptions& options);
    ~ExecPlan();
    [[noreturn]] void exec() const;

private:
    std::unique_ptr<Prepared> m_prepared;
};

// Path of a file below the source tree, e.g. source_path("samples/valid/job.created.json").
std::string source_path(const std::string& relative);

std::string read_file(const std::string& path);

} // namespace test
