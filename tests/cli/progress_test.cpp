// The status line of long work: on a terminal's stderr only, erased at the end, never in stdout
// and never under another line. stderr is a pseudo-terminal here, set raw so that the bytes
// the tool writes arrive unchanged.
#include "cli/run_process.hpp"
#include "cli/secret_safe_run.hpp"
#include "loopback_server.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>

namespace {

const std::string k_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

struct PtyRun {
    int exit_code = -1;
    std::string out; // stdout, through a pipe (empty when stdout was the terminal too)
    std::string tty; // what reached the terminal
};

test::RunOptions terminal_env() {
    test::RunOptions options;
    options.env["TERM"] = "xterm";
    return options;
}

// What the test does while the command runs: stdin from a pipe instead of /dev/null, and a
// look at the terminal after each read (to send a signal once a line shows, say).
struct PtyWatch {
    int stdin_fd = -1;               // read end given to the command; -1: /dev/null
    std::vector<int> close_in_child; // the parent's ends the command must not hold
    std::function<void(pid_t, const std::string&)> on_tty;
};

// Runs ats-hook with stderr on a pseudo-terminal 100 columns wide, stdout on a pipe (or the
// same terminal with `stdout_on_tty`) and stdin from /dev/null.
PtyRun run_on_pty(const std::vector<std::string>& args, bool stdout_on_tty = false,
                  const test::RunOptions& options = terminal_env(), const PtyWatch& watch = {}) {
    std::signal(SIGPIPE, SIG_IGN);
    int master = -1, slave = -1;
    winsize size{};
    size.ws_row = 24;
    size.ws_col = 100;
    if (openpty(&master, &slave, nullptr, nullptr, &size) != 0)
        throw std::runtime_error("openpty failed");
    termios raw{};
    tcgetattr(slave, &raw);
    cfmakeraw(&raw);
    tcsetattr(slave, TCSANOW, &raw);
    int out_pipe[2];
    if (pipe(out_pipe) != 0) throw std::runtime_error("pipe failed");
    const test::ExecPlan plan(args, options);
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int input = watch.stdin_fd >= 0 ? watch.stdin_fd : open("/dev/null", O_RDONLY);
        dup2(input, 0);
        dup2(stdout_on_tty ? slave : out_pipe[1], 1);
        dup2(slave, 2);
        for (const int fd : {input, master, slave, out_pipe[0], out_pipe[1]}) close(fd);
        for (const int fd : watch.close_in_child) close(fd);
        plan.exec();
    }
    if (watch.stdin_fd >= 0) close(watch.stdin_fd);
    close(slave);
    close(out_pipe[1]);
    PtyRun run;
    bool tty_open = true, out_open = true;
    char buffer[65536];
    while (tty_open || out_open) {
        pollfd fds[2];
        nfds_t n = 0;
        if (tty_open) fds[n++] = {master, POLLIN, 0};
        if (out_open) fds[n++] = {out_pipe[0], POLLIN, 0};
        if (poll(fds, n, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (nfds_t i = 0; i < n; ++i) {
            if (fds[i].revents == 0) continue;
            const ssize_t got = read(fds[i].fd, buffer, sizeof buffer);
            if (got <= 0) { // EIO on the terminal once every writer has closed it
                (fds[i].fd == master ? tty_open : out_open) = false;
                continue;
            }
            (fds[i].fd == master ? run.tty : run.out).append(buffer, static_cast<std::size_t>(got));
            if (fds[i].fd == master && watch.on_tty) watch.on_tty(pid, run.tty);
        }
    }
    close(master);
    close(out_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

// The lines a terminal shows after these bytes: carriage returns, line feeds and "erase to the
// end of the line" are obeyed. Trailing blank lines are dropped.
std::vector<std::string> screen(const std::string& bytes) {
    std::vector<std::string> lines{""};
    std::size_t column = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::string& line = lines.back();
        if (bytes[i] == '\r') {
            column = 0;
        } else if (bytes[i] == '\n') {
            lines.emplace_back();
            column = 0;
        } else if (bytes.compare(i, 3, "\x1b[K") == 0) {
            if (line.size() > column) line.resize(column);
            i += 2;
        } else {
            if (line.size() <= column) line.resize(column + 1, ' ');
            line[column++] = bytes[i];
        }
    }
    while (!lines.empty() && lines.back().find_first_not_of(' ') == std::string::npos)
        lines.pop_back();
    return lines;
}

std::vector<std::string> lines_of(const std::string& text) {
    return screen(text);
}

// A few MB of NDJSON: the sample deliveries (two of them invalid) over and over.
const std::string& big_log() {
    static const std::string path = [] {
        const std::string deliveries =
            test::read_file(test::source_path("samples/deliveries.ndjson"));
        const auto file = std::filesystem::temp_directory_path() /
                          ("ats-hook-progress-test-" + std::to_string(getpid()) + ".ndjson");
        std::ofstream out(file, std::ios::binary);
        for (int i = 0; i < 50; ++i) out << deliveries;
        return file.string();
    }();
    return path;
}

struct RemoveBigLog {
    ~RemoveBigLog() {
        std::error_code ignored;
        std::filesystem::remove(
            std::filesystem::temp_directory_path() /
                ("ats-hook-progress-test-" + std::to_string(getpid()) + ".ndjson"),
            ignored);
    }
} g_remove_big_log;

bool erased_at_end(const std::string& tty) {
    return tty.ends_with("\r\x1b[K");
}

} // namespace

TEST_CASE("validate --progress draws a status line on a terminal's stderr and erases it") {
    const auto plain = test::run_ats({"validate", big_log()});
    const auto run = run_on_pty({"validate", "--progress", big_log()});
    CHECK(run.exit_code == plain.exit_code);
    CHECK(run.exit_code == 1); // the sample log holds two invalid deliveries
    CHECK(run.tty.find("\rvalidate: ") != std::string::npos);
    CHECK(run.tty.find(" documents)\x1b[K") != std::string::npos);
    CHECK(run.tty.find(" MiB  ") != std::string::npos); // of a known size: "0 B / 3.55 MiB  0%"
    CHECK(erased_at_end(run.tty));
    CHECK(screen(run.tty).empty());
    CHECK(run.out == plain.out); // not a byte of it in stdout
}

TEST_CASE("findings on the same terminal never land on the status line") {
    const auto plain = test::run_ats({"validate", big_log()});
    // Uncoloured, to compare with the piped run (findings on a terminal are coloured).
    const auto run = run_on_pty({"validate", "--progress", "--color", "never", big_log()}, true);
    CHECK(run.exit_code == 1);
    CHECK(run.tty.find("\rvalidate: ") != std::string::npos);
    CHECK(screen(run.tty) == lines_of(plain.out));
}

TEST_CASE("an error printed while the status line shows takes the line's place, not its end") {
    const std::string valid = test::source_path("samples/valid/job.created.json");
    const auto run = run_on_pty({"validate", "--progress", valid, "/no/such/file.ndjson", valid});
    CHECK(run.exit_code == 3);
    CHECK(run.tty.find("\rvalidate: ") != std::string::npos);
    CHECK(screen(run.tty) ==
          std::vector<std::string>{"ats-hook: error: /no/such/file.ndjson: cannot open: No such "
                                   "file or directory"});
}

TEST_CASE("no status line when stderr is not a terminal, even with --progress") {
    test::RunOptions options;
    options.env["TERM"] = "xterm";
    const auto run = test::run_ats({"validate", "--progress", big_log()}, options);
    CHECK(run.exit_code == 1);
    CHECK(run.err.empty());
    CHECK(run.out == test::run_ats({"validate", big_log()}).out);
}

TEST_CASE("no status line with --quiet, --no-progress, TERM=dumb or a small input") {
    SUBCASE("--quiet") {
        const auto run = run_on_pty({"validate", "--quiet", "--progress", big_log()});
        CHECK(run.exit_code == 1);
        CHECK(run.tty.empty());
        CHECK(run.out.empty());
    }
    SUBCASE("--no-progress") {
        const auto run = run_on_pty({"validate", "--no-progress", big_log()});
        CHECK(run.exit_code == 1);
        CHECK(run.tty.empty());
    }
    SUBCASE("TERM=dumb") {
        test::RunOptions options;
        options.env["TERM"] = "dumb";
        const auto run = run_on_pty({"validate", "--progress", big_log()}, false, options);
        CHECK(run.tty.empty());
    }
    SUBCASE("a small input without --progress") {
        const auto run = run_on_pty({"validate", big_log()});
        CHECK(run.tty.empty());
    }
}

TEST_CASE("--progress and --no-progress together are a usage error") {
    const auto run = test::run_ats({"validate", "--progress", "--no-progress", big_log()});
    CHECK(run.exit_code == 2);
}

TEST_CASE("show --progress draws and erases its line and leaves the cards unchanged") {
    const std::string log = test::source_path("samples/deliveries.ndjson");
    const auto plain = test::run_ats({"show", "--color", "never", log});
    const auto run = run_on_pty({"show", "--color", "never", "--progress", log});
    CHECK(run.exit_code == plain.exit_code);
    CHECK(run.tty.find("\rshow: ") != std::string::npos);
    CHECK(erased_at_end(run.tty));
    CHECK(screen(run.tty).empty());
    CHECK(run.out == plain.out);
}

TEST_CASE("emit --count --progress counts events on the terminal, not in the output") {
    const std::vector<std::string> args{"emit",   "all", "--count", "100",
                                        "--seed", "7",   "--at",    "2024-05-06T10:00:00Z"};
    const auto plain = test::run_ats(args);
    auto with_progress = args;
    with_progress.push_back("--progress");
    const auto run = run_on_pty(with_progress);
    CHECK(run.exit_code == 0);
    CHECK(run.tty.find("\remit: ") != std::string::npos);
    CHECK(run.tty.find(" / 1,900 events  ") != std::string::npos);
    CHECK(erased_at_end(run.tty));
    CHECK(screen(run.tty).empty());
    CHECK(run.out == plain.out);
}

TEST_CASE("emit --send --progress counts deliveries and erases the line before the summary") {
    test::LoopbackServer server({{200, "OK", {}, "ok", std::chrono::milliseconds{0}}});
    auto options = terminal_env();
    options.env["ATS_HOOK_SECRET"] = k_secret;
    const auto run =
        run_on_pty({"emit", "job.created", "--count", "30", "--send", server.url(), "--progress"},
                   false, options);
    CHECK(run.exit_code == 0);
    CHECK(run.tty.find("\rsend: ") != std::string::npos);
    CHECK(run.tty.find(" / 30 deliveries  ") != std::string::npos);
    CHECK(erased_at_end(run.tty));
    CHECK(run.out.starts_with("30 of 30 deliveries to " + server.url() + " succeeded\n"));
}

TEST_CASE("replay --progress counts the files it sends and erases the line before the summary") {
    test::LoopbackServer server({{204, "No Content", {}, "", std::chrono::milliseconds{0}}});
    test::ScratchDir dir;
    auto options = terminal_env();
    options.env["ATS_HOOK_SECRET"] = k_secret;
    for (const std::string type : {"job.created", "candidate.updated", "interview.created"}) {
        const auto signed_request = test::run_ats(
            {"sign", "--format", "http", test::source_path("samples/valid/" + type + ".json")},
            options);
        REQUIRE(signed_request.exit_code == 0);
        dir.write(type + ".http", signed_request.out);
    }
    const auto run =
        run_on_pty({"replay", dir.path(""), "--to", server.url(), "--progress"}, false, options);
    CHECK(run.exit_code == 0);
    CHECK(run.tty.find("\rsend: ") != std::string::npos);
    CHECK(run.tty.find(" / 3 deliveries  ") != std::string::npos);
    CHECK(erased_at_end(run.tty));
    CHECK(screen(run.tty).empty());
    CHECK(run.out.find("3 of 3 deliveries to " + server.url() + " succeeded\n") !=
          std::string::npos);
}

TEST_CASE("Ctrl-C while the status line shows erases it and ends the command by SIGINT") {
    for (const std::string command : {"validate", "show"}) {
        CAPTURE(command);
        int input[2];
        REQUIRE(pipe(input) == 0);
        const std::string line =
            test::read_file(test::source_path("samples/valid/job.created.json"));
        std::string compact;
        for (const char c : line)
            if (c != '\n') compact += c;
        compact += '\n';
        REQUIRE(write(input[1], compact.data(), compact.size()) ==
                static_cast<ssize_t>(compact.size()));
        bool interrupted = false;
        PtyWatch watch;
        watch.stdin_fd = input[0];
        watch.close_in_child = {input[1]};
        // Once the line is on the screen, press Ctrl-C (stdin stays open: the command waits).
        watch.on_tty = [&](pid_t pid, const std::string& tty) {
            if (!interrupted && tty.find("\r" + command + ": ") != std::string::npos) {
                interrupted = true;
                kill(pid, SIGINT);
            }
        };
        const auto run = run_on_pty({command, "--progress", "--color", "never", "-"}, false,
                                    terminal_env(), watch);
        close(input[1]);
        CHECK(interrupted);
        CHECK(run.exit_code == 128 + SIGINT);
        CHECK(erased_at_end(run.tty));
        CHECK(screen(run.tty).empty());
    }
}
