#include "cli/run_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace test {
namespace {

void set_child_environment(const RunOptions& options) {
    setenv("TZ", "UTC", 1);
    setenv("LC_ALL", "C.UTF-8", 1);
    setenv("COLUMNS", "80", 1);
    unsetenv("NO_COLOR");
    unsetenv("CLICOLOR_FORCE");
    unsetenv("ATS_HOOK_SECRET");
    for (const auto& [name, value] : options.env) {
        if (value == "\x01unset")
            unsetenv(name.c_str());
        else
            setenv(name.c_str(), value.c_str(), 1);
    }
}

[[noreturn]] void exec_program(const std::string& path, const std::vector<std::string>& args,
                               const RunOptions& options) {
    set_child_environment(options);
    if (!options.working_dir.empty() && chdir(options.working_dir.c_str()) != 0) _exit(126);
    std::vector<char*> argv;
    std::string binary = path;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
}

} // namespace

[[noreturn]] void exec_ats(const std::vector<std::string>& args, const RunOptions& options) {
    exec_program(ATS_HOOK_BINARY, args, options);
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
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
            close(fd);
        exec_program(path, args, options);
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
