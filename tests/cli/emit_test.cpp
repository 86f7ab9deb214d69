#include "cli/run_process.hpp"
#include "loopback_server.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;

const std::string k_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// Removes the files this process wrote when it exits.
struct TempFiles {
    std::vector<std::filesystem::path> paths;
    ~TempFiles() {
        for (const auto& path : paths) std::filesystem::remove(path);
    }
};
TempFiles g_temp_files;

std::string temp_file(const std::string& name, const std::string& content) {
    // CTest runs test cases in parallel processes: each file name is unique to its writer.
    static int counter = 0;
    const auto path =
        std::filesystem::temp_directory_path() / ("ats-hook-emit-test-" + std::to_string(getpid()) +
                                                  "-" + std::to_string(++counter) + "-" + name);
    std::ofstream(path, std::ios::binary) << content;
    chmod(path.c_str(), 0600);
    g_temp_files.paths.push_back(path);
    return path.string();
}

const std::string& secret_file() {
    static const std::string path = temp_file("secret", k_secret + "\n");
    return path;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = text.find('\n', at);
        lines.push_back(text.substr(at, end - at));
        at = end == std::string::npos ? text.size() : end + 1;
    }
    return lines;
}

// The request as `verify --request` reads it, rebuilt from what the loopback server received.
std::string request_file(const test::Received& received) {
    std::string text = "POST " + received.target + " HTTP/1.1\r\n";
    for (const auto& [name, value] : received.headers) text += name + ": " + value + "\r\n";
    return text + "\r\n" + received.body;
}

int verify_exit_code(const test::Received& received) {
    const auto file = temp_file("received.http", request_file(received));
    return test::run_ats({"verify", "--request", file, "--secret-file", secret_file()}).exit_code;
}

std::vector<std::string> send_args(const std::string& url, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"emit",          "interview.created",    "--seed", "4",
                                  "--at",          "2024-05-06T10:00:00Z", "--send", url,
                                  "--secret-file", secret_file()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

std::string expected_body() {
    return test::run_ats({"emit", "interview.created", "--seed", "4", "--at",
                          "2024-05-06T10:00:00Z", "--format", "ndjson"})
        .out;
}

} // namespace

TEST_CASE("emit all --seed 1 piped to validate --strict gives 19 valid events") {
    const auto emitted = test::run_ats({"emit", "all", "--seed", "1"});
    CHECK(emitted.exit_code == 0);
    CHECK(emitted.err == "");
    CHECK(lines_of(emitted.out).size() == 19);
    const auto checked = test::run_ats({"validate", "--strict"}, test::stdin_of(emitted.out));
    CHECK(checked.exit_code == 0);
    CHECK(checked.out == "19 documents: 19 valid, 0 invalid; 0 errors, 0 warnings\n");
}

TEST_CASE("emit with the same --seed and --at writes the same bytes") {
    const std::vector<std::string> args{"emit",   "all", "--count", "2",
                                        "--seed", "11",  "--at",    "1714989600"};
    const auto first = test::run_ats(args);
    CHECK(first.exit_code == 0);
    CHECK(lines_of(first.out).size() == 38);
    CHECK(test::run_ats(args).out == first.out);
    auto other = args;
    other[5] = "12";
    CHECK(test::run_ats(other).out != first.out);
}

std::string file_text(const std::string& path) {
    std::ifstream in(std::string(ATS_HOOK_SOURCE_DIR) + "/" + path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_CASE("emit writes, for a seed and --at, the bytes the tree-based generator wrote") {
    // tests/data/emit/README.md: made by the build before issue 20, which built nlohmann trees.
    const auto all = test::run_ats(
        {"emit", "all", "--count", "2", "--seed", "20", "--at", "2024-05-06T10:00:00Z"});
    CHECK(all.exit_code == 0);
    CHECK(all.out == file_text("tests/data/emit/all-count2-seed20.ndjson"));
    const auto flat = test::run_ats({"emit", "job.created", "application.created",
                                     "interview.cancelled", "--seed", "21", "--at",
                                     "2024-05-06T10:00:00.1234567Z", "--envelope", "flat"});
    CHECK(flat.exit_code == 0);
    CHECK(flat.out == file_text("tests/data/emit/some-seed21-flat.ndjson"));
    const auto story = test::run_ats({"emit", "--scenario", "hiring", "--candidates", "1", "--seed",
                                      "22", "--at", "2024-05-06T10:00:00Z"});
    CHECK(story.exit_code == 0);
    CHECK(story.out == file_text("tests/data/emit/hiring-seed22.ndjson"));
}

std::string sha256_hex(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    REQUIRE(EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) == 1);
    std::string hex;
    for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

TEST_CASE("larger runs and stories give the tree-based build's bytes, whichever compiler built "
          "emit") {
    // SHA-256 of what the build before issue 20 (GCC, nlohmann trees) wrote. Clang evaluates a
    // call's arguments in another order than GCC: no draw may depend on that order.
    const std::vector<std::pair<std::vector<std::string>, std::string>> runs{
        {{"emit", "all", "--count", "30", "--seed", "3", "--at", "2026-01-01T00:00:00Z"},
         "b132832c5142fecdfcbe3d0d98abd5e31448f20347c297cd7133d1b785093c5c"},
        {{"emit", "all", "--count", "30", "--seed", "4", "--at", "2026-01-01T00:00:00Z",
          "--envelope", "flat"},
         "4c167aade19b6b7c0d6bd635b7f8f856605073652ad49592f60b0391394603ee"},
        {{"emit", "--scenario", "hiring", "--candidates", "30", "--seed", "2", "--at",
          "2026-01-01T00:00:00Z"},
         "b11ef8ff2b068900c720025d1f5bb8af9d2da457fb8f499ee3e399cb48dcef5b"},
        {{"emit", "--scenario", "hiring", "--candidates", "30", "--seed", "4", "--at",
          "2026-01-01T00:00:00Z"},
         "37e43fbc397bad84fc071a9d7a535f7f1a7dbc37378758ed3f930bc8c003e731"},
    };
    for (const auto& [args, digest] : runs) {
        const std::string expected = digest; // clang 14 cannot capture a binding
        INFO(expected);
        const auto run = test::run_ats(args);
        CHECK(run.exit_code == 0);
        CHECK(sha256_hex(run.out) == expected);
    }
}

TEST_CASE("emit --send delivers the bytes emit writes, whatever the --concurrency") {
    const std::vector<std::string> make{"emit",   "all", "--count", "3",
                                        "--seed", "8",   "--at",    "2024-05-06T10:00:00Z"};
    auto written = lines_of(test::run_ats(make).out);
    REQUIRE(written.size() == 57);
    std::sort(written.begin(), written.end());
    for (const std::string concurrency : {"1", "4", "16"}) {
        INFO("--concurrency ", concurrency);
        test::LoopbackServer server({{204, "No Content", {}, "", 0ms}});
        auto args = make;
        args.insert(args.end(), {"--send", server.url(), "--secret-file", secret_file(),
                                 "--concurrency", concurrency});
        const auto run = test::run_ats(args);
        CHECK(run.exit_code == 0);
        std::vector<std::string> bodies;
        std::set<std::string> ids;
        for (const auto& received : server.received()) {
            bodies.push_back(received.body);
            ids.insert(received.headers.at("webhook-id"));
        }
        std::sort(bodies.begin(), bodies.end());
        CHECK(bodies == written);
        CHECK(ids.size() == 57);
    }
}

TEST_CASE("one event is pretty JSON, ndjson and several events are one compact line each") {
    const std::vector<std::string> base{"emit", "job.created", "--seed", "2", "--at", "1714989600"};
    const auto pretty = test::run_ats(base);
    auto ndjson_args = base;
    ndjson_args.insert(ndjson_args.end(), {"--format", "ndjson"});
    const auto compact = test::run_ats(ndjson_args);
    CHECK(pretty.out.starts_with("{\n  \"id\": \"wbhk_evt_"));
    CHECK(lines_of(compact.out).size() == 1);
    CHECK(nlohmann::json::parse(pretty.out) == nlohmann::json::parse(compact.out));
    auto flat_args = base;
    flat_args.insert(flat_args.end(), {"--envelope", "flat", "--format", "ndjson"});
    const auto flat = nlohmann::json::parse(test::run_ats(flat_args).out);
    CHECK(flat.size() == 3);
    CHECK(flat["data"]["id"].get<std::string>().starts_with("job_"));
}

TEST_CASE("emit --set changes a field and the result is still checked") {
    const auto run = test::run_ats({"emit", "interview.created", "--seed", "3", "--set",
                                    "data.object.event.status=cancelled", "--set",
                                    "/data/object/meta/attach_resume_to_invite=false"});
    CHECK(run.exit_code == 0);
    const auto event = nlohmann::json::parse(run.out);
    CHECK(event["data"]["object"]["event"]["status"] == "cancelled");
    CHECK(event["data"]["object"]["meta"]["attach_resume_to_invite"] == false);
}

TEST_CASE("an override that makes the event invalid stops with the finding, exit 1") {
    const auto run = test::run_ats({"emit", "interview.created", "--seed", "3", "--set",
                                    "data.object.event.attendees.0.status=attending"});
    CHECK(run.exit_code == 1);
    CHECK(run.out == "");
    CHECK(run.err ==
          "interview.created: /data/object/event/attendees/0/status: \"attending\" is not one of "
          "accepted, pending, maybe, declined\n"
          "ats-hook: error: 1 of 1 event is invalid, so nothing was written; add --allow-invalid "
          "to emit it anyway\n");
}

TEST_CASE("--allow-invalid writes a deliberately broken event and warns") {
    const auto run = test::run_ats({"emit", "candidate.updated", "--seed", "3", "--unset",
                                    "data.object.email", "--set", "data.object.rating=\"five\"",
                                    "--allow-invalid", "--format", "ndjson"});
    CHECK(run.exit_code == 0);
    const auto event = nlohmann::json::parse(run.out);
    CHECK_FALSE(event["data"]["object"].contains("email"));
    CHECK(event["data"]["object"]["rating"] == "five");
    CHECK(run.err.find("/data/object/rating") != std::string::npos);
    CHECK(run.err.find("ats-hook: warning: 1 invalid event written as --allow-invalid asks") !=
          std::string::npos);
    const auto checked = test::run_ats({"validate"}, test::stdin_of(run.out));
    CHECK(checked.exit_code == 1);
}

TEST_CASE("--from starts from an existing payload and keeps its id") {
    const auto sample = test::source_path("samples/valid/interview.created.json");
    const auto original = nlohmann::json::parse(test::read_file(sample));
    const auto run = test::run_ats({"emit", "--from", sample, "--set",
                                    "data.object.event.title=Rescheduled", "--format", "ndjson"});
    CHECK(run.exit_code == 0);
    auto expected = original;
    expected["data"]["object"]["event"]["title"] = "Rescheduled";
    CHECK(nlohmann::json::parse(run.out) == expected);

    const auto signed_run = test::run_ats(
        {"emit", "--from", sample, "--sign", "--secret-file", secret_file(), "--format", "ndjson"});
    const auto envelope = nlohmann::json::parse(signed_run.out);
    CHECK(envelope["headers"]["webhook-id"] == original["id"]);
}

TEST_CASE("emit --sign --format http writes a request that verify --request accepts") {
    const auto emitted =
        test::run_ats({"emit", "interview.created", "--sign", "--secret-file", secret_file(),
                       "--format", "http", "--url", "http://127.0.0.1:9/hooks/hirehive"});
    CHECK(emitted.exit_code == 0);
    CHECK(emitted.out.starts_with("POST /hooks/hirehive HTTP/1.1\r\nHost: 127.0.0.1:9\r\n"));
    const auto file = temp_file("signed.http", emitted.out);
    const auto verified =
        test::run_ats({"verify", "--request", file, "--secret-file", secret_file()});
    CHECK(verified.exit_code == 0);
    CHECK(emitted.out.find(k_secret) == std::string::npos);
    CHECK(emitted.err.find(k_secret) == std::string::npos);
}

TEST_CASE("emit --sign json gives headers and the exact body, which verify accepts") {
    const auto emitted =
        test::run_ats({"emit", "feedback.submitted", "--sign", "--secret-file", secret_file(),
                       "--timestamp", "1714989600", "--at", "1714989600", "--seed", "8"},
                      {});
    CHECK(emitted.exit_code == 0);
    const auto output = nlohmann::json::parse(emitted.out);
    const auto& headers = output["headers"];
    CHECK(headers["webhook-timestamp"] == "1714989600");
    const auto body = output["body"].get<std::string>();
    CHECK(body == lines_of(test::run_ats({"emit", "feedback.submitted", "--at", "1714989600",
                                          "--seed", "8", "--format", "ndjson"})
                               .out)[0]);
    const auto verified = test::run_ats({"verify", "--id", headers["webhook-id"], "--timestamp",
                                         "1714989600", "--signature", headers["webhook-signature"],
                                         "--now", "1714989600", "--secret-file", secret_file()},
                                        test::stdin_of(body));
    CHECK(verified.exit_code == 0);
}

TEST_CASE("emit usage errors exit 2 and say what to do") {
    const auto unknown = test::run_ats({"emit", "interview.create"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("did you mean \"interview.created\"") != std::string::npos);
    CHECK(test::run_ats({"emit"}).exit_code == 2);
    CHECK(test::run_ats({"emit", "job.created", "--at", "soon"}).exit_code == 2);
    CHECK(test::run_ats({"emit", "job.created", "--set", "nothing"}).exit_code == 2);
    CHECK(test::run_ats({"emit", "job.created", "--format", "yaml"}).exit_code == 2);
    const auto sample = test::source_path("samples/valid/job.created.json");
    CHECK(test::run_ats({"emit", "job.created", "--from", sample}).exit_code == 2);
    CHECK(test::run_ats({"emit", "--from", sample, "--count", "3"}).exit_code == 2);
    const auto http =
        test::run_ats({"emit", "all", "--format", "http", "--secret-file", secret_file()});
    CHECK(http.exit_code == 2);
    CHECK(http.err.find("--format http writes one request") != std::string::npos);
    const auto seed = test::run_ats({"emit", "job.created", "--seed", "-1"});
    CHECK(seed.exit_code == 2);
    CHECK(seed.err.find("'-1' is not a whole number") != std::string::npos);
    CHECK(test::run_ats({"emit", "job.created", "--seed", "18446744073709551616"}).exit_code == 2);
    const auto retries = test::run_ats({"emit", "job.created", "--retries", "3"});
    CHECK(retries.exit_code == 2);
    CHECK(retries.err.find("--retries requires --send") != std::string::npos);
    const auto unsigned_run = test::run_ats({"emit", "job.created", "--sign"});
    CHECK(unsigned_run.exit_code == 2);
    CHECK(unsigned_run.err.find("no secret given") != std::string::npos);
}

TEST_CASE("emit --send delivers the exact bytes with the three webhook headers, exit 0") {
    test::LoopbackServer server({{200, "OK", {}, "accepted\nignored line", 0ms}});
    const auto run = test::run_ats(send_args(server.url()));
    CHECK(run.exit_code == 0);
    const auto received = server.received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].method == "POST");
    CHECK(received[0].target == "/webhook");
    CHECK(received[0].body + "\n" == expected_body());
    CHECK(received[0].headers.at("content-type") == "application/json");
    CHECK(received[0].headers.at("webhook-id").starts_with("wbhk_evt_"));
    CHECK(verify_exit_code(received[0]) == 0);
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].starts_with("interview.created " + received[0].headers.at("webhook-id") +
                               " attempt 1: 200 OK, "));
    CHECK(lines[0].ends_with(" ms: accepted"));
    CHECK(lines[1] == "1 of 1 delivery to " + server.url() + " succeeded");
}

TEST_CASE("emit --send retries a 500 and delivers on the second attempt with the same id") {
    test::LoopbackServer server({{500, "Internal Server Error", {}, "boom", 0ms}, {}});
    const auto run =
        test::run_ats(send_args(server.url(), {"--retries", "3", "--retry-scale", "0.001"}));
    CHECK(run.exit_code == 0);
    const auto received = server.received();
    REQUIRE(received.size() == 2);
    CHECK(received[0].body == received[1].body);
    CHECK(received[0].headers.at("webhook-id") == received[1].headers.at("webhook-id"));
    CHECK(verify_exit_code(received[0]) == 0);
    CHECK(verify_exit_code(received[1]) == 0);
    CHECK(run.out.find("attempt 1: 500 Internal Server Error, ") != std::string::npos);
    CHECK(run.out.find("ms: boom; retrying in 5 ms\n") != std::string::npos);
    CHECK(run.out.find("attempt 2: 200 OK") != std::string::npos);
}

TEST_CASE("emit --send honours Retry-After and gives up when the retries run out, exit 1") {
    test::LoopbackServer server({{503, "Service Unavailable", {{"Retry-After", "2"}}, "", 0ms}});
    const auto run =
        test::run_ats(send_args(server.url(), {"--retries", "2", "--retry-scale", "0.001"}));
    CHECK(run.exit_code == 1);
    CHECK(server.received().size() == 3);
    CHECK(run.out.find("attempt 1: 503 Service Unavailable, ") != std::string::npos);
    CHECK(run.out.find("; retrying in 2 ms\n") != std::string::npos);
    CHECK(run.out.ends_with("0 of 1 delivery to " + server.url() + " succeeded\n"));
}

TEST_CASE("emit --send stops at 410 Gone without retrying, exit 1") {
    test::LoopbackServer server({{410, "Gone", {}, "endpoint disabled", 0ms}, {}});
    const auto run =
        test::run_ats(send_args(server.url(), {"--retries", "5", "--retry-scale", "0.001"}));
    CHECK(run.exit_code == 1);
    CHECK(server.received().size() == 1);
    CHECK(run.out.find("410 Gone") != std::string::npos);
    CHECK(run.out.find("the endpoint is gone, not retrying") != std::string::npos);
}

TEST_CASE("after a 410 Gone emit --send sends none of the remaining events") {
    test::LoopbackServer server({{410, "Gone", {}, "endpoint disabled", 0ms}, {}});
    auto args = send_args(server.url());
    args.insert(args.begin() + 2, {"job.created", "job.updated"});
    const auto run = test::run_ats(args);
    CHECK(run.exit_code == 1);
    CHECK(server.received().size() == 1);
    CHECK(run.out.find("endpoint gone (410): 2 remaining events not sent\n") != std::string::npos);
}

TEST_CASE("emit --send --format json writes one JSON object on stdout, the lines on stderr") {
    test::LoopbackServer server({{410, "Gone", {}, "endpoint disabled", 0ms}, {}});
    auto args = send_args(server.url(), {"--format", "json"});
    args.insert(args.begin() + 2, {"job.created", "job.updated"});
    const auto run = test::run_ats(args);
    CHECK(run.exit_code == 1);
    REQUIRE(nlohmann::json::accept(run.out)); // what `| jq` reads
    const auto summary = nlohmann::json::parse(run.out);
    CHECK(summary["deliveries"] == 1);
    CHECK(summary["not_sent"] == 2);
    CHECK(run.err.find(" attempt 1: 410 Gone") != std::string::npos);
    CHECK(run.err.find("endpoint gone (410): 2 remaining events not sent\n") != std::string::npos);
}

TEST_CASE("emit --send takes only http and https URLs") {
    const auto run = test::run_ats(send_args("ftp://127.0.0.1/x"));
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("is not an http:// or https:// URL") != std::string::npos);
}

TEST_CASE("emit --send with an empty URL (an unset variable) is a usage error, not output") {
    for (const bool check_handler : {false, true}) {
        auto args = send_args("");
        if (check_handler) args.push_back("--check-handler");
        const auto run = test::run_ats(args);
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err.find("--send '' is not an absolute URL") != std::string::npos);
    }
}

TEST_CASE("emit --set id=... also changes the webhook-id it signs with") {
    const auto run =
        test::run_ats({"emit", "job.created", "--seed", "1", "--set", "id=wbhk_evt_ZZZZZZ",
                       "--sign", "--format", "ndjson", "--secret-file", secret_file()});
    CHECK(run.exit_code == 0);
    const auto line = nlohmann::json::parse(run.out);
    CHECK(line["headers"]["webhook-id"] == "wbhk_evt_ZZZZZZ");
    CHECK(test::run_ats(
              {"emit", "job.created", "--set", "id=a.b", "--sign", "--secret-file", secret_file()})
              .exit_code == 2);
}

TEST_CASE("emit --send does not follow a redirect: a 3xx is a failure, exit 1") {
    test::LoopbackServer server({{302, "Found", {{"Location", "/elsewhere"}}, "", 0ms}, {}});
    const auto run = test::run_ats(send_args(server.url(), {"--retries", "2"}));
    CHECK(run.exit_code == 1);
    const auto received = server.received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].target == "/webhook");
    CHECK(run.out.find("302 Found") != std::string::npos);
    CHECK(run.out.find("redirects are not followed") != std::string::npos);
}

TEST_CASE("emit --send gives up on a slow endpoint after --timeout and reports it, exit 1") {
    test::LoopbackServer server({{200, "OK", {}, "too late", 5000ms}});
    const auto run = test::run_ats(send_args(server.url(), {"--timeout", "0.2"}));
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("attempt 1: no response (") != std::string::npos);
    CHECK(run.out.find("0 of 1 delivery") != std::string::npos);
}

TEST_CASE("emit --send exits 1 when any one of several deliveries fails") {
    test::LoopbackServer server({{200, "OK", {}, "", 0ms}, {400, "Bad Request", {}, "no", 0ms}});
    const auto run = test::run_ats({"emit", "job.created", "job.updated", "--seed", "1", "--send",
                                    server.url(), "--secret-file", secret_file()});
    CHECK(run.exit_code == 1);
    CHECK(server.received().size() == 2);
    CHECK(run.out.find("job.updated wbhk_evt_") != std::string::npos);
    CHECK(run.out.ends_with("1 of 2 deliveries to " + server.url() + " succeeded\n"));
}

TEST_CASE("every option that emit --help shows is in the man page's emit section") {
    const std::string man = test::read_file(test::source_path("man/ats-hook.1"));
    const auto start = man.find(".SS emit\n");
    REQUIRE(start != std::string::npos);
    const std::string section = man.substr(start, man.find(".SH ", start) - start);
    const auto run = test::run_ats({"emit", "--help"});
    REQUIRE(run.exit_code == 0);
    const std::regex option(R"((^|[\s,])(--[a-z][a-z0-9-]*))");
    int checked = 0;
    for (auto it = std::sregex_iterator(run.out.begin(), run.out.end(), option);
         it != std::sregex_iterator(); ++it) {
        const std::string name = (*it)[2].str();
        if (name == "--help") continue;
        std::string roff;
        for (const char c : name) roff += c == '-' ? std::string("\\-") : std::string(1, c);
        CAPTURE(name);
        // The secret options are shared with verify and sign and described there.
        const bool shared = name == "--secret" || name == "--secret-file";
        CHECK((shared ? man : section).find(roff) != std::string::npos);
        ++checked;
    }
    CHECK(checked >= 18);
}

TEST_CASE("emit --scenario hiring tells the same valid story for the same seed and time") {
    const std::vector<std::string> args{
        "emit",         "--scenario", "hiring",   "--seed", "5", "--at", "2026-03-02T09:00:00Z",
        "--candidates", "6",          "--format", "ndjson"};
    const auto first = test::run_ats(args);
    const auto second = test::run_ats(args);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out == second.out);
    CHECK(std::count(first.out.begin(), first.out.end(), '\n') > 30);
    CHECK(first.out.starts_with("{\"id\":\"wbhk_evt_"));
    CHECK(first.out.find("\"type\":\"job.created\"") <
          first.out.find("\"type\":\"application.created\""));
    const auto strict = test::run_ats({"validate", "--strict", "-"}, test::stdin_of(first.out));
    CHECK(strict.exit_code == 0);
    CHECK(test::run_ats({"emit", "--scenario", "hiring", "job.created"}).exit_code == 2);
    CHECK(test::run_ats({"emit", "job.created", "--candidates", "3"}).exit_code == 2);
}
