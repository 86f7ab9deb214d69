#include "cli/run_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace test {

// Everything a child needs to exec, made before fork: the test process has other threads (the
// loopback servers), and a child that allocates between fork and exec can hang on an allocator
// lock one of them held (AddressSanitizer's, seen with clang).
struct Prepared {
    std::string path;
    std::vector<std::string> args;
    std::vector<std::string> env;
    std::vector<char*> argv;
    std::vector<char*> envp;
    std::string working_dir;
};

namespace {

std::unique_ptr<Prepared> prepare(const std::string& path, const std::vector<std::string>& args,
                                  const RunOptions& options) {
    auto prepared = std::make_unique<Prepared>();
    prepared->path = path;
    prepared->args.push_back(path);
    prepared->args.insert(prepared->args.end(), args.begin(), args.end());
    std::map<std::string, std::string> env;
    for (char** entry = environ; *entry; ++entry) {
        const std::string text = *entry;
        const auto equals = text.find('=');
        if (equals != std::string::npos) env[text.substr(0, equals)] = text.substr(equals + 1);
    }
    env["TZ"] = "UTC";
    env["LC_ALL"] = "C.UTF-8";
    env["COLUMNS"] = "80";
    for (const char* name : {"NO_COLOR", "CLICOLOR_FORCE", "ATS_HOOK_SECRET"}) env.erase(name);
    for (const auto& [name, value] : options.env) {
        if (value == "\x01unset")
            env.erase(name);
        else
            env[name] = value;
    }
    for (const auto& [name, value] : env) prepared->env.push_back(name + "=" + value);
    for (auto& arg : prepared->args) prepared->argv.push_back(arg.data());
    prepared->argv.push_back(nullptr);
    for (auto& entry : prepared->env) prepared->envp.push_back(entry.data());
    prepared->envp.push_back(nullptr);
    prepared->working_dir = options.working_dir;
    return prepared;
}

// In the child: no allocation from here on.
[[noreturn]] void exec_prepared(const Prepared& prepared) {
    if (!prepared.working_dir.empty() && chdir(prepared.working_dir.c_str()) != 0) _exit(126);
    execve(prepared.path.c_str(), prepared.argv.data(), prepared.envp.data());
    _exit(127);
}

} // namespace

[[noreturn]] void exec_ats(const std::vector<std::string>& args, const RunOptions& options) {
    exec_prepared(*prepare(ATS_HOOK_BINARY, args, options));
}

ExecPlan::ExecPlan(const std::vector<std::string>& args, const RunOptions& options)
    : m_prepared(prepare(ATS_HOOK_BINARY, args, options)) {}
ExecPlan::~ExecPlan() = default;
void ExecPlan::exec() const {
    exec_prepared(*m_prepared);
}

Run run_ats(const std::vector<std::string>& args, const RunOptions& options) {
    return run_program(ATS_HOOK_BINARY, args, options);
}

Run run_program(const std::string& path, const std::vector<std::string>& args,
                const RunOptions& options) {
    std::signal(SIGPIPE, SIG_IGN); // a child that exits before reading stdin must not kill us
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0)
        throw std::runtime_error("pipe failed");
    const auto prepared = prepare(path, args, options);
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
            close(fd);
        exec_prepared(*prepared);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);

    Run run;
    std::size_t written = 0;
    int in_fd = in_pipe[1];
    if (options.stdin_data.empty()) {
        close(in_fd);
        in_fd = -1;
    } else {
        fcntl(in_fd, F_SETFL, O_NONBLOCK);
    }
    bool out_open = true, err_open = true;
    char buffer[65536];
    while (out_open || err_open || in_fd >= 0) {
        pollfd fds[3];
        nfds_t n = 0;
        if (out_open) fds[n++] = {out_pipe[0], POLLIN, 0};
        if (err_open) fds[n++] = {err_pipe[0], POLLIN, 0};
        if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
        if (poll(fds, n, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (nfds_t i = 0; i < n; ++i) {
            if (fds[i].revents == 0) continue;
            if (fds[i].fd == in_fd) {
                const ssize_t w = write(in_fd, options.stdin_data.data() + written,
                                        options.stdin_data.size() - written);
                if (w > 0) written += static_cast<std::size_t>(w);
                if (w < 0 && errno != EAGAIN) written = options.stdin_data.size();
                if (written == options.stdin_data.size()) {
                    close(in_fd);
                    in_fd = -1;
                }
                continue;
            }
            const ssize_t r = read(fds[i].fd, buffer, sizeof buffer);
            if (r <= 0) {
                if (fds[i].fd == out_pipe[0])
                    out_open = false;
                else
                    err_open = false;
                continue;
            }
            (fds[i].fd == out_pipe[0] ? run.out : run.err)
                .append(buffer, static_cast<std::size_t>(r));
        }
    }
    close(out_pipe[0]);
    close(err_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

std::string source_path(const std::string& relative) {
    return std::string(ATS_HOOK_SOURCE_DIR) + "/" + relative;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace test
