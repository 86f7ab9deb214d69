// --help of verify, sign and keygen against the man page: every option shown is documented.
#include "cli/run_process.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <set>

namespace {

// "--ignore-timestamp" as roff writes it: "\-\-ignore\-timestamp".
std::string roff(const std::string &option) {
    std::string out;
    for (const char c : option)
        out += c == '-' ? std::string("\\-") : std::string(1, c);
    return out;
}

std::set<std::string> options_in_help(const std::string &help) {
    std::set<std::string> options;
    const std::regex option(R"((^|[\s,])(--?[a-z][a-z0-9-]*))");
    for (auto it = std::sregex_iterator(help.begin(), help.end(), option);
         it != std::sregex_iterator(); ++it)
        options.insert((*it)[2].str());
    return options;
}

} // namespace

TEST_CASE("every option that verify, sign and keygen --help show is in the man page") {
    const std::string man = test::read_file(test::source_path("man/ats-hook.1"));
    for (const std::string command : {"verify", "sign", "keygen"}) {
        const auto run = test::run_ats({command, "--help"});
        REQUIRE(run.exit_code == 0);
        const auto options = options_in_help(run.out);
        CHECK(options.size() > 3);
        for (const auto &option : options) {
            if (option == "-h" || option == "--help")
                continue;
            CAPTURE(command);
            CAPTURE(option);
            CHECK(man.find(roff(option)) != std::string::npos);
        }
        CHECK(man.find(".SS " + command + "\n") != std::string::npos);
    }
}

TEST_CASE("verify --help lists its exit codes") {
    const auto run = test::run_ats({"verify", "--help"});
    CHECK(run.out.find("Exit codes: 0 verified; 1 no matching signature") != std::string::npos);
    CHECK(run.out.find("4 timestamp outside the tolerance") != std::string::npos);
    CHECK(run.out.find("5 missing header") != std::string::npos);
}
