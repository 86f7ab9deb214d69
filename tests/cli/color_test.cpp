// validate and verify colour their findings and verdicts as compilers do, under the rules show
// follows: --color always|never decides; under auto NO_COLOR turns colour off, CLICOLOR_FORCE
// on, and otherwise only a terminal gets it (the tests' stdout is a pipe).
#include "cli/run_process.hpp"
#include "cli/secret_safe_run.hpp"

#include <doctest/doctest.h>

namespace {

const std::string k_invalid = "samples/invalid/attendee-status-attending.json";
const std::string k_warning = "samples/warnings/unknown-field.json";
const std::string k_request = "samples/signed/application.created.http";
const std::string k_secret = "samples/signed/secret.txt";

test::Run in_samples(const std::vector<std::string>& args,
                     std::map<std::string, std::string> env = {}) {
    test::RunOptions options;
    options.working_dir = test::source_path("");
    options.env = std::move(env);
    return test::run_ats(args, options);
}

// The escape sequences written by hand: bold, bold red, yellow, green, cyan, reset.
const std::string bold = "\x1b[1m", alert = "\x1b[1;31m", warn = "\x1b[33m", good = "\x1b[32m",
                  info = "\x1b[36m", reset = "\x1b[0m";

} // namespace

TEST_CASE("validate --color always: bold location, bold red pointer of an error") {
    const auto run = in_samples({"validate", "--color", "always", k_invalid});
    CHECK(run.exit_code == 1);
    CHECK(run.out == bold + k_invalid + ":36:23:" + reset + " " + alert +
                         "/data/object/event/attendees/1/status:" + reset +
                         " \"attending\" is not one of accepted, pending, maybe, declined\n");
}

TEST_CASE("validate --color always: a warning and its pointer in yellow, valid in green") {
    const auto run = in_samples({"validate", "--color", "always", k_warning});
    CHECK(run.exit_code == 0);
    const std::string finding = bold + k_warning + ":12:19:" + reset + " " + warn + "warning:" + reset +
                                " " + warn + "/data/object/pronouns:" + reset + " ";
    CHECK(run.out.starts_with(finding));
    CHECK(run.out.ends_with(bold + k_warning + ":" + reset + " " + good + "valid" + reset +
                            " candidate.updated\n"));
}

TEST_CASE("validate output to a pipe has no escape codes unless forced") {
    const auto piped = in_samples({"validate", k_invalid});
    CHECK(piped.out == k_invalid + ":36:23: /data/object/event/attendees/1/status: \"attending\" is "
                                   "not one of accepted, pending, maybe, declined\n");
    const auto forced = in_samples({"validate", k_invalid}, {{"CLICOLOR_FORCE", "1"}});
    CHECK(forced.out.find(alert) != std::string::npos);
    const auto forced_off = in_samples({"validate", k_invalid}, {{"CLICOLOR_FORCE", "0"}});
    CHECK(forced_off.out.find('\x1b') == std::string::npos);
    const auto no_color =
        in_samples({"validate", k_invalid}, {{"NO_COLOR", "1"}, {"CLICOLOR_FORCE", "1"}});
    CHECK(no_color.out.find('\x1b') == std::string::npos);
    const auto never =
        in_samples({"validate", "--color", "never", k_invalid}, {{"CLICOLOR_FORCE", "1"}});
    CHECK(never.out.find('\x1b') == std::string::npos);
}

TEST_CASE("validate --format json is never coloured") {
    const auto run = in_samples({"validate", "--format", "json", "--color", "always", k_invalid});
    CHECK(run.out.find('\x1b') == std::string::npos);
    CHECK(run.out.find("\"valid\":false") != std::string::npos);
}

TEST_CASE("verify --color always: green verdict, or bold red and cyan hints") {
    const auto good_run = in_samples({"verify", "--color", "always", "--request", k_request,
                                      "--secret-file", k_secret, "--now", "2024-02-05T09:14:30Z"});
    CHECK(good_run.exit_code == 0);
    CHECK(good_run.out.starts_with(good + "verified:" + reset + " message msg_"));

    // The timestamp pasted in milliseconds: refused as too new, with a hint.
    const auto bad_run =
        in_samples({"verify", "--color", "always", "--secret-file", k_secret, "--id", "msg_1",
                    "--timestamp", "1707124468000", "--signature", "v1,AAAA", "--now",
                    "2024-02-05T09:14:30Z", "samples/valid/job.created.json"});
    CHECK(bad_run.exit_code == 4);
    CHECK(bad_run.out.starts_with(alert + "not verified:" + reset + " too new: "));
    CHECK(bad_run.out.find("\n  " + info + "hint:" + reset + " ") != std::string::npos);
}

TEST_CASE("a hostile file name is escaped before colour is added") {
    test::ScratchDir dir;
    const auto file =
        dir.write("\x1b[2J\x1b]0;owned\x07.json", test::read_file(test::source_path(k_invalid)));
    test::RunOptions options;
    options.env = {{"CLICOLOR_FORCE", "1"}};
    const auto run = test::run_ats({"validate", file}, options);
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("\\x1b[2J\\x1b]0;owned\\x07.json:") != std::string::npos);
    // Without our own sequences, no escape character is left.
    std::string rest = run.out;
    for (const std::string& ours : {bold, alert, reset})
        for (auto at = rest.find(ours); at != std::string::npos; at = rest.find(ours))
            rest.erase(at, ours.size());
    CHECK(rest.find('\x1b') == std::string::npos);
}
