// `ats-hook verify` from the real binary: one test per exit code, the inputs, the secrets.
#include "cli/secret_safe_run.hpp"

#include <nlohmann/json.hpp>

using test::k_body;
using test::k_id;
using test::k_secret;
using test::k_signature;
using test::run_guarded;
using test::with_secret_env;

namespace {

// The canonical vector's three headers, one per line, as a --headers file.
const std::string k_header_lines =
    "webhook-id: " + k_id + "\nwebhook-timestamp: 1614265330\nwebhook-signature: " + k_signature +
    "\n";

// verify of the canonical vector given by flags, at `now`, body `body` on stdin.
test::Run verify_flags(const std::string& timestamp, const std::string& signature,
                       const std::string& now = "1614265330", const std::string& body = k_body,
                       std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "verify", "--id", k_id, "--timestamp", timestamp, "--signature", signature, "--now", now};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_guarded(args, with_secret_env(k_secret, body));
}

std::string canonical_request(const std::string& line_end = "\r\n") {
    return "POST /hooks HTTP/1.1" + line_end + "Host: example.test" + line_end +
           "Content-Length: 20" + line_end + "Webhook-Id: " + k_id + line_end +
           "Webhook-Timestamp: 1614265330" + line_end + "Webhook-Signature: " + k_signature +
           line_end + line_end + k_body;
}

} // namespace

TEST_CASE("verify exit 0: the canonical vector, with the matching secret named") {
    const auto run = verify_flags("1614265330", k_signature);
    CHECK(run.exit_code == 0);
    CHECK(run.out == "verified: message msg_p5jXN8AQM9LWM0D4loKWxJek, v1 signature by secret 1 "
                     "of 1 (ATS_HOOK_SECRET), timestamp 1614265330 (2021-02-25T15:02:10Z) is 0 "
                     "s before now (tolerance 300 s)\n");
    CHECK(run.err.empty());
}

TEST_CASE("verify exit 1: no matching signature, with the reason and the hint that applies") {
    SUBCASE("a changed signature") {
        const auto run =
            verify_flags("1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=");
        CHECK(run.exit_code == 1);
        CHECK(run.out == "not verified: no matching signature: 1 v1, 0 v1a and 0 other token(s) "
                         "in the signature header, 1 secret tried\n");
    }
    SUBCASE("a body with a trailing newline an editor added") {
        const auto run = verify_flags("1614265330", k_signature, "1614265330", k_body + "\n");
        CHECK(run.exit_code == 1);
        CHECK(run.out.find("\n  hint: the body would match without its final newline") !=
              std::string::npos);
    }
    SUBCASE("a Stripe-style header") {
        const auto run = verify_flags("1614265330", "t=1614265330,v1=abc");
        CHECK(run.exit_code == 1);
        CHECK(run.out.find("hint: the signature header has no token these keys can check") !=
              std::string::npos);
    }
}

TEST_CASE("verify exit 2: usage errors") {
    SUBCASE("no delivery given") {
        const auto run = run_guarded({"verify"}, with_secret_env(k_secret, k_body));
        CHECK(run.exit_code == 2);
        CHECK(run.err ==
              "ats-hook: error: say where the delivery is: --request FILE, --headers "
              "FILE with the body, or --id, --timestamp and --signature with the body\n");
    }
    SUBCASE("no secret anywhere") {
        const auto run =
            run_guarded({"verify", "--id", k_id, "--timestamp", "1", "--signature", k_signature},
                        test::stdin_of(k_body));
        CHECK(run.exit_code == 2);
        CHECK(run.err.find("no secret given") != std::string::npos);
    }
    SUBCASE("bad option values and combinations") {
        const test::ScratchDir dir;
        const auto request = dir.write("r.http", canonical_request());
        for (const auto& args : std::vector<std::vector<std::string>>{
                 {"verify", "--request", request, "--tolerance", "-1"},
                 {"verify", "--request", request, "--now", "yesterday"},
                 {"verify", "--request", request, "--ignore-timestamp", "--now", "5"},
                 {"verify", request, request},
                 {"verify", "--request"},
                 {"verify", "--request", request, "--id", "x"},
                 {"verify", "--request", request, "--format", "yaml"}}) {
            CAPTURE(args);
            CHECK(run_guarded(args, with_secret_env(k_secret)).exit_code == 2);
        }
    }
}

TEST_CASE("verify exit 3: malformed timestamp, secret or request file") {
    SUBCASE("a timestamp with a fraction") {
        const auto run = verify_flags("1614265330.5", k_signature);
        CHECK(run.exit_code == 3);
        CHECK(run.out == "not verified: malformed header: --timestamp '1614265330.5' has a "
                         "fraction; it must be whole seconds\n");
    }
    SUBCASE("a secret outside the base64 alphabet, not quoted in the message") {
        const auto run =
            run_guarded({"verify", "--id", k_id, "--timestamp", "1", "--signature", k_signature},
                        with_secret_env("whsec_MfKQ9r8GKYqrTwjUPD8I-PZIo2LaLaSw", k_body));
        CHECK(run.exit_code == 3);
        CHECK(run.err == "ats-hook: error: ATS_HOOK_SECRET: the secret is not valid: after "
                         "'whsec_', character 21 is URL-safe base64 ('-' or '_'); standard "
                         "base64 uses '+' and '/'\n");
    }
    SUBCASE("a request file without a blank line, named with its line") {
        const test::ScratchDir dir;
        const auto request = dir.write("r.http", "POST / HTTP/1.1\r\nwebhook-id: x\r\n");
        const auto run = run_guarded({"verify", "--request", request}, with_secret_env(k_secret));
        CHECK(run.exit_code == 3);
        CHECK(run.err == "ats-hook: error: " + request +
                             ":2: no blank line ends the headers, so there is no body\n");
    }
    SUBCASE("a body file that does not exist") {
        const auto run = run_guarded({"verify", "--id", k_id, "--timestamp", "1", "--signature",
                                      k_signature, "no-such-body.json"},
                                     with_secret_env(k_secret));
        CHECK(run.exit_code == 3);
        CHECK(run.err ==
              "ats-hook: error: cannot read no-such-body.json: No such file or directory\n");
    }
}

TEST_CASE("verify exit 4: timestamp outside the tolerance, both ways") {
    const auto old = verify_flags("1614265330", k_signature, "1614265631");
    CHECK(old.exit_code == 4);
    CHECK(old.out == "not verified: too old: --timestamp 1614265330 (2021-02-25T15:02:10Z) is 301 "
                     "s (about 5.0 minutes) before now; the tolerance is 300 s\n"
                     "  hint: the signature itself is correct: to check a captured delivery, "
                     "pass its time with --now or skip the time check with --ignore-timestamp\n");
    const auto future = verify_flags("1614265330", k_signature, "2021-02-25T14:57:09Z");
    CHECK(future.exit_code == 4);
    CHECK(future.out.starts_with("not verified: too new: --timestamp 1614265330 "
                                 "(2021-02-25T15:02:10Z) is 301 s (about 5.0 minutes) after now"));
    CHECK(verify_flags("1614265330", k_signature, "1614265630").exit_code == 0);
    CHECK(verify_flags("1614265330", k_signature, "1614269330", k_body, {"--tolerance", "4000"})
              .exit_code == 0);
}

TEST_CASE("verify exit 5: a missing or empty header, named") {
    const test::ScratchDir dir;
    std::string request = canonical_request();
    request.replace(request.find("Webhook-Signature"), 17, "X-Hub-Signature");
    const auto run = run_guarded({"verify", "--request", dir.write("r.http", request)},
                                 with_secret_env(k_secret));
    CHECK(run.exit_code == 5);
    CHECK(run.out == "not verified: missing header: webhook-signature is absent (also looked for "
                     "svix-signature)\n");
    const auto flags = run_guarded({"verify", "--id", k_id, "--timestamp", "1614265330"},
                                   with_secret_env(k_secret, k_body));
    CHECK(flags.exit_code == 5);
    CHECK(flags.out == "not verified: missing header: webhook-signature is absent (give "
                       "--signature)\n");
    CHECK(verify_flags("1614265330", "").exit_code == 5);
}

TEST_CASE("verify reads a captured request with CRLF or LF header lines and svix-* names") {
    const test::ScratchDir dir;
    for (const std::string line_end : {"\r\n", "\n"}) {
        const auto run =
            run_guarded({"verify", "--request", dir.write("r.http", canonical_request(line_end)),
                         "--now", "1614265330"},
                        with_secret_env(k_secret));
        CHECK(run.exit_code == 0);
    }
    std::string svix = canonical_request();
    for (const std::string name : {"Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"})
        svix.replace(svix.find(name), 7, "Svix");
    CHECK(run_guarded({"verify", "--request", dir.write("s.http", svix), "--now", "1614265330"},
                      with_secret_env(k_secret))
              .exit_code == 0);
}

TEST_CASE("verify reads a headers file with the body from a file or stdin") {
    const test::ScratchDir dir;
    const auto headers = dir.write("h.txt", k_header_lines);
    const auto body = dir.write("body.json", k_body);
    const std::vector<std::string> common = {"verify", "--headers", headers, "--now", "1614265330"};
    auto with_file = common;
    with_file.push_back(body);
    CHECK(run_guarded(with_file, with_secret_env(k_secret)).exit_code == 0);
    CHECK(run_guarded(common, with_secret_env(k_secret, k_body)).exit_code == 0);
}

TEST_CASE("a secret given where a file name goes is never echoed in the error") {
    const test::ScratchDir dir;
    const auto headers = dir.write("h.txt", k_header_lines);
    const auto body = dir.write("body.json", k_body);
    const auto as_secret_file =
        run_guarded({"verify", "--headers", headers, "--secret-file", k_secret, body});
    CHECK(as_secret_file.exit_code == 3);
    CHECK(as_secret_file.err.find("--secret-file FILE or ATS_HOOK_SECRET") != std::string::npos);
    const auto as_body = run_guarded({"sign", k_secret}, with_secret_env(k_secret));
    CHECK(as_body.exit_code == 3);
}

TEST_CASE("the body and a secret file cannot both come from stdin") {
    const test::ScratchDir dir;
    const auto headers = dir.write("h.txt", k_header_lines);
    const auto run = run_guarded({"verify", "--headers", headers, "--secret-file", "-"},
                                 test::stdin_of(k_secret));
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("the body and --secret-file cannot both come from stdin") !=
          std::string::npos);
    CHECK(run_guarded({"sign", "--secret-file", "-"}, test::stdin_of(k_secret)).exit_code == 2);
}

TEST_CASE("verify --format json carries the reason, the match and the hints") {
    const auto ok =
        verify_flags("1614265330", k_signature, "1614265330", k_body, {"--format", "json"});
    CHECK(ok.exit_code == 0);
    const auto json = nlohmann::json::parse(ok.out);
    CHECK(json["verified"] == true);
    CHECK(json["reason"] == "ok");
    CHECK(json["timestamp_check"] == "checked");
    CHECK(json["matched"]["secret"] == 1);
    CHECK(json["matched"]["version"] == "v1");
    CHECK(json["validation"].is_null());
    const auto bad =
        verify_flags("1614265330", k_signature, "1614265330", k_body + "\n", {"--format", "json"});
    const auto failed = nlohmann::json::parse(bad.out);
    CHECK(failed["reason"] == "no_matching_signature");
    CHECK(failed["hints"][0]["code"] == "body_has_extra_trailing_newline");
    const auto malformed = nlohmann::json::parse(
        verify_flags("x", k_signature, "1614265330", k_body, {"--format", "json"}).out);
    CHECK(malformed["reason"] == "malformed");
    CHECK(malformed["header"] == "webhook-timestamp");
    CHECK(malformed["timestamp_check"] == "not_reached");
}

TEST_CASE("verify --quiet prints nothing and keeps the exit code") {
    const auto ok = verify_flags("1614265330", k_signature, "1614265330", k_body, {"--quiet"});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.empty());
    const auto old = verify_flags("1614265330", k_signature, "1714265330", k_body, {"-q"});
    CHECK(old.exit_code == 4);
    CHECK(old.out.empty());
    CHECK(old.err.empty());
    // Neither the --secret warning nor an error reaches stderr.
    const auto malformed = run_guarded({"verify", "-q", "--id", k_id, "--timestamp", "soon",
                                        "--signature", k_signature, "--secret", k_secret},
                                       test::stdin_of(k_body));
    CHECK(malformed.exit_code == 3);
    CHECK(malformed.out.empty());
    CHECK(malformed.err.empty());
}

TEST_CASE("verify --ignore-timestamp passes an old delivery and says the check was skipped") {
    const auto run = run_guarded({"verify", "--id", k_id, "--timestamp", "1614265330",
                                  "--signature", k_signature, "--ignore-timestamp"},
                                 with_secret_env(k_secret, k_body));
    CHECK(run.exit_code == 0);
    CHECK(run.out.ends_with("timestamp 1614265330 (2021-02-25T15:02:10Z) not checked "
                            "(--ignore-timestamp)\n"));
}

TEST_CASE("verify accepts rotated secrets from a file and names the one that matched") {
    const test::ScratchDir dir;
    const auto file = dir.write("keys.txt", "# old key first\n" + test::k_other_secret + "\n\n" +
                                                k_secret + "\r\n");
    const auto run =
        run_guarded({"verify", "--id", k_id, "--timestamp", "1614265330", "--signature",
                     k_signature, "--now", "1614265330", "--secret-file", file},
                    test::stdin_of(k_body));
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("by secret 2 of 2 (secret file " + file + " line 4)") != std::string::npos);
    CHECK(run.err.empty());
}

TEST_CASE("verify takes several secrets from ATS_HOOK_SECRET separated by spaces") {
    const auto run = run_guarded({"verify", "--id", k_id, "--timestamp", "1614265330",
                                  "--signature", k_signature, "--now", "1614265330"},
                                 with_secret_env(test::k_other_secret + " " + k_secret, k_body));
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("by secret 2 of 2 (ATS_HOOK_SECRET secret 2)") != std::string::npos);
}

TEST_CASE("verify warns when a secret file can be read by group or others") {
    const test::ScratchDir dir;
    const auto open_file = dir.write("open.txt", k_secret + "\n", 0644);
    const auto run =
        run_guarded({"verify", "--id", k_id, "--timestamp", "1614265330", "--signature",
                     k_signature, "--now", "1614265330", "--secret-file", open_file},
                    test::stdin_of(k_body));
    CHECK(run.exit_code == 0);
    CHECK(run.err == "ats-hook: warning: secret file " + open_file +
                         " can be read by group or others (mode 0644); run: chmod 600 " +
                         open_file + "\n");
}

TEST_CASE("verify --secret works but warns once that argv is visible") {
    const auto run = run_guarded({"verify", "--id", k_id, "--timestamp", "1614265330",
                                  "--signature", k_signature, "--now", "1614265330", "--secret",
                                  test::k_other_secret, "--secret", k_secret},
                                 test::stdin_of(k_body));
    CHECK(run.exit_code == 0);
    CHECK(run.err == "ats-hook: warning: --secret makes the secret visible to other local users "
                     "(ps, /proc) and keeps it in shell history; prefer --secret-file FILE or "
                     "ATS_HOOK_SECRET\n");
}

TEST_CASE("verify --validate also checks the body once the signature passes") {
    const auto request = test::source_path("samples/signed/application.created.http");
    const auto secret_file = test::source_path("samples/signed/secret.txt");
    const auto ok = run_guarded({"verify", "--request", request, "--secret-file", secret_file,
                                 "--now", "2024-02-05T09:14:30Z", "--validate"});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.ends_with(request + ": valid application.created\n"));

    const test::ScratchDir dir;
    const std::string body = R"({"type":"job.created","timestamp":"x","data":{}})";
    const auto signed_run = run_guarded({"sign", "--id", "msg_1", "--timestamp", "100"},
                                        with_secret_env(k_secret, body));
    const auto headers = dir.write("h.txt", signed_run.out);
    const auto invalid =
        run_guarded({"verify", "--headers", headers, "--ignore-timestamp", "--validate"},
                    with_secret_env(k_secret, body));
    CHECK(invalid.exit_code == 1);
    CHECK(invalid.out.starts_with("verified: message msg_1"));
    // The body is stdin's one line; "x" starts at column 35.
    CHECK(invalid.out.find("stdin:1:35: /timestamp: ") != std::string::npos);
}

TEST_CASE("the secret guard of these tests notices any 8 characters of a test secret") {
    CHECK(test::leaks_secret("token " + k_secret.substr(12, 8) + " end"));
    CHECK(test::leaks_secret(test::k_other_secret));
    CHECK_FALSE(test::leaks_secret(k_signature + " " + k_id));
}

TEST_CASE("verify warns when a key is shorter than the 24 bytes the spec asks for") {
    const auto run = run_guarded({"verify", "--id", k_id, "--timestamp", "1614265330",
                                  "--signature", k_signature, "--now", "1614265330"},
                                 with_secret_env(test::k_short_secret, k_body));
    CHECK(run.exit_code == 1);
    CHECK(run.err == "ats-hook: warning: ATS_HOOK_SECRET: the key is only 5 bytes; Standard "
                     "Webhooks secrets are 24 to 64 random bytes\n");
}

TEST_CASE("verify --request warns about bytes after the Content-Length body and ignores them") {
    const test::ScratchDir dir;
    const auto request = dir.write("r.http", canonical_request() + "\n");
    const auto run = run_guarded({"verify", "--request", request, "--now", "1614265330"},
                                 with_secret_env(k_secret));
    CHECK(run.exit_code == 0);
    CHECK(run.err ==
          "ats-hook: warning: " + request + ": 1 byte(s) after the Content-Length body ignored\n");
}

TEST_CASE("verify --help lists its exit codes") {
    const auto run = test::run_ats({"verify", "--help"});
    CHECK(run.out.find("Exit codes: 0 verified; 1 no matching signature") != std::string::npos);
    CHECK(run.out.find("4 timestamp outside the tolerance") != std::string::npos);
    CHECK(run.out.find("5 missing header") != std::string::npos);
}

TEST_CASE("verify hints that a re-serialized body would match as it was sent") {
    const std::string compact = R"({"type":"job.created","data":{"ids":[1,2],"ok":true}})";
    const auto signed_headers =
        run_guarded({"sign", "--id", "msg_1", "--timestamp", "1614265330"},
                    with_secret_env(k_secret, compact));
    REQUIRE(signed_headers.exit_code == 0);
    test::ScratchDir dir;
    const auto headers = dir.write("headers", signed_headers.out);
    const std::string pretty = "{\n  \"type\": \"job.created\",\n  \"data\": {\n    \"ids\": [\n"
                               "      1,\n      2\n    ],\n    \"ok\": true\n  }\n}";
    const auto run = run_guarded({"verify", "--headers", headers, "--now", "1614265330"},
                                 with_secret_env(k_secret, pretty));
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("hint: the body would match if the same JSON were serialized compactly") !=
          std::string::npos);
    const auto json = run_guarded(
        {"verify", "--headers", headers, "--now", "1614265330", "--format", "json"},
        with_secret_env(k_secret, pretty));
    CHECK(json.out.find("\"body_matches_compact\"") != std::string::npos);
}

// `sign FILE` signs the file's bytes: pretty-printed JSON with a final newline, as emit writes
// it. A framework that parsed the body and wrote it compactly lost both.
TEST_CASE("verify hints that a signed file would match with its indentation and final newline") {
    const std::string file = std::string(ATS_HOOK_SOURCE_DIR) + "/samples/valid/job.created.json";
    const auto signed_headers =
        run_guarded({"sign", "--id", "msg_1", "--timestamp", "1614265330", file},
                    with_secret_env(k_secret, ""));
    REQUIRE(signed_headers.exit_code == 0);
    test::ScratchDir dir;
    const auto headers = dir.write("headers", signed_headers.out);
    const auto compact = nlohmann::ordered_json::parse(test::read_file(file)).dump();
    const auto run = run_guarded({"verify", "--headers", headers, "--now", "1614265330"},
                                 with_secret_env(k_secret, compact));
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("hint: the body would match if the same JSON were serialized with "
                       "indentation and a final newline") != std::string::npos);
    const auto json =
        run_guarded({"verify", "--headers", headers, "--now", "1614265330", "--format", "json"},
                    with_secret_env(k_secret, compact));
    CHECK(json.out.find("\"body_matches_indented_with_newline\"") != std::string::npos);
}

TEST_CASE("verify --request takes several request files and directories, a verdict each") {
    const test::ScratchDir dir;
    std::string forged = canonical_request();
    forged.replace(forged.size() - 2, 1, "5"); // same length, another body
    dir.write("ok.http", canonical_request());
    dir.write("forged.http", forged);
    dir.write("broken.http", "not a request\n");
    dir.write("notes.txt", "not looked at");
    const std::string folder = dir.path("");
    const auto run = run_guarded({"verify", "--request", folder, "--now", "1614265330"},
                                 with_secret_env(k_secret));
    // In byte order of their paths: broken, forged, ok; the first failure decides the status.
    CHECK(run.exit_code == 3);
    CHECK(run.err.find("broken.http:1: ") != std::string::npos);
    const auto forged_at = run.out.find(dir.path("forged.http") + ": not verified: no matching");
    const auto ok_at = run.out.find(dir.path("ok.http") + ": verified: message " + k_id);
    CHECK(forged_at != std::string::npos);
    CHECK(ok_at != std::string::npos);
    CHECK(forged_at < ok_at);
    CHECK(run.out.ends_with("3 requests: 1 passed, 2 failed\n"));
    CHECK(run.out.find("notes.txt") == std::string::npos);

    SUBCASE("file arguments after a bare --request are requests too, as pre-commit passes them") {
        const auto files =
            run_guarded({"verify", "--request", "--now", "1614265330", dir.path("ok.http"),
                         dir.path("forged.http")},
                        with_secret_env(k_secret));
        CHECK(files.exit_code == 1);
        CHECK(files.out.ends_with("2 requests: 1 passed, 1 failed\n"));
    }
    SUBCASE("a JUnit report has a testsuite and a verdict per request file") {
        const auto junit = run_guarded(
            {"verify", "--request", folder, "--now", "1614265330", "--format", "junit"},
            with_secret_env(k_secret));
        CHECK(junit.exit_code == 3);
        CHECK(junit.out.find(R"(<testsuites name="ats-hook verify" tests="3" failures="1" )"
                             R"(errors="1" skipped="0">)") != std::string::npos);
    }
    SUBCASE("a directory without request files is an error naming it") {
        const test::ScratchDir empty;
        const auto none = run_guarded({"verify", "--request", empty.path("")},
                                      with_secret_env(k_secret));
        CHECK(none.exit_code == 3);
        CHECK(none.err.find("a directory with no .http files in it") != std::string::npos);
    }
}
