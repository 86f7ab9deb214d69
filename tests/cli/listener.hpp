#pragma once
// `ats-hook listen` run in the background for a test.
#include "cli/run_process.hpp"
#include "raw_connection.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace test {

// The file's bytes, or "" while it does not exist yet.
inline std::string read_if_there(const std::string& path) {
    std::error_code error;
    return std::filesystem::exists(path, error) ? read_file(path) : std::string();
}

// Starts `ats-hook listen --port 0 ARGS...` with stdout and stderr in files under `dir`, and
// waits for its first stderr line, "listening on http://127.0.0.1:PORT/PATH".
class Listener {
public:
    Listener(const std::string& dir, const std::vector<std::string>& args,
             const RunOptions& options = {})
        : m_out(dir + "/listen-" + std::to_string(next_number()) + ".out"),
          m_err(m_out.substr(0, m_out.size() - 4) + ".err") {
        // Everything is made ready before fork: the child only redirects and execs.
        std::vector<std::string> all{"listen", "--port", "0"};
        all.insert(all.end(), args.begin(), args.end());
        const ExecPlan plan(all, options);
        const int out = open(m_out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        const int err = open(m_err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        REQUIRE(out >= 0);
        REQUIRE(err >= 0);
        m_pid = fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            dup2(out, 1);
            dup2(err, 2);
            plan.exec();
        }
        close(out);
        close(err);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
        while (std::chrono::steady_clock::now() < deadline) {
            const std::string err = read_if_there(m_err);
            const auto newline = err.find('\n');
            if (newline != std::string::npos) {
                m_first_line = err.substr(0, newline);
                const auto colon = m_first_line.rfind(':');
                const auto slash = m_first_line.find('/', colon);
                if (m_first_line.starts_with("listening on http://127.0.0.1:") &&
                    colon != std::string::npos && slash != std::string::npos)
                    m_port = std::stoi(m_first_line.substr(colon + 1, slash - colon - 1));
                break;
            }
            int status = 0;
            if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                m_pid = -1;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds{10});
        }
        if (m_port == 0 && m_pid > 0) {
            // A constructor that throws runs no destructor: do not leave the child behind.
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
        REQUIRE_MESSAGE(m_port > 0, "listen did not start: " << read_if_there(m_err));
    }
    ~Listener() {
        if (m_pid > 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    int port() const { return m_port; }
    const std::string& first_line() const { return m_first_line; }
    std::string url(const std::string& path = "/webhooks/hirehive") const {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    // What it printed so far.
    std::string out() const { return read_if_there(m_out); }

    // Sends `signal_number` (unless 0) and waits up to 20 s for the exit; then kills it.
    Run finish(int signal_number = 0) {
        if (m_pid > 0 && signal_number != 0) kill(m_pid, signal_number);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
        while (m_pid > 0) {
            int status = 0;
            if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                m_pid = -1;
                break;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                kill(m_pid, SIGKILL);
                waitpid(m_pid, nullptr, 0);
                m_pid = -1;
                FAIL("listen did not stop within 20 s");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds{10});
        }
        return Run{m_exit, read_if_there(m_out), read_if_there(m_err)};
    }

private:
    // Each listener of a test writes its own files.
    static int next_number() {
        static int number = 0;
        return ++number;
    }
    std::string m_out, m_err, m_first_line;
    pid_t m_pid = -1;
    int m_port = 0;
    int m_exit = -1;
};

} // namespace test
