// `ats-hook keygen` from the real binary: secret sizes, Ed25519 pairs, the 0600 output file.
#include "cli/secret_safe_run.hpp"

#include <sys/stat.h>

#include <regex>

using test::run_guarded;

TEST_CASE("keygen prints a fresh whsec_ secret of 32 random bytes by default") {
    const auto first = test::run_ats({"keygen"});
    const auto second = test::run_ats({"keygen"});
    CHECK(first.exit_code == 0);
    CHECK(std::regex_match(first.out, std::regex("whsec_[A-Za-z0-9+/]{43}=\n")));
    CHECK(first.out != second.out);
}

TEST_CASE("keygen --bytes takes 24 to 64") {
    CHECK(std::regex_match(test::run_ats({"keygen", "--bytes", "24"}).out,
                           std::regex("whsec_[A-Za-z0-9+/]{32}\n")));
    CHECK(std::regex_match(test::run_ats({"keygen", "--bytes", "64"}).out,
                           std::regex("whsec_[A-Za-z0-9+/]{86}==\n")));
    CHECK(test::run_ats({"keygen", "--bytes", "23"}).exit_code == 2);
    CHECK(test::run_ats({"keygen", "--bytes", "65"}).exit_code == 2);
}

TEST_CASE("keygen --ed25519 prints a whsk_ private and a whpk_ public key that work together") {
    const auto run = test::run_ats({"keygen", "--ed25519"});
    CHECK(run.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_match(
        run.out, m, std::regex("(whsk_[A-Za-z0-9+/]{86}==)\n(whpk_[A-Za-z0-9+/]{43}=)\n")));
    const test::ScratchDir dir;
    const auto signed_run = run_guarded(
        {"sign", "--timestamp", "1", "--secret-file", dir.write("private.txt", m[1].str() + "\n")},
        test::stdin_of("{}"));
    CHECK(signed_run.out.find("webhook-signature: v1a,") != std::string::npos);
    const auto verified = run_guarded({"verify", "--headers", dir.write("h.txt", signed_run.out),
                                       "--ignore-timestamp", "--secret-file",
                                       dir.write("public.txt", m[2].str() + "\n")},
                                      test::stdin_of("{}"));
    CHECK(verified.exit_code == 0);
    CHECK(verified.out.find("v1a signature") != std::string::npos);
}

TEST_CASE("keygen -o creates the file with mode 0600 and never overwrites one") {
    const test::ScratchDir dir;
    const auto path = dir.path("new.key");
    const auto run = test::run_ats({"keygen", "-o", path});
    CHECK(run.exit_code == 0);
    CHECK(run.out.empty());
    struct stat info {};
    REQUIRE(stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    const std::string key = test::read_file(path);
    CHECK(std::regex_match(key, std::regex("whsec_[A-Za-z0-9+/]{43}=\n")));

    const auto again = test::run_ats({"keygen", "-o", path});
    CHECK(again.exit_code == 3);
    CHECK(again.err ==
          "ats-hook: error: " + path + " already exists; keygen does not overwrite a key\n");
    CHECK(test::read_file(path) == key);
}

TEST_CASE("keygen --ed25519 -o writes the private key to the file and the public one to stdout") {
    const test::ScratchDir dir;
    const auto path = dir.path("ed.key");
    const auto run = test::run_ats({"keygen", "--ed25519", "-o", path});
    CHECK(run.exit_code == 0);
    CHECK(std::regex_match(run.out, std::regex("whpk_[A-Za-z0-9+/]{43}=\n")));
    CHECK(test::read_file(path).starts_with("whsk_"));
    CHECK(test::run_ats({"keygen", "--ed25519", "--bytes", "32"}).exit_code == 2);
}
