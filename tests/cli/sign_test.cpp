// `ats-hook sign` from the real binary: exact headers, every format, round trips with verify.
#include "cli/secret_safe_run.hpp"

#include <nlohmann/json.hpp>

#include <regex>

using test::k_body;
using test::k_id;
using test::k_secret;
using test::k_signature;
using test::run_guarded;
using test::with_secret_env;

namespace {

test::Run sign(std::vector<std::string> extra, const std::string& secrets = k_secret) {
    std::vector<std::string> args = {"sign", "--id", k_id, "--timestamp", "1614265330"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_guarded(args, with_secret_env(secrets, k_body));
}

} // namespace

TEST_CASE("sign reproduces the canonical vector given its id and timestamp") {
    const auto run = sign({});
    CHECK(run.exit_code == 0);
    CHECK(run.out == "webhook-id: " + k_id +
                         "\nwebhook-timestamp: 1614265330\nwebhook-signature: " + k_signature +
                         "\n");
    CHECK(run.err.empty());
}

TEST_CASE("sign takes the timestamp as Unix seconds or RFC 3339 and writes canonical decimal") {
    for (const auto* timestamp :
         {"2021-02-25T15:02:10Z", "+1614265330", "2021-02-25T16:02:10+01:00"}) {
        CAPTURE(timestamp);
        const auto run = run_guarded({"sign", "--id", k_id, "--timestamp", timestamp},
                                     with_secret_env(k_secret, k_body));
        CHECK(run.out.find("webhook-timestamp: 1614265330\nwebhook-signature: " + k_signature) !=
              std::string::npos);
    }
}

TEST_CASE("sign --format json maps the three header names to their values") {
    const auto run = sign({"--format", "json"});
    CHECK(run.exit_code == 0);
    CHECK(nlohmann::json::parse(run.out) == nlohmann::json{{"headers",
                                                            {{"webhook-id", k_id},
                                                             {"webhook-timestamp", "1614265330"},
                                                             {"webhook-signature", k_signature}}}});
}

TEST_CASE("sign --format http writes a request that verify --request accepts") {
    const auto run = sign({"--format", "http", "--url", "https://hooks.example.test/in?x=1"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == "POST /in?x=1 HTTP/1.1\r\nHost: hooks.example.test\r\n"
                     "Content-Type: application/json\r\n"
                     "webhook-id: " +
                         k_id +
                         "\r\nwebhook-timestamp: 1614265330\r\n"
                         "webhook-signature: " +
                         k_signature + "\r\nContent-Length: 20\r\n\r\n" + k_body);
    const test::ScratchDir dir;
    const auto verified =
        run_guarded({"verify", "--request", dir.write("r.http", run.out), "--now", "1614265330"},
                    with_secret_env(k_secret));
    CHECK(verified.exit_code == 0);
}

TEST_CASE("sign --format http round-trips random binary bodies through verify --request") {
    const test::ScratchDir dir;
    std::string body;
    for (int i = 0; i < 70000; ++i) body += static_cast<char>((i * 7919 + i / 13) & 0xFF);
    for (const std::string& b : {body, std::string(), std::string("\r\n\r\n"), body + "\n"}) {
        const auto body_file = dir.write("body.bin", b);
        const auto signed_run =
            run_guarded({"sign", body_file, "--format", "http", "--timestamp", "1700000000"},
                        with_secret_env(k_secret));
        REQUIRE(signed_run.exit_code == 0);
        const auto run = run_guarded(
            {"verify", "--request", dir.write("r.http", signed_run.out), "--now", "1700000000"},
            with_secret_env(k_secret));
        CHECK(run.exit_code == 0);
    }
}

TEST_CASE("sign --format curl writes a command that sends the file's bytes unchanged") {
    const test::ScratchDir dir;
    const auto body = dir.write("it's.json", k_body);
    const auto run = run_guarded({"sign", body, "--id", k_id, "--timestamp", "1614265330",
                                  "--format", "curl", "--url", "http://127.0.0.1:9/hook"},
                                 with_secret_env(k_secret));
    CHECK(run.exit_code == 0);
    const std::string quoted_body = "'@" + body.substr(0, body.find("it'")) + "it'\\''s.json'";
    CHECK(run.out == "curl --request POST 'http://127.0.0.1:9/hook' \\\n"
                     "  --header 'Content-Type: application/json' \\\n"
                     "  --header 'webhook-id: " +
                         k_id +
                         "' \\\n"
                         "  --header 'webhook-timestamp: 1614265330' \\\n"
                         "  --header 'webhook-signature: " +
                         k_signature +
                         "' \\\n"
                         "  --data-binary " +
                         quoted_body + "\n");
}

TEST_CASE("sign --format curl carries a body read from stdin in the command") {
    const auto run = sign({"--format", "curl", "--url", "http://127.0.0.1:9/hook"});
    CHECK(run.exit_code == 0);
    CHECK(run.out.starts_with("printf '%s' '" + k_body + "' | curl "));
    CHECK(run.out.find("--data-binary @-") != std::string::npos);
}

TEST_CASE("sign refuses an --id with spaces or control characters") {
    CHECK(run_guarded({"sign", "--id", "msg_1\r\nX-Evil: 1"}, with_secret_env(k_secret, k_body))
              .exit_code == 2);
    CHECK(run_guarded({"sign", "--id", " msg_1"}, with_secret_env(k_secret, k_body)).exit_code ==
          2);
}

TEST_CASE("sign with two secrets writes both tokens, as a sender rotating keys does") {
    const auto run = sign({"--format", "json"}, k_secret + " " + test::k_other_secret);
    const std::string header = nlohmann::json::parse(run.out)["headers"]["webhook-signature"];
    CHECK(header.starts_with(k_signature + " v1,"));
    CHECK(header.size() == 2 * 47 + 1);
}

TEST_CASE("sign makes a fresh msg_ id when none is given") {
    const auto run = run_guarded({"sign", "--timestamp", "1"}, with_secret_env(k_secret, k_body));
    CHECK(run.exit_code == 0);
    CHECK(std::regex_search(run.out, std::regex("^webhook-id: msg_[0-9A-Za-z]{27}\n")));
}

TEST_CASE("sign refuses what it cannot sign") {
    SUBCASE("an id with a dot is a usage error") {
        const auto run = run_guarded({"sign", "--id", "msg.1"}, with_secret_env(k_secret, k_body));
        CHECK(run.exit_code == 2);
        CHECK(run.err == "ats-hook: error: --id 'msg.1' contains '.', which would make the "
                         "signed content ambiguous\n");
    }
    SUBCASE("a public key cannot sign") {
        const auto run = run_guarded(
            {"sign"}, with_secret_env("whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", k_body));
        CHECK(run.exit_code == 3);
        CHECK(run.err.find("a whpk_ key is a public key and cannot sign") != std::string::npos);
    }
    SUBCASE("a bad timestamp or format is a usage error") {
        CHECK(sign({"--timestamp", "soon"}).exit_code == 2);
        CHECK(sign({"--format", "yaml"}).exit_code == 2);
        CHECK(sign({"--format", "curl", "--url", "localhost"}).exit_code == 2);
    }
}
