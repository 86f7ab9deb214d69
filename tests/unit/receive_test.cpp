// Judging received deliveries, without sockets: statuses, verdicts, filters, redeliveries, files.
#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/receive/capture_store.hpp"
#include "atshook/receive/event_filter.hpp"
#include "atshook/receive/judge.hpp"
#include "atshook/receive/receiver.hpp"
#include "atshook/receive/redelivery.hpp"
#include "atshook/signature/sign.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace atshook::receive;
namespace signature = atshook::signature;

namespace {

const signature::Secret k_key =
    signature::parse_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "test");
constexpr std::int64_t k_now = 1800000000;
const std::string k_body =
    R"({"id":"wbhk_evt_1","type":"job.deleted","timestamp":"2026-01-01T00:00:00Z","data":{"object":{"id":"job_1"}}})";

atshook::HeaderFields delivery_headers(std::string_view body, std::int64_t timestamp = k_now,
                                       bool with_signature = true) {
    atshook::HeaderFields fields{{"Content-Type", "application/json", 1},
                                 {"webhook-id", "msg_1", 2},
                                 {"webhook-timestamp", std::to_string(timestamp), 3}};
    if (with_signature)
        fields.push_back({"webhook-signature",
                          signature::signature_token(k_key, {"msg_1", timestamp, body}), 4});
    return fields;
}

ReceiveOptions options() {
    ReceiveOptions result;
    result.secrets = std::span(&k_key, 1);
    return result;
}

Judgement judge(const atshook::HeaderFields& headers, std::string_view body,
                const ReceiveOptions& with = options()) {
    atshook::Validator validator;
    return judge_delivery(headers, body, with, validator, k_now);
}

} // namespace

TEST_CASE("a delivery is judged by its signature first, then by its payload") {
    SUBCASE("verified and valid: 200") {
        const auto judgement = judge(delivery_headers(k_body), k_body);
        CHECK(judgement.verdict == Verdict::verified);
        CHECK(judgement.answer.status == 200);
        CHECK(judgement.payload->event_type == "job.deleted");
    }
    SUBCASE("signed by another key: 401, whatever the payload") {
        const std::string other = R"({"not":"an event"})";
        const auto judgement = judge(delivery_headers(k_body), other);
        CHECK(judgement.verdict == Verdict::bad_signature);
        CHECK(judgement.answer.status == 401);
    }
    SUBCASE("stale and future timestamps: 400 with the age") {
        auto judgement = judge(delivery_headers(k_body, k_now - 301), k_body);
        CHECK(judgement.verdict == Verdict::stale);
        CHECK(judgement.answer.status == 400);
        CHECK(judgement.problem ==
              "timestamp 1799999699 is 301 s before now; the tolerance is 300 s");
        judgement = judge(delivery_headers(k_body, k_now + 400), k_body);
        CHECK(judgement.problem ==
              "timestamp 1800000400 is 400 s after now; the tolerance is 300 s");
        CHECK(judge(delivery_headers(k_body, k_now - 300), k_body).verdict == Verdict::verified);
    }
    SUBCASE("a missing or doubled header: 400") {
        CHECK(judge(delivery_headers(k_body, k_now, false), k_body).verdict ==
              Verdict::missing_header);
        auto doubled = delivery_headers(k_body);
        doubled.push_back({"webhook-id", "msg_2", 5});
        const auto judgement = judge(doubled, k_body);
        CHECK(judgement.verdict == Verdict::malformed_header);
        CHECK(judgement.answer.status == 400);
    }
    SUBCASE("verified but not JSON: 400; verified but invalid: 200, or 400 when rejected") {
        const std::string text = "plain text";
        CHECK(judge(delivery_headers(text), text).verdict == Verdict::not_json);
        CHECK(judge(delivery_headers(text), text).answer.status == 400);
        const std::string invalid = R"({"type":"job.deleted","data":{"object":{"id":7}}})";
        auto with = options();
        CHECK(judge(delivery_headers(invalid), invalid, with).verdict == Verdict::invalid_payload);
        CHECK(judge(delivery_headers(invalid), invalid, with).answer.status == 200);
        with.reject_invalid = true;
        CHECK(judge(delivery_headers(invalid), invalid, with).answer.status == 400);
    }
    SUBCASE("no secret: nothing checked, answered 200") {
        ReceiveOptions unchecked;
        const auto judgement = judge(delivery_headers(k_body, 1, false), k_body, unchecked);
        CHECK(judgement.verdict == Verdict::not_checked);
        CHECK_FALSE(judgement.signature.has_value());
        CHECK(judgement.answer.status == 200);
    }
    SUBCASE("--respond forces the status") {
        auto with = options();
        with.respond = 503;
        CHECK(judge(delivery_headers(k_body), k_body, with).answer.status == 503);
    }
}

TEST_CASE("a request that cannot be a delivery is refused on its head") {
    const auto with = options();
    const atshook::HeaderFields none;
    CHECK_FALSE(screen_request("POST", "/webhooks/hirehive?x=1", none, 10, with).has_value());
    CHECK(screen_request("POST", "/other", none, 10, with)->answer.status == 404);
    const auto get = screen_request("GET", "/webhooks/hirehive", none, 0, with);
    CHECK(get->answer.status == 405);
    CHECK(get->answer.headers.at(0).value == "POST");
    CHECK(
        screen_request("POST", "/webhooks/hirehive", none, (16u << 20) + 1, with)->answer.status ==
        413);
    CHECK_FALSE(screen_request("POST", "/webhooks/hirehive", none, std::nullopt, with));
    atshook::HeaderFields many(101, atshook::HeaderField{"X-A", "b", 0});
    CHECK(screen_request("POST", "/webhooks/hirehive", many, 0, with)->answer.status == 431);
    // 100 lines fit only when one is Content-Length: the saved file would gain one otherwise.
    many.resize(100);
    CHECK(screen_request("POST", "/webhooks/hirehive", many, 0, with)->answer.status == 431);
    many.back() = {"Content-Length", "0", 100};
    CHECK_FALSE(screen_request("POST", "/webhooks/hirehive", many, 0, with).has_value());
    atshook::HeaderFields long_one{{"X-A", std::string(8190, 'b'), 1}};
    CHECK(screen_request("POST", "/webhooks/hirehive", long_one, 0, with)->answer.status == 431);
}

TEST_CASE("a handler's answer is judged against the delivery's verdict") {
    atshook::delivery::HttpExchange ok;
    ok.status = 204;
    atshook::delivery::HttpExchange failed;
    failed.status = 500;
    const auto forged = judge(delivery_headers(k_body), R"({"a":1})");
    const auto good = judge(delivery_headers(k_body), k_body);
    const auto stale = judge(delivery_headers(k_body, k_now - 1000), k_body);
    using W = ForwardWarning;
    CHECK(forward_warnings(forged, ok, std::chrono::seconds{15}) ==
          std::vector<W>{W::accepted_forged});
    CHECK(forward_warnings(stale, ok, std::chrono::seconds{15}) ==
          std::vector<W>{W::accepted_stale});
    CHECK(forward_warnings(good, failed, std::chrono::seconds{15}) ==
          std::vector<W>{W::rejected_good});
    CHECK(forward_warnings(good, ok, std::chrono::seconds{15}).empty());
    CHECK(forward_warnings(forged, failed, std::chrono::seconds{15}).empty());
    ok.latency = std::chrono::seconds{16};
    CHECK(forward_warnings(good, ok, std::chrono::seconds{15}) == std::vector<W>{W::slow});
    atshook::delivery::HttpExchange moved;
    moved.status = 301;
    CHECK(forward_warnings(good, moved, std::chrono::seconds{15}) == std::vector<W>{W::redirect});
    CHECK(forward_warnings(good, {}, std::chrono::seconds{15}) == std::vector<W>{W::no_answer});
    CHECK(std::string(forward_warning_text(W::rejected_good)).find("re") != std::string::npos);
}

TEST_CASE("--events takes types and prefix globs, and refuses a type that does not exist") {
    const auto filter = EventFilter::parse("interview.*, job.created");
    CHECK(filter.shows("interview.cancelled"));
    CHECK(filter.shows("job.created"));
    CHECK_FALSE(filter.shows("job.updated"));
    CHECK_FALSE(filter.shows(""));
    CHECK(EventFilter::parse("").shows("job.updated"));
    CHECK(EventFilter::parse("*").shows(""));
    CHECK_THROWS_WITH_AS(EventFilter::parse("interview.create"),
                         doctest::Contains("did you mean \"interview.created\""), atshook::Error);
    CHECK_THROWS_AS(EventFilter::parse("offer.*"), atshook::Error);
}

TEST_CASE("a webhook-id seen again is a redelivery, and old ids are forgotten in bounded memory") {
    RedeliveryLog log(2);
    CHECK(log.record("a") == 1);
    CHECK(log.record("a") == 2);
    CHECK(log.record("b") == 1);
    CHECK(log.record("c") == 1); // a and b move to the previous generation
    CHECK(log.record("a") == 3);
    CHECK(log.record("d") == 1);
    CHECK(log.record("e") == 1); // the generation holding b is dropped
    CHECK(log.record("b") == 1);
}

TEST_CASE("capture file names sort by arrival and cannot leave the directory") {
    const auto arrival = std::chrono::sys_days{std::chrono::year{2026} / 11 / 29} +
                         std::chrono::hours{13} + std::chrono::minutes{51} +
                         std::chrono::microseconds{4'123'456};
    CHECK(capture_file_name(arrival, "msg_2Lx") == "20261129T135104.123456Z_msg_2Lx.http");
    CHECK(capture_file_name(arrival, "../../etc/passwd") ==
          "20261129T135104.123456Z_.._.._etc_passwd.http");
    CHECK(capture_file_name(arrival, "") == "20261129T135104.123456Z_no-id.http");
    CHECK(capture_file_name(arrival, std::string(100, 'x')).size() == 24 + 64 + 5);
}

TEST_CASE("the capture store writes whole files, numbers clashes and reports failures") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("ats-hook-store-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / ".ats-hook-tmp-0-left-by-a-crash.http") << "half";
    {
        CaptureStore store(dir, true);
        CHECK_FALSE(std::filesystem::exists(dir / ".ats-hook-tmp-0-left-by-a-crash.http"));
        std::vector<std::thread> writers;
        std::vector<std::string> names(8);
        for (std::size_t i = 0; i < names.size(); ++i)
            writers.emplace_back(
                [&, i] { names[i] = store.save("same.http", "bytes " + std::to_string(i)); });
        for (auto& writer : writers) writer.join();
        std::sort(names.begin(), names.end());
        CHECK(names.front() == "same-2.http");
        CHECK(names.back() == "same.http");
        CHECK(std::distance(std::filesystem::directory_iterator(dir),
                            std::filesystem::directory_iterator()) == 8);
    }
    std::stringstream content;
    content << std::ifstream(dir / "same.http").rdbuf();
    CHECK(content.str().starts_with("bytes "));
    std::filesystem::remove_all(dir);
    CHECK_THROWS_AS(CaptureStore("/proc/no-such-place/captures", false), atshook::Error);
}

TEST_CASE("a request file written from a received request reads back the same") {
    atshook::HttpRequest request{"POST",
                                 "/webhooks/hirehive?x=1",
                                 "HTTP/1.1",
                                 {{"Host", "127.0.0.1:8000", 1},
                                  {"Transfer-Encoding", "chunked", 2},
                                  {"webhook-id", "msg_1", 3}},
                                 "{\"a\":1}\r\n\r\nmore"};
    const std::string text = atshook::format_http_request(request);
    CHECK(text.find("Transfer-Encoding") == std::string::npos);
    const auto back = atshook::parse_http_request(text, "capture");
    CHECK(back.method == "POST");
    CHECK(back.target == "/webhooks/hirehive?x=1");
    CHECK(back.body == request.body);
    CHECK(back.headers.size() == 3); // Host, webhook-id, Content-Length
    CHECK(back.headers.back().value == "15");
    CHECK(atshook::starts_like_http_request(text));
    CHECK_FALSE(atshook::starts_like_http_request("{\"POST / HTTP/1.1\": 1}"));
}
