// `ats-hook listen` driven by emit --send, sign --format http files and raw sockets.
#include "cli/listener.hpp"
#include "cli/run_process.hpp"
#include "cli/secret_safe_run.hpp"
#include "loopback_server.hpp"

#include "atshook/signature/secret.hpp"
#include "atshook/signature/sign.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

namespace {

using namespace std::chrono_literals;

const std::string k_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const std::string k_other_secret = "whsec_bm90IHRoZSBzZWNyZXQgeW91IGFyZSBsb29raW5nIGZvcg==";

std::int64_t now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string sample(const std::string& name) {
    return test::read_file(test::source_path(name));
}

std::string signature_for(const std::string& secret, const std::string& id, std::int64_t timestamp,
                          const std::string& body) {
    const auto parsed = atshook::signature::parse_secret(secret, "test");
    return atshook::signature::signature_token(parsed, {id, timestamp, body});
}

struct Delivery {
    std::string id = "msg_test1";
    std::int64_t timestamp = now();
    std::string body = sample("samples/valid/interview.created.json");
    std::string secret = k_secret;
    bool signature = true;
    std::string path = "/webhooks/hirehive";
    std::string method = "POST";
    std::string extra_headers; // "Name: value\r\n" lines

    std::string head() const {
        std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        text += "Content-Type: application/json\r\nwebhook-id: " + id + "\r\n";
        text += "webhook-timestamp: " + std::to_string(timestamp) + "\r\n";
        if (signature)
            text += "webhook-signature: " + signature_for(secret, id, timestamp, body) + "\r\n";
        return text + extra_headers;
    }
    // With Content-Length, and Connection: close so the server ends the exchange.
    std::string request() const {
        return head() + "Content-Length: " + std::to_string(body.size()) +
               "\r\nConnection: close\r\n\r\n" + body;
    }
};

std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        lines.push_back(nlohmann::json::parse(text.substr(start, end - start)));
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return lines;
}

std::vector<std::string> files_in(const std::string& dir) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

// The body of a request file (after the blank line).
std::string body_of(const std::string& request_file) {
    const std::string text = test::read_file(request_file);
    return text.substr(text.find("\r\n\r\n") + 4);
}

} // namespace

TEST_CASE("listen answers each kind of delivery with its documented status, JSON line and file") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    const auto saved = dir.path("saved");
    test::Listener listener(dir.path(""), {"--secret-file", secret, "--save", saved, "--count", "9",
                                           "--format", "json", "--max-bytes", "20000"});
    CHECK(listener.first_line() == "listening on http://127.0.0.1:" +
                                       std::to_string(listener.port()) + "/webhooks/hirehive");

    Delivery verified;
    Delivery forged;
    forged.id = "msg_forged";
    forged.secret = k_other_secret;
    Delivery stale;
    stale.id = "msg_stale";
    stale.timestamp = now() - 1000;
    Delivery unsigned_delivery;
    unsigned_delivery.id = "msg_unsigned";
    unsigned_delivery.signature = false;
    Delivery invalid;
    invalid.id = "msg_invalid";
    invalid.body = sample("samples/invalid/attendee-status-attending.json");
    Delivery not_json;
    not_json.id = "msg_text";
    not_json.body = "hello, this is not JSON";
    Delivery oversized;
    oversized.id = "msg_big";
    oversized.body = std::string(30000, ' ');
    Delivery get;
    get.method = "GET";
    Delivery elsewhere;
    elsewhere.path = "/other";

    const std::vector<std::pair<const Delivery*, int>> cases{
        {&verified, 200},          {&forged, 401},  {&stale, 400},
        {&unsigned_delivery, 400}, {&invalid, 200}, {&not_json, 400},
        {&oversized, 413},         {&get, 405},     {&elsewhere, 404}};
    for (const auto& [delivery, status] : cases) {
        const auto& id = delivery->id; // clang 14 cannot capture a binding
        CAPTURE(id);
        CHECK(test::status_of(test::raw_exchange(listener.port(), delivery->request())) == status);
    }
    const auto run = listener.finish();
    CHECK(run.exit_code == 1); // not every delivery verified
    const auto lines = json_lines(run.out);
    REQUIRE(lines.size() == 9);
    const std::vector<std::string> verdicts{"verified",       "bad_signature",   "stale",
                                            "missing_header", "invalid_payload", "not_json",
                                            "refused",        "refused",         "refused"};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CAPTURE(lines[i].dump());
        CHECK(lines[i]["verdict"] == verdicts[i]);
        CHECK(lines[i]["response"]["status"] == cases[i].second);
    }
    CHECK(lines[0]["type"] == "interview.created");
    CHECK(lines[0]["id"] == "msg_test1");
    CHECK(lines[0]["signature"]["verified"] == true);
    CHECK(lines[0]["validation"]["valid"] == true);
    CHECK(lines[0]["size"] == verified.body.size());
    CHECK(lines[0]["headers"]["webhook-id"] == "msg_test1");
    CHECK(lines[1]["signature"]["reason"] == "no_matching_signature");
    CHECK(lines[2]["problem"].get<std::string>().find("the tolerance is 300 s") !=
          std::string::npos);
    CHECK(lines[3]["signature"]["header"] == "webhook-signature");
    CHECK(lines[4]["validation"]["findings"][0]["pointer"].get<std::string>().find("/attendees") !=
          std::string::npos);
    CHECK(lines[6]["problem"] == "the body is larger than 20000 bytes (--max-bytes)");
    CHECK(lines[7]["method"] == "GET");
    CHECK(lines[8]["target"] == "/other");
    CHECK(run.err.find("received 9: 1 verified, 2 bad signature, 1 stale, 2 invalid, 0 forwarded, "
                       "3 errors") != std::string::npos);

    // The six read deliveries were kept, byte for byte; the acknowledged ones verify.
    const auto files = files_in(saved);
    REQUIRE(files.size() == 6);
    CHECK(files[0].ends_with("_msg_test1.http"));
    CHECK(body_of(files[0]) == verified.body);
    CHECK(body_of(files[4]) == invalid.body);
    CHECK(body_of(files[5]) == not_json.body);
    CHECK(test::run_ats({"verify", "--request", files[0], "--secret-file", secret}).exit_code == 0);
    CHECK(test::run_ats({"verify", "--request", files[4], "--secret-file", secret}).exit_code == 0);
    CHECK(test::run_ats({"verify", "--request", files[1], "--secret-file", secret}).exit_code == 1);
    CHECK(test::run_ats({"show", files[0]}).exit_code == 0);
}

TEST_CASE("listen receives what emit --send and sign --format http send, and exits 0 when all "
          "verified") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    const auto saved = dir.path("saved");
    test::Listener listener(dir.path(""),
                            {"--secret-file", secret, "--save", saved, "--count", "4"});
    const auto emitted =
        test::run_ats({"emit", "interview.created", "job.created", "feedback.submitted",
                       "--secret-file", secret, "--send", listener.url()});
    CHECK(emitted.exit_code == 0);
    const auto signed_request =
        test::run_ats({"sign", test::source_path("samples/valid/application.created.json"),
                       "--secret-file", secret, "--format", "http", "--url", listener.url()});
    REQUIRE(signed_request.exit_code == 0);
    CHECK(test::status_of(test::raw_exchange(listener.port(), signed_request.out)) == 200);
    const auto run = listener.finish();
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("interview.created  verified") != std::string::npos);
    CHECK(run.out.find("application.created  verified") != std::string::npos);
    CHECK(run.err.find("received 4: 4 verified, 0 bad signature") != std::string::npos);
    const auto files = files_in(saved);
    REQUIRE(files.size() == 4);
    for (const auto& file : files) {
        CAPTURE(file);
        CHECK(test::run_ats({"verify", "--request", file, "--secret-file", secret}).exit_code == 0);
    }
    CHECK(body_of(files[3]) == sample("samples/valid/application.created.json"));
}

TEST_CASE("listen reads chunked bodies, answers Expect: 100-continue and keeps connections alive") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    const auto saved = dir.path("saved");
    test::Listener listener(dir.path(""), {"--secret-file", secret, "--save", saved, "--count", "5",
                                           "--max-bytes", "5000"});
    Delivery chunked;
    chunked.id = "msg_chunked";
    std::string request =
        chunked.head() + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    for (std::size_t at = 0; at < chunked.body.size(); at += 100) {
        const std::string piece = chunked.body.substr(at, 100);
        request += fmt::format("{:x}\r\n{}\r\n", piece.size(), piece);
    }
    request += "0\r\n\r\n";
    CHECK(test::status_of(test::raw_exchange(listener.port(), request, false, 5000ms, 64, 1ms)) ==
          200);

    // A chunked body past --max-bytes is answered 413 and not kept; one past twice the limit
    // is cut off.
    Delivery big;
    std::string big_request = big.head() + "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 8; ++i) big_request += "3e8\r\n" + std::string(1000, ' ') + "\r\n";
    CHECK(test::status_of(test::raw_exchange(listener.port(), big_request + "0\r\n\r\n")) == 413);
    {
        test::RawConnection endless(listener.port());
        endless.send_bytes(big_request + big_request.substr(big_request.find("3e8")));
        CHECK(test::status_of(endless.read()) == 0);
        CHECK(endless.closed());
    }

    Delivery expecting;
    expecting.id = "msg_expect";
    const std::string head = expecting.head() + "Expect: 100-continue\r\nContent-Length: " +
                             std::to_string(expecting.body.size()) +
                             "\r\nConnection: close\r\n\r\n";
    test::RawConnection connection(listener.port());
    connection.send_bytes(head);
    CHECK(connection.read(5000ms, "\r\n\r\n").starts_with("HTTP/1.1 100 Continue"));
    connection.send_bytes(expecting.body);
    CHECK(test::status_of(connection.read()) == 200);

    // Two requests on one connection: the first without Connection: close.
    Delivery first;
    first.id = "msg_first";
    Delivery second;
    second.id = "msg_second";
    const std::string keep_alive = first.head() +
                                   "Content-Length: " + std::to_string(first.body.size()) +
                                   "\r\n\r\n" + first.body + second.request();
    const std::string answers = test::raw_exchange(listener.port(), keep_alive);
    CHECK(test::status_of(answers) == 200);
    CHECK(answers.find("HTTP/1.1 200", 10) != std::string::npos);
    const auto run = listener.finish();
    CHECK(run.out.find("msg_chunked  interview.created  verified") != std::string::npos);
    CHECK(run.out.find("msg_second  interview.created  verified") != std::string::npos);
    const auto files = files_in(saved);
    REQUIRE(files.size() == 4);
    CHECK(body_of(files[0]) == chunked.body);
    CHECK(test::run_ats({"verify", "--request", files[0], "--secret-file", secret}).exit_code == 0);
}

TEST_CASE("listen survives malformed HTTP, huge heads and stalled clients, and goes on serving") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    test::Listener listener(dir.path(""),
                            {"--secret-file", secret, "--read-timeout", "1", "--format", "json"});
    CHECK(test::status_of(test::raw_exchange(listener.port(), "GARBAGE /x\r\n\r\n")) == 400);
    CHECK(test::status_of(test::raw_exchange(listener.port(), "GARBAGE\r\n\r\n")) == 0);
    CHECK(test::status_of(test::raw_exchange(listener.port(), "POST /webhooks/hirehive "
                                                              "HTTP/1.1\r\nno colon\r\n\r\n")) ==
          400);
    CHECK(test::status_of(test::raw_exchange(listener.port(), "POST /webhooks/hirehive "
                                                              "HTTP/9.1\r\n\r\n")) == 505);
    CHECK(test::status_of(test::raw_exchange(listener.port(), "POST /webhooks/hirehive "
                                                              "HTTP/1.1\r\nContent-Length: "
                                                              "abc\r\n\r\n")) == 400);
    std::string many = "POST /webhooks/hirehive HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 150; ++i) many += "X-Header-" + std::to_string(i) + ": v\r\n";
    CHECK(test::status_of(
              test::raw_exchange(listener.port(), many + "Content-Length: 0\r\n\r\n")) == 431);
    const std::string long_line =
        "POST /webhooks/hirehive HTTP/1.1\r\nX-Long: " + std::string(9000, 'a') +
        "\r\nContent-Length: 0\r\n\r\n";
    CHECK(test::status_of(test::raw_exchange(listener.port(), long_line)) == 431);
    const std::string huge_head =
        "POST /webhooks/hirehive HTTP/1.1\r\nX-Huge: " + std::string(300000, 'a') +
        "\r\nContent-Length: 0\r\n\r\n";
    CHECK(test::status_of(test::raw_exchange(listener.port(), huge_head)) == 431);

    // A client that stops half-way through its head is dropped after --read-timeout.
    {
        test::RawConnection stalled(listener.port());
        stalled.send_bytes("POST /webhooks/hirehive HTTP/1.1\r\nHost: x\r\n");
        const auto started = std::chrono::steady_clock::now();
        const std::string answer = stalled.read(6000ms);
        CHECK(stalled.closed());
        CHECK(std::chrono::steady_clock::now() - started < 5s);
        CHECK(answer.find("200") == std::string::npos);
    }
    // A body that stops short of its Content-Length: dropped too, never judged.
    {
        Delivery delivery;
        const std::string request = delivery.request();
        test::RawConnection short_body(listener.port());
        short_body.send_bytes(request.substr(0, request.size() - 10));
        short_body.read(6000ms);
        CHECK(short_body.closed());
    }
    Delivery after;
    CHECK(test::status_of(test::raw_exchange(listener.port(), after.request())) == 200);
    const auto run = listener.finish(SIGTERM);
    CHECK(run.exit_code == 0);
    // The refused heads were reported; the dropped requests were not deliveries.
    const auto lines = json_lines(run.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]["response"]["status"] == 431);
    CHECK(lines[1]["response"]["status"] == 431);
    CHECK(lines[2]["verdict"] == "verified");
}

TEST_CASE("listen takes concurrent deliveries and keeps every acknowledged one") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    const auto saved = dir.path("saved");
    test::Listener listener(dir.path(""),
                            {"--secret-file", secret, "--save", saved, "--count", "32", "--fsync"});
    std::vector<std::thread> senders;
    std::vector<int> statuses(32, 0);
    std::vector<std::string> bodies(32);
    for (int i = 0; i < 32; ++i) {
        senders.emplace_back([&, i] {
            Delivery delivery;
            delivery.id = "msg_concurrent_" + std::to_string(i);
            delivery.body = sample(i % 2 ? "samples/valid/job.created.json"
                                         : "samples/valid/interview.updated.json");
            bodies[static_cast<std::size_t>(i)] = delivery.body;
            statuses[static_cast<std::size_t>(i)] =
                test::status_of(test::raw_exchange(listener.port(), delivery.request()));
        });
    }
    for (auto& sender : senders) sender.join();
    CHECK(std::count(statuses.begin(), statuses.end(), 200) == 32);
    const auto run = listener.finish();
    CHECK(run.exit_code == 0);
    const auto files = files_in(saved);
    CHECK(files.size() == 32);
    for (const auto& file : files) {
        const auto name = std::filesystem::path(file).filename().string();
        const int index = std::stoi(name.substr(name.rfind('_') + 1));
        CHECK(body_of(file) == bodies[static_cast<std::size_t>(index)]);
    }
}

TEST_CASE("listen --save answers a delivery only once its file is in place, and serves others "
          "meanwhile") {
    for (const bool fsync : {false, true}) {
        CAPTURE(fsync);
        test::ScratchDir dir;
        const auto secret = dir.write("secret", k_secret + "\n");
        const auto saved = dir.path("saved");
        constexpr int k_connections = 12;
        constexpr int k_each = 15; // deliveries one after another on each kept-alive connection
        std::vector<std::string> args{"--secret-file", secret,
                                      "--save",        saved,
                                      "--count",       std::to_string(k_connections * k_each)};
        if (fsync) args.push_back("--fsync");
        test::Listener listener(dir.path(""), args);
        std::vector<std::thread> senders;
        std::atomic<int> acknowledged{0}, kept{0};
        for (int c = 0; c < k_connections; ++c) {
            senders.emplace_back([&, c] {
                test::RawConnection connection(listener.port());
                for (int i = 0; i < k_each; ++i) {
                    Delivery delivery;
                    delivery.id = fmt::format("msg_c{}_d{}", c, i);
                    delivery.body = sample(i % 2 ? "samples/valid/job.created.json"
                                                 : "samples/valid/interview.updated.json");
                    if (!connection.send_bytes(delivery.head() + "Content-Length: " +
                                               std::to_string(delivery.body.size()) + "\r\n\r\n" +
                                               delivery.body))
                        return;
                    if (test::status_of(connection.read(10'000ms, "verified\n")) != 200) return;
                    ++acknowledged;
                    // Acknowledged, so already in place whole, under its final name.
                    for (const auto& file : files_in(saved))
                        if (file.ends_with("_" + delivery.id + ".http") &&
                            body_of(file) == delivery.body) {
                            ++kept;
                            break;
                        }
                }
            });
        }
        for (auto& sender : senders) sender.join();
        CHECK(acknowledged == k_connections * k_each);
        CHECK(kept == k_connections * k_each);
        const auto run = listener.finish();
        CHECK(run.exit_code == 0);
        CHECK(files_in(saved).size() == static_cast<std::size_t>(k_connections * k_each));
        CHECK(run.err.find(fmt::format("received {}: {} verified", k_connections * k_each,
                                       k_connections * k_each)) != std::string::npos);
    }
}

TEST_CASE("listen --save answers 500 to a delivery it could not keep") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    const auto saved = dir.path("saved");
    test::Listener listener(dir.path(""),
                            {"--secret-file", secret, "--save", saved, "--count", "1"});
    // The directory goes away under the listener: no file can be created in it any more.
    std::filesystem::remove(saved);
    const std::string answer = test::raw_exchange(listener.port(), Delivery{}.request());
    CHECK(test::status_of(answer) == 500);
    CHECK(answer.ends_with("ats-hook could not keep this delivery; deliver it again\n"));
    const auto run = listener.finish();
    CHECK(run.exit_code == 1);
    CHECK(run.out.find("msg_test1  interview.created  verified") != std::string::npos);
    CHECK(run.out.find("  error: cannot write " + saved) != std::string::npos);
    CHECK(run.out.find("; answered 500") != std::string::npos);
    CHECK(run.err.find("received 1: 1 verified") != std::string::npos);
    CHECK(run.err.find("1 error") != std::string::npos);
}

TEST_CASE("listen marks redeliveries, filters what it shows and answers as told") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    SUBCASE("a webhook-id seen before is a redelivery with its attempt number") {
        test::Listener listener(dir.path(""), {"--secret-file", secret, "--count", "3"});
        Delivery delivery;
        delivery.id = "msg_again";
        for (int i = 0; i < 3; ++i) test::raw_exchange(listener.port(), delivery.request());
        const auto run = listener.finish();
        CHECK(run.out.find("msg_again  interview.created  verified") != std::string::npos);
        CHECK(run.out.find("msg_again  interview.created (redelivery, attempt 2)") !=
              std::string::npos);
        CHECK(run.out.find("(redelivery, attempt 3)") != std::string::npos);
    }
    SUBCASE("--events shows only the matching types but counts them all") {
        test::Listener listener(dir.path(""),
                                {"--secret-file", secret, "--count", "2", "--events", "job.*"});
        Delivery interview;
        Delivery job;
        job.body = sample("samples/valid/job.created.json");
        test::raw_exchange(listener.port(), interview.request());
        test::raw_exchange(listener.port(), job.request());
        const auto run = listener.finish();
        CHECK(run.out.find("job.created") != std::string::npos);
        CHECK(run.out.find("interview.created") == std::string::npos);
        CHECK(run.err.find("received 2: 2 verified") != std::string::npos);
    }
    SUBCASE("--events names a type that does not exist") {
        const auto run = test::run_ats({"listen", "--events", "interview.create"});
        CHECK(run.exit_code == 2);
        CHECK(run.err.find("did you mean \"interview.created\"") != std::string::npos);
    }
    SUBCASE("--respond forces the status; --reject-invalid refuses schema errors") {
        test::Listener listener(dir.path(""), {"--secret-file", secret, "--count", "2", "--respond",
                                               "503", "--reject-invalid"});
        Delivery delivery;
        CHECK(test::status_of(test::raw_exchange(listener.port(), delivery.request())) == 503);
        listener.finish(SIGINT);
        test::Listener strict(dir.path(""),
                              {"--secret-file", secret, "--count", "1", "--reject-invalid"});
        Delivery invalid;
        invalid.body = sample("samples/invalid/attendee-status-attending.json");
        CHECK(test::status_of(test::raw_exchange(strict.port(), invalid.request())) == 400);
        CHECK(strict.finish().exit_code == 1);
    }
    SUBCASE("without a secret nothing is checked, and it says so once") {
        test::Listener listener(dir.path(""), {"--count", "2"});
        Delivery delivery;
        delivery.secret = k_other_secret;
        CHECK(test::status_of(test::raw_exchange(listener.port(), delivery.request())) == 200);
        CHECK(test::status_of(test::raw_exchange(listener.port(), delivery.request())) == 200);
        const auto run = listener.finish();
        CHECK(run.exit_code == 1);
        CHECK(run.out.find("signature not checked") != std::string::npos);
        const auto warning = run.err.find("signatures are NOT checked");
        CHECK(warning != std::string::npos);
        CHECK(run.err.find("signatures are NOT checked", warning + 1) == std::string::npos);
    }
    SUBCASE("Ctrl-C prints the summary and exits 0") {
        test::Listener listener(dir.path(""), {"--secret-file", secret});
        Delivery delivery;
        test::raw_exchange(listener.port(), delivery.request());
        const auto run = listener.finish(SIGINT);
        CHECK(run.exit_code == 0);
        CHECK(run.err.find("received 1: 1 verified, 0 bad signature, 0 stale, 0 invalid, 0 "
                           "forwarded, 0 errors") != std::string::npos);
    }
}

TEST_CASE("listen --forward-to relays the handler's answers and warns about a forgiving handler") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    SUBCASE("a handler that accepts everything accepted a forged delivery") {
        test::LoopbackServer handler({{200, "OK", {}, "thanks", 0ms}});
        test::Listener listener(dir.path(""), {"--secret-file", secret, "--count", "2",
                                               "--forward-to", handler.url("/hook")});
        Delivery good;
        Delivery forged;
        forged.id = "msg_forged";
        forged.secret = k_other_secret;
        const std::string answer = test::raw_exchange(listener.port(), good.request());
        CHECK(test::status_of(answer) == 200);
        CHECK(answer.ends_with("thanks"));
        CHECK(test::status_of(test::raw_exchange(listener.port(), forged.request())) == 200);
        const auto run = listener.finish();
        CHECK(run.out.find("(handler 200 in") != std::string::npos);
        CHECK(run.out.find("your handler accepted a forged delivery") != std::string::npos);
        CHECK(run.err.find("2 forwarded") != std::string::npos);
        const auto received = handler.received();
        REQUIRE(received.size() == 2);
        CHECK(received[0].target == "/hook");
        CHECK(received[0].body == good.body);
        CHECK(received[0].headers.at("webhook-signature") ==
              signature_for(k_secret, good.id, good.timestamp, good.body));
        CHECK(received[1].headers.at("webhook-id") == "msg_forged");
    }
    SUBCASE("a handler answering 500 then 200: the sender sees both") {
        test::LoopbackServer handler(
            {{500, "Internal Server Error", {}, "boom", 0ms}, {200, "OK", {}, "ok", 0ms}});
        test::Listener listener(dir.path(""), {"--secret-file", secret, "--count", "2",
                                               "--forward-to", handler.url("/hook")});
        Delivery delivery;
        CHECK(test::status_of(test::raw_exchange(listener.port(), delivery.request())) == 500);
        CHECK(test::status_of(test::raw_exchange(listener.port(), delivery.request())) == 200);
        const auto run = listener.finish();
        CHECK(run.out.find("-> 500 (handler 500 in") != std::string::npos);
        CHECK(run.out.find("-> 200 (handler 200 in") != std::string::npos);
        CHECK(run.out.find("your handler rejected a delivery that verified") != std::string::npos);
    }
    SUBCASE("a handler that is not there: the sender gets 502") {
        int port = 0;
        {
            test::LoopbackServer gone({{200, "OK", {}, "", 0ms}});
            port = gone.port();
        }
        test::Listener listener(dir.path(""),
                                {"--secret-file", secret, "--count", "1", "--forward-to",
                                 "http://127.0.0.1:" + std::to_string(port) + "/"});
        Delivery delivery;
        CHECK(test::status_of(test::raw_exchange(listener.port(), delivery.request())) == 502);
        const auto run = listener.finish();
        CHECK(run.out.find("your handler did not answer") != std::string::npos);
    }
}

TEST_CASE("listen refuses a bad command line before it listens") {
    CHECK(test::run_ats({"listen", "--fsync"}).exit_code == 2);
    CHECK(test::run_ats({"listen", "--respond", "42"}).exit_code == 2);
    CHECK(test::run_ats({"listen", "--path", "hook"}).exit_code == 2);
    const auto run = test::run_ats({"listen", "--host", "no-such-host.invalid", "--port", "0"});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("cannot listen on no-such-host.invalid:0") != std::string::npos);
}
