// The man page, --help and the README must stay true to each other.
#include "cli/run_process.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <sstream>

namespace {

std::set<std::string> long_options(const std::string& help) {
    std::set<std::string> out;
    const std::regex option("--([a-z][a-z0-9-]*)");
    for (auto it = std::sregex_iterator(help.begin(), help.end(), option);
         it != std::sregex_iterator(); ++it)
        out.insert((*it)[1]);
    return out;
}

std::vector<std::string> subcommands() {
    const auto help = test::run_ats({"--help"}).out;
    std::vector<std::string> out;
    const auto start = help.find("Subcommands:");
    std::istringstream lines(help.substr(start));
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line) && line.starts_with("  ")) {
        std::istringstream words(line);
        std::string name;
        words >> name;
        out.push_back(name);
    }
    return out;
}

} // namespace

// The text of the man page's `.SS command` section, up to the next section.
std::string man_section(const std::string& man, const std::string& command) {
    const auto start = man.find(".SS " + command + "\n");
    if (start == std::string::npos) return {};
    const auto end = man.find("\n.S", start + 1);
    return man.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST_CASE("every command and option that --help shows is in that command's man page section") {
    const std::string man = test::read_file(test::source_path("man/ats-hook.1"));
    const auto commands = subcommands();
    CHECK(commands.size() >= 8);
    for (const auto& command : commands) {
        CAPTURE(command);
        const std::string section = man_section(man, command);
        CHECK_FALSE(section.empty());
        const auto run = test::run_ats({command, "--help"});
        CHECK(run.exit_code == 0);
        for (const auto& option : long_options(run.out)) {
            if (option == "help") continue; // every command's, under GLOBAL OPTIONS
            CAPTURE(option);
            std::string escaped;
            for (const char c : option)
                escaped += c == '-' ? std::string("\\-") : std::string(1, c);
            CHECK(section.find("\\-\\-" + escaped) != std::string::npos);
        }
    }
}

TEST_CASE("--help and --version exit 0, a missing command is a usage error") {
    CHECK(test::run_ats({"--help"}).exit_code == 0);
    const auto version = test::run_ats({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out == "0.1.0\n");
}

TEST_CASE("ats-hook with no command prints the short help on stderr and exits 2") {
    const auto run = test::run_ats({});
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find("Subcommands:") != std::string::npos);
    CHECK(run.err.find("validate") != std::string::npos);
    CHECK_FALSE(run.err.starts_with("ats-hook: error"));
}

TEST_CASE(".ci/run runs the README's test command exactly") {
    const std::string readme = test::read_file(test::source_path("README.md"));
    const std::string ci = test::read_file(test::source_path(".ci/run"));
    const auto start = readme.find("Build and run every test:");
    REQUIRE(start != std::string::npos);
    const auto code = readme.find("```sh\n", start) + 6;
    const std::string command = readme.substr(code, readme.find('\n', code) - code);
    CHECK(command.find("ctest") != std::string::npos);
    CHECK(ci.find("\n" + command + "\n") != std::string::npos);
}

TEST_CASE("events lists exactly the 19 types") {
    const auto run = test::run_ats({"events"});
    CHECK(run.exit_code == 0);
    std::istringstream lines(run.out);
    std::set<std::string> names;
    for (std::string line; std::getline(lines, line);) names.insert(line.substr(0, line.find(' ')));
    CHECK(names.size() == 19);
    CHECK(names.count("interview.created") == 1);
    CHECK(run.out.find("interview.created          documented an interview was scheduled\n") !=
          std::string::npos);
    CHECK(
        run.out.find("candidate.tag.added        inferred   a tag was attached to a candidate\n") !=
        std::string::npos);
}

TEST_CASE("schema prints a draft-07 schema, an unknown type is a usage error with a suggestion") {
    const auto run = test::run_ats({"schema", "interview.created"});
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("\"$schema\": \"http://json-schema.org/draft-07/schema#\"") !=
          std::string::npos);
    const auto bad = test::run_ats({"schema", "interview.create"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("did you mean \"interview.created\"") != std::string::npos);
}
