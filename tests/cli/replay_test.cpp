// `ats-hook replay`: saved request files sent again, re-signed or as they were.
#include "cli/run_process.hpp"
#include "cli/secret_safe_run.hpp"
#include "loopback_server.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

namespace {

using namespace std::chrono_literals;

const std::string k_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

std::string sample(const std::string& name) {
    return test::read_file(test::source_path(name));
}

// A request file signed a day before 2026-11-29 (so any tolerance check fails it as it is).
std::string old_request(const std::string& secret_file, const std::string& sample_name,
                        const std::string& id) {
    const auto run =
        test::run_ats({"sign", test::source_path(sample_name), "--secret-file", secret_file, "--id",
                       id, "--timestamp", "1700000000", "--format", "http"});
    REQUIRE(run.exit_code == 0);
    return run.out;
}

} // namespace

TEST_CASE("replay re-signs each saved request with a fresh timestamp, keeping id and body") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    std::filesystem::create_directory(dir.path("captures"));
    dir.write("captures/b.http",
              old_request(secret, "samples/valid/job.created.json", "msg_second"));
    dir.write("captures/a.http",
              old_request(secret, "samples/valid/interview.created.json", "msg_first"));
    dir.write("captures/notes.txt", "not a request");
    test::LoopbackServer handler({{200, "OK", {}, "ok", 0ms}});
    const auto run = test::run_guarded(
        {"replay", dir.path("captures"), "--to", handler.url("/hook"), "--secret-file", secret});
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("2 of 2 deliveries") != std::string::npos);
    const auto received = handler.received();
    REQUIRE(received.size() == 2);
    // Name order: a.http first.
    CHECK(received[0].headers.at("webhook-id") == "msg_first");
    CHECK(received[0].body == sample("samples/valid/interview.created.json"));
    CHECK(received[1].body == sample("samples/valid/job.created.json"));
    for (const auto& request : received) {
        CHECK(request.headers.at("webhook-timestamp") != "1700000000");
        const auto verified = test::run_ats({"verify", "--secret-file", secret, "--id",
                                             request.headers.at("webhook-id"), "--timestamp",
                                             request.headers.at("webhook-timestamp"), "--signature",
                                             request.headers.at("webhook-signature")},
                                            test::stdin_of(request.body));
        CHECK(verified.exit_code == 0);
    }
}

TEST_CASE("replay --as-is sends the original headers unchanged") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    const std::string request =
        old_request(secret, "samples/valid/interview.created.json", "msg_exact");
    const auto file = dir.write("exact.http", request);
    test::LoopbackServer handler({{200, "OK", {}, "ok", 0ms}});
    const auto run = test::run_ats({"replay", file, "--to", handler.url("/hook"), "--as-is"});
    CHECK(run.exit_code == 0);
    const auto received = handler.received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].headers.at("webhook-timestamp") == "1700000000");
    CHECK(received[0].headers.at("webhook-id") == "msg_exact");
    CHECK(request.find("webhook-signature: " + received[0].headers.at("webhook-signature")) !=
          std::string::npos);
    CHECK(received[0].body == sample("samples/valid/interview.created.json"));
}

TEST_CASE("replay reports a file it cannot read, sends the others, and exits 3") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    const auto good =
        dir.write("good.http", old_request(secret, "samples/valid/job.created.json", "msg_ok"));
    const auto bad = dir.write("bad.http", "this is not a request\n");
    test::LoopbackServer handler({{200, "OK", {}, "ok", 0ms}});
    const auto run =
        test::run_ats({"replay", bad, good, "--to", handler.url("/hook"), "--secret-file", secret});
    CHECK(run.exit_code == 3);
    CHECK(run.err.find("bad.http") != std::string::npos);
    CHECK(handler.received().size() == 1);
    const auto no_secret = test::run_ats({"replay", good, "--to", handler.url("/hook")});
    CHECK(no_secret.exit_code == 2);
    CHECK(no_secret.err.find("--as-is") != std::string::npos);
}

TEST_CASE("replay does not re-sign a capture whose own signature does not match the secret") {
    test::ScratchDir dir;
    const auto secret = dir.write("secret", k_secret + "\n");
    // Signed with another key, as a forged delivery that listen answered 401 and kept.
    const auto other = dir.write("other", "whsec_06VTm7M3bNJMOxArkMt57uDpXuAuB0ZU+Ups+6EYTaU=\n");
    const auto forged =
        dir.write("forged.http", old_request(other, "samples/valid/job.deleted.json", "msg_f"));
    const auto good =
        dir.write("good.http", old_request(secret, "samples/valid/job.created.json", "msg_g"));
    test::LoopbackServer handler({{200, "OK", {}, "ok", 0ms}});
    const auto run = test::run_ats(
        {"replay", forged, good, "--to", handler.url("/hook"), "--secret-file", secret});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("forged.http: not re-signed") != std::string::npos);
    auto received = handler.received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].headers.at("webhook-id") == "msg_g");

    // Asked for explicitly, it is re-signed; sent --as-is it keeps its own signature.
    const auto anyway = test::run_ats({"replay", forged, "--to", handler.url("/hook"),
                                       "--secret-file", secret, "--resign-unverified"});
    CHECK(anyway.exit_code == 0);
    const auto as_is = test::run_ats({"replay", forged, "--to", handler.url("/hook"), "--as-is"});
    CHECK(as_is.exit_code == 0);
    received = handler.received();
    REQUIRE(received.size() == 3);
    CHECK(received[1].headers.at("webhook-id") == "msg_f");
    CHECK(received[2].headers.at("webhook-timestamp") == "1700000000");
}
