// Hostile and careless input, from the real binary: no abort, no raw terminal escapes, no
// output or memory that grows with the input, and each documented limit with its message.
#include "cli/secret_safe_run.hpp"
#include "loopback_server.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

using namespace std::chrono_literals;
using test::k_body;
using test::k_id;
using test::k_secret;
using test::k_signature;
using test::run_ats;
using test::run_guarded;
using test::ScratchDir;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool has_raw_escape(const std::string& text) {
    return text.find('\x1b') != std::string::npos || text.find('\x9b') != std::string::npos;
}

std::string nested(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

std::string secret_file(const ScratchDir& dir) {
    return dir.write("webhook.secret", k_secret);
}

} // namespace

TEST_CASE("one value per list option: a file name after --secret-file is the body, not a key") {
    ScratchDir dir;
    const auto body = dir.write("body.json", k_body);
    const auto secrets = secret_file(dir);
    const auto sign = run_guarded(
        {"sign", "--secret-file", secrets, body, "--id", k_id, "--timestamp", "1614265330"});
    CHECK(sign.exit_code == 0);
    CHECK(sign.out.find("webhook-signature: " + k_signature) != std::string::npos);
    // --secret is a list option too (the warning about argv is expected).
    const auto literal = run_guarded(
        {"sign", "--secret", k_secret, body, "--id", k_id, "--timestamp", "1614265330"});
    CHECK(literal.exit_code == 0);
    CHECK(literal.out.find("webhook-signature: " + k_signature) != std::string::npos);
    // Repeating the flag still gives several secrets: one signature each.
    const auto two = run_guarded({"sign", "--secret-file", secrets, "--secret-file", secrets, body,
                                  "--id", k_id, "--timestamp", "1614265330"});
    CHECK(two.out.find("webhook-signature: " + k_signature + " " + k_signature) !=
          std::string::npos);
}

TEST_CASE("one value per list option: the event type after --set and --unset is the type") {
    const auto set = run_ats({"emit", "--seed", "3", "--set", "data.object.status=closed",
                              "job.status.updated", "--format", "ndjson"});
    CHECK(set.exit_code == 0);
    CHECK(set.out.find("\"type\":\"job.status.updated\"") != std::string::npos);
    CHECK(set.out.find("\"status\":\"closed\"") != std::string::npos);
    const auto unset = run_ats({"emit", "--seed", "3", "--allow-invalid", "--unset",
                                "data.object.description", "job.created"});
    CHECK(unset.exit_code == 0);
    CHECK(unset.out.find("\"type\": \"job.created\"") != std::string::npos);
    CHECK(unset.out.find("\"description\"") == std::string::npos);
}

TEST_CASE("JSON output survives bytes that are not UTF-8") {
    ScratchDir dir;
    const auto name = dir.write(
        "caf\xe9.json", test::read_file(test::source_path("samples/valid/job.created.json")));
    const auto validate = run_ats({"validate", "--format", "json", name});
    CHECK(validate.exit_code == 0);
    const auto report = nlohmann::json::parse(validate.out);
    CHECK(report["valid"] == true);
    CHECK(report["source"].get<std::string>().ends_with("caf\xEF\xBF\xBD.json"));

    const auto missing = run_ats({"validate", "--format", "json", dir.path("nul\xff.json")});
    CHECK(missing.exit_code == 3);
    CHECK(nlohmann::json::parse(missing.out)["valid"] == false);

    const auto headers = dir.write("headers.txt", "webhook-id: msg_\xff\xfe\nwebhook-timestamp: "
                                                  "1614265330\nwebhook-signature: " +
                                                      k_signature + "\n");
    const auto body = dir.write("body.json", k_body);
    const auto verify = run_guarded({"verify", "--headers", headers, body, "--secret-file",
                                     secret_file(dir), "--now", "1614265330", "--format", "json"});
    CHECK(verify.exit_code == 1);
    CHECK(nlohmann::json::parse(verify.out)["id"] == "msg_\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("a webhook-id or --set value that is not UTF-8 is a usage error, not an abort") {
    ScratchDir dir;
    const auto sign = run_guarded({"sign", "--secret-file", secret_file(dir), "--id", "msg_\xff",
                                   "--format", "json", dir.write("b.json", k_body)});
    CHECK(sign.exit_code == 2);
    CHECK(sign.err.find("--id must be printable ASCII") != std::string::npos);
    const auto emit =
        run_ats({"emit", "job.created", "--set", "data.object.title=caf\xe9", "--seed", "1"});
    CHECK(emit.exit_code == 2);
    CHECK(emit.err == "ats-hook: error: --set data.object.title: the value is not valid UTF-8\n");
}

TEST_CASE("deep nesting in emit --from and --set is refused at 256 levels, never a crash") {
    ScratchDir dir;
    const auto deep =
        dir.write("deep.json", "{\"type\":\"job.created\",\"x\":" + nested(100000) + "}");
    const auto from = run_ats({"emit", "--from", deep});
    CHECK(from.exit_code == 3);
    CHECK(from.err.find("nesting is deeper than 256 levels") != std::string::npos);
    const auto set = run_ats({"emit", "job.created", "--set", "data.x=" + nested(50000)});
    CHECK(set.exit_code == 2);
    CHECK(set.err.find("deeper than 256 levels") != std::string::npos);
    // Within the limit it works (and fails validation as an unknown member, as it should).
    const auto fine = run_ats({"emit", "job.created", "--seed", "1", "--allow-invalid", "--set",
                               "data.object.x=" + nested(200)});
    CHECK(fine.exit_code == 0);
}

TEST_CASE("emit --from reports malformed JSON with its line and column") {
    const auto run = run_ats({"emit", "--from", "-"},
                             test::stdin_of("{\"type\": \"job.created\",\n  \"data\": {,}}\n"));
    CHECK(run.exit_code == 3);
    CHECK(run.err.starts_with("ats-hook: error: <stdin>:2:"));
}

TEST_CASE("an enormous unknown type is quoted in part, with no suggestion") {
    const std::string type(8 * 1024 * 1024, 'x');
    const auto run =
        run_ats({"validate"}, test::stdin_of("{\"type\":\"" + type + "\",\"data\":{}}"));
    CHECK(run.exit_code == 1);
    CHECK(run.out.size() < 300);
    CHECK(run.out.find("\"" + std::string(60, 'x') + "...\" is not a HireHive event type") !=
          std::string::npos);
    CHECK(run.out.find("did you mean") == std::string::npos);
}

TEST_CASE("findings stop at 100 per document and say how many more there were") {
    auto event = nlohmann::json::parse(
        test::read_file(test::source_path("samples/valid/interview.created.json")));
    event["data"]["object"]["event"]["attendees"] = std::vector<int>(300000, 1);
    const std::string payload = event.dump();
    const auto text = run_ats({"validate"}, test::stdin_of(payload));
    CHECK(text.exit_code == 1);
    const auto lines = lines_of(text.out);
    REQUIRE(lines.size() == 101);
    // One line of JSON: the first attendee's column is where the array opens, plus one.
    const std::size_t column = payload.find(R"("attendees":[)") + 13 + 1;
    CHECK(lines[0] == "<stdin>:1:" + std::to_string(column) +
                          ": /data/object/event/attendees/0: expected object, found integer 1");
    CHECK(lines[100] ==
          "<stdin>: and 299900 more findings not shown (100 kept): 299900 errors, 0 warnings");
    const auto json = run_ats({"validate", "--format", "json"}, test::stdin_of(payload));
    const auto report = nlohmann::json::parse(json.out);
    CHECK(report["valid"] == false);
    CHECK(report["findings"].size() == 100);
    CHECK(report["omitted_findings"] == nlohmann::json{{"errors", 299900}, {"warnings", 0}});
}

TEST_CASE("terminal escapes in payloads reach the terminal escaped") {
    const std::string payload = R"({"type":"job.created","timestamp":"2024-01-01T00:00:00Z",)"
                                R"("data":{"object":{"id":"job_1","\u001b[2Jevil":1}}})";
    const auto validate = run_ats({"validate"}, test::stdin_of(payload));
    CHECK_FALSE(has_raw_escape(validate.out));
    CHECK(validate.out.find("\\u001b[2Jevil") != std::string::npos);
    const auto show = run_ats({"show"}, test::stdin_of("{\"type\":\"\x1b]0;pwned\x07\"}"));
    CHECK(show.exit_code == 3);
    CHECK_FALSE(has_raw_escape(show.err));
}

TEST_CASE("verify escapes a hostile webhook-id and header name in its report") {
    ScratchDir dir;
    const auto request = dir.write(
        "evil.http", "POST /hook HTTP/1.1\r\nwebhook-id: msg_\x1b[31mred\r\nwebhook-timestamp: "
                     "1614265330\r\nwebhook-signature: " +
                         k_signature + "\r\nContent-Length: " + std::to_string(k_body.size()) +
                         "\r\n\r\n" + k_body);
    const auto run = run_guarded(
        {"verify", "--request", request, "--secret-file", secret_file(dir), "--now", "1614265330"});
    CHECK(run.exit_code == 1);
    CHECK_FALSE(has_raw_escape(run.out));
    CHECK_FALSE(has_raw_escape(run.err));
}

TEST_CASE("emit --send escapes the server's reason phrase and reply") {
    ScratchDir dir;
    test::LoopbackServer server({{200, "OK\x1b[2J", {}, "thanks\x1b]2;title\x07\n", 0ms}});
    const auto run = run_guarded({"emit", "job.created", "--seed", "1", "--secret-file",
                                  secret_file(dir), "--send", server.url()});
    CHECK(run.exit_code == 0);
    CHECK_FALSE(has_raw_escape(run.out));
    CHECK(run.out.find("OK\\x1b[2J") != std::string::npos);
    CHECK(run.out.find("thanks\\x1b]2;title\\x07") != std::string::npos);
}

TEST_CASE("verify and sign read at most --max-bytes of body") {
    ScratchDir dir;
    const auto secrets = secret_file(dir);
    const auto big = dir.write("big.json", std::string(2000, ' ') + k_body);
    const auto sign = run_guarded({"sign", "--secret-file", secrets, "--max-bytes", "1000", big});
    CHECK(sign.exit_code == 3);
    CHECK(sign.err.find("is larger than 1000 bytes (--max-bytes)") != std::string::npos);
    const auto verify =
        run_guarded({"verify", "--secret-file", secrets, "--id", k_id, "--timestamp", "1614265330",
                     "--signature", k_signature, "--max-bytes", "1000", "-"},
                    test::stdin_of(std::string(5000, ' ')));
    CHECK(verify.exit_code == 3);
    CHECK(verify.err.find("stdin: it is larger than 1000 bytes") != std::string::npos);
}

TEST_CASE("a request file with too many or too long header lines is refused by line") {
    ScratchDir dir;
    const auto secrets = secret_file(dir);
    std::string many = "POST / HTTP/1.1\r\n";
    for (int i = 0; i < 101; ++i) many += "x-filler-" + std::to_string(i) + ": 1\r\n";
    const auto run_many = run_guarded(
        {"verify", "--request", dir.write("many.http", many + "\r\n{}"), "--secret-file", secrets});
    CHECK(run_many.exit_code == 3);
    CHECK(run_many.err.find("many.http:102: more than 100 header lines") != std::string::npos);
    const auto run_long =
        run_guarded({"verify", "--request",
                     dir.write("long.http", "POST / HTTP/1.1\r\nx-long: " + std::string(9000, 'a') +
                                                "\r\n\r\n{}"),
                     "--secret-file", secrets});
    CHECK(run_long.exit_code == 3);
    CHECK(run_long.err.find("long.http:2: header line is 9008 bytes long; the limit is 8192") !=
          std::string::npos);
}

TEST_CASE("more than 32 signatures in webhook-signature is malformed, exit 3") {
    ScratchDir dir;
    std::string tokens;
    for (int i = 0; i < 33; ++i) tokens += (i ? " " : "") + k_signature;
    const auto run =
        run_guarded({"verify", "--secret-file", secret_file(dir), "--id", k_id, "--timestamp",
                     "1614265330", "--signature", tokens, "--now", "1614265330", "-"},
                    test::stdin_of(k_body));
    CHECK(run.exit_code == 3);
    CHECK(run.out.find("holds 33 signatures; ats-hook checks at most 32") != std::string::npos);
}

TEST_CASE("a secret file over 64 KiB is refused before it is parsed") {
    ScratchDir dir;
    const auto secrets = dir.write("huge.secret", std::string(70000, '#'));
    const auto run = run_guarded({"sign", "--secret-file", secrets, dir.write("b.json", k_body)});
    CHECK(run.exit_code == 3);
    CHECK(run.err.find("is larger than 65536 bytes (the limit for a secret file)") !=
          std::string::npos);
}

TEST_CASE("emit --at reads negative Unix seconds as --timestamp does") {
    const auto run = run_ats({"emit", "job.created", "--seed", "1", "--at", "-5"});
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("\"timestamp\": \"1969-12-31T23:59:55.0000000Z\"") != std::string::npos);
}

TEST_CASE("emit streams many events and stops at the first invalid one") {
    const auto many =
        run_ats({"emit", "all", "--count", "3", "--seed", "5", "--at", "2024-05-06T09:30:00Z"});
    CHECK(many.exit_code == 0);
    CHECK(lines_of(many.out).size() == 57);
    const auto invalid = run_ats({"emit", "interview.created", "--count", "3", "--seed", "1",
                                  "--set", "data.object.event.status=bogus"});
    CHECK(invalid.exit_code == 1);
    CHECK(invalid.out.empty());
    CHECK(invalid.err.find("interview.created #1 is invalid, so nothing was written") !=
          std::string::npos);
}

namespace {

// The "Max core file size" soft limit of a running process, from /proc.
std::string core_limit_of(pid_t pid) {
    std::ifstream limits("/proc/" + std::to_string(pid) + "/limits");
    for (std::string line; std::getline(limits, line);)
        if (line.starts_with("Max core file size")) {
            std::istringstream words(line.substr(18));
            std::string soft;
            words >> soft;
            return soft;
        }
    return "";
}

} // namespace

TEST_CASE("a command that loads a secret turns off its core dumps before reading the secret") {
    // Let children dump cores as far as the hard limit allows, so the check below can fail.
    rlimit core{};
    REQUIRE(getrlimit(RLIMIT_CORE, &core) == 0);
    const rlimit saved = core;
    core.rlim_cur = core.rlim_max;
    setrlimit(RLIMIT_CORE, &core);
    int in[2];
    REQUIRE(pipe(in) == 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        close(in[0]);
        close(in[1]);
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        // The secret comes from stdin, which stays open: the child waits while holding nothing.
        execl(ATS_HOOK_BINARY, ATS_HOOK_BINARY, "sign", "--secret-file", "-", "/dev/null",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    close(in[0]);
    std::string limit;
    for (int i = 0; i < 500 && limit != "0"; ++i) {
        std::this_thread::sleep_for(10ms);
        limit = core_limit_of(pid);
    }
    close(in[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    setrlimit(RLIMIT_CORE, &saved);
    CHECK(limit == "0");
    CHECK(WIFEXITED(status));
}
