#include "atshook/batch_validation.hpp"
#include "atshook/report/emitter.hpp"

#include <doctest/doctest.h>

#include <string>
#include <thread>

namespace {

// An NDJSON log of valid, invalid (one error, one warning), malformed and blank lines.
std::string mixed_log(int lines) {
    std::string log;
    for (int i = 0; i < lines; ++i) {
        const std::string id = "job_" + std::to_string(i);
        switch (i % 7) {
        case 3:
            log += R"({"type": "job.created", "timestamp": "2024-01-24T14:59:34Z", "data": )"
                   R"({"object": {"id": "oops_)" +
                   std::to_string(i) + R"(", "title": "Backend Engineer"}}})" + "\n";
            break;
        case 4:
            log += R"({"type": "job.created", "timestamp": "2024-01-24T14:59:34Z", "data": )"
                   R"({"object": {"id": ")" +
                   id + R"(", "colour": "blue"}}})" + "\n";
            break;
        case 5:
            log += "{\"type\": \"job.created\", \n";
            break;
        case 6:
            log += "  \n";
            break;
        default:
            log += R"({"type": "job.created", "timestamp": "2024-01-24T14:59:34.5220878Z", )"
                   R"("data": {"object": {"id": ")" +
                   id + R"(", "title": "Backend Engineer", "status": "published"}}})" + "\n";
        }
    }
    return log;
}

struct Run {
    std::string text;
    atshook::report::Tally tally;
    std::size_t reports = 0;
    bool on_calling_thread = true;
};

Run validate(const std::string& log, unsigned jobs, std::size_t chunk_bytes) {
    auto reader = atshook::InputReader::from_bytes(log, "log.ndjson");
    const auto emitter = atshook::report::make_text_emitter(false);
    const auto caller = std::this_thread::get_id();
    Run run;
    atshook::validate_input(
        reader, {}, emitter.get(), jobs, atshook::k_default_max_bytes,
        [&](const atshook::ChunkReport& report) {
            run.text += report.text;
            run.tally.add(report.tally);
            ++run.reports;
            run.on_calling_thread = run.on_calling_thread && std::this_thread::get_id() == caller;
        },
        chunk_bytes);
    return run;
}

} // namespace

TEST_CASE("validate_input reports the same, in input order, on 1, 2 and 4 threads") {
    const std::string log = mixed_log(3000);
    const Run one = validate(log, 1, 4096);
    CHECK(one.tally.documents == 3000 - 3000 / 7);
    CHECK(one.tally.unreadable > 0);
    CHECK(one.tally.invalid > 0);
    CHECK(one.tally.warnings > 0);
    CHECK(one.reports > 50);
    for (const unsigned jobs : {2u, 4u}) {
        CAPTURE(jobs);
        const Run many = validate(log, jobs, 4096);
        CHECK(many.text == one.text);
        CHECK(many.reports == one.reports);
        CHECK(many.tally.documents == one.tally.documents);
        CHECK(many.tally.valid == one.tally.valid);
        CHECK(many.tally.invalid == one.tally.invalid);
        CHECK(many.tally.unreadable == one.tally.unreadable);
        CHECK(many.tally.errors == one.tally.errors);
        CHECK(many.tally.warnings == one.tally.warnings);
        CHECK(many.on_calling_thread);
    }
}

TEST_CASE("validate_input names every finding's line, whatever the chunk size") {
    const std::string log = mixed_log(200);
    const Run whole = validate(log, 1, atshook::k_validation_chunk_bytes);
    CHECK(whole.text.find("log.ndjson:4:") != std::string::npos); // the first invalid line
    CHECK(whole.text.find("log.ndjson:6:") != std::string::npos); // the first malformed one
    for (const std::size_t chunk_bytes : {std::size_t{1}, std::size_t{100}, std::size_t{5000}}) {
        CAPTURE(chunk_bytes);
        CHECK(validate(log, 2, chunk_bytes).text == whole.text);
    }
}
