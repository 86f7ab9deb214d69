// learn::compare on profiles made from small hand-written payloads: one test per kind of change
// and the rule that says a rate changed.
#include "atshook/error.hpp"
#include "atshook/learn/drift.hpp"
#include "atshook/learn/profiler.hpp"
#include "atshook/learn/schema_model.hpp"

#include <doctest/doctest.h>

#include <fmt/core.h>

#include <string>
#include <vector>

using atshook::learn::ChangeKind;
using atshook::learn::Impact;
using atshook::learn::Profile;
using atshook::learn::Share;

namespace {

// A job.created payload whose data.object members are `members` (JSON text without braces).
std::string job(const std::string& members) {
    return R"({"type":"job.created","data":{"object":{)" + members + "}}}";
}

std::vector<std::string> times(std::size_t n, const std::string& payload) {
    return std::vector<std::string>(n, payload);
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

Profile profile_of(const std::vector<std::string>& payloads, const std::string& source) {
    static const atshook::learn::SchemaModels models;
    atshook::learn::Profiler profiler(models, {}, "test-schemas");
    std::uint64_t line = 0;
    for (const auto& payload : payloads) profiler.add(payload, source, ++line);
    return std::move(profiler.profile());
}

atshook::learn::Drift drift(const std::vector<std::string>& before,
                            const std::vector<std::string>& after) {
    return atshook::learn::compare(profile_of(before, "old.ndjson"),
                                   profile_of(after, "new.ndjson"));
}

// "breaking field-vanished /data/object/title" for each change, in order.
std::vector<std::string> lines(const atshook::learn::Drift& d) {
    std::vector<std::string> out;
    for (const auto& c : d.changes)
        out.push_back(fmt::format("{} {} {}", to_string(c.impact), to_string(c.kind), c.pointer));
    return out;
}

using Lines = std::vector<std::string>;

} // namespace

TEST_CASE("drift of a profile against itself finds nothing") {
    const auto payloads = times(3, job(R"("id":"job_a1B2c3","title":"Nurse","status":"open")"));
    const auto d = drift(payloads, payloads);
    CHECK(d.changes.empty());
    CHECK(d.breaking() == 0);
    CHECK(d.event_types == 1);
    CHECK(d.before_documents == 3);
}

TEST_CASE("drift reports a renamed field as vanished (breaking) and added (additive)") {
    const auto d = drift(times(2, job(R"("title":"Nurse")")), times(3, job(R"("name":"Nurse")")));
    CHECK(lines(d) == Lines{"breaking field-vanished /data/object/title",
                            "additive field-added /data/object/name"});
    const auto& vanished = d.changes[0];
    CHECK(vanished.before.count == 2);
    CHECK(vanished.before.of == 2);
    CHECK(vanished.after.of == 3);
    CHECK(vanished.first.source == "old.ndjson");
    CHECK(vanished.was == std::vector<std::string>{"string"});
    CHECK(d.changes[1].first.source == "new.ndjson");
    CHECK(d.changes[1].first.line == 1);
}

TEST_CASE("drift reports a new object once, not each member below it") {
    const auto d = drift(times(2, job(R"("title":"Nurse")")),
                         times(2, job(R"("title":"Nurse","pay":{"min":1,"max":2})")));
    CHECK(lines(d) == Lines{"additive field-added /data/object/pay"});
}

TEST_CASE("drift: presence is compared as a rate of the objects that could hold the member") {
    SUBCASE("always present, then sometimes absent: breaking") {
        const auto d = drift(times(2, job(R"("title":"A")")),
                             times(40, job(R"("title":"A")")) + times(1, job(R"("x":1)")));
        CHECK(lines(d) == Lines{"breaking presence-changed /data/object/title",
                                "additive field-added /data/object/x"});
        CHECK(d.changes[0].after.count == 40);
        CHECK(d.changes[0].after.of == 41);
    }
    SUBCASE("sometimes absent, then always present: additive") {
        const auto d = drift(times(1, job(R"("title":"A")")) + times(1, job(R"("x":1)")),
                             times(2, job(R"("title":"A","x":1)")));
        CHECK(lines(d) == Lines{"additive presence-changed /data/object/title",
                                "additive presence-changed /data/object/x"});
    }
    SUBCASE("a change of less than 10 points is no change") {
        const auto d = drift(times(20, job(R"("title":"A")")) + times(20, job(R"("x":1)")),
                             times(18, job(R"("title":"A")")) + times(22, job(R"("x":1)")));
        CHECK(d.changes.empty());
    }
    SUBCASE("10 points or more with 30 objects each side is a change") {
        const auto d = drift(times(20, job(R"("title":"A")")) + times(20, job(R"("x":1)")),
                             times(10, job(R"("title":"A")")) + times(30, job(R"("x":1)")));
        CHECK(lines(d) == Lines{"additive presence-changed /data/object/title",
                                "additive presence-changed /data/object/x"});
    }
    SUBCASE("with fewer than 30 objects on a side, only leaving or reaching 0 counts") {
        const auto d = drift(times(5, job(R"("title":"A")")) + times(5, job(R"("x":1)")),
                             times(1, job(R"("title":"A")")) + times(9, job(R"("x":1)")));
        CHECK(d.changes.empty());
    }
}

TEST_CASE("drift: types extended are breaking, narrowed additive, changed breaking") {
    SUBCASE("extended") {
        const auto d = drift(times(2, job(R"("n":1)")), {job(R"("n":1)"), job(R"("n":"one")")});
        CHECK(lines(d) == Lines{"breaking type-extended /data/object/n"});
        CHECK(d.changes[0].added == std::vector<std::string>{"string"});
        CHECK(d.changes[0].after.count == 1);
        CHECK(d.changes[0].first.line == 2);
    }
    SUBCASE("narrowed") {
        const auto d = drift({job(R"("n":1)"), job(R"("n":"one")")}, times(2, job(R"("n":1)")));
        CHECK(lines(d) == Lines{"additive type-narrowed /data/object/n"});
        CHECK(d.changes[0].removed == std::vector<std::string>{"string"});
    }
    SUBCASE("changed") {
        const auto d = drift(times(2, job(R"("n":1)")), times(2, job(R"("n":"one")")));
        CHECK(lines(d) == Lines{"breaking type-changed /data/object/n"});
        CHECK(d.changes[0].was == std::vector<std::string>{"integer"});
        CHECK(d.changes[0].now == std::vector<std::string>{"string"});
    }
}

TEST_CASE("drift: nulls appearing are breaking, and are no type change") {
    const auto never = times(3, job(R"("note":"x")"));
    const auto sometimes = times(2, job(R"("note":"x")")) + times(1, job(R"("note":null)"));
    const auto appear = drift(never, sometimes);
    CHECK(lines(appear) == Lines{"breaking null-rate-changed /data/object/note"});
    CHECK(appear.changes[0].after.count == 1);
    CHECK(appear.changes[0].after.of == 3);
    CHECK(appear.changes[0].first.line == 3);
    CHECK(lines(drift(sometimes, never)) == Lines{"additive null-rate-changed /data/object/note"});
}

TEST_CASE("drift: a new value of an enum-like member is breaking, a value gone additive") {
    const auto before = times(8, job(R"("stage":"open")")) + times(4, job(R"("stage":"closed")"));
    SUBCASE("extended") {
        const auto d = drift(before, times(3, job(R"("stage":"open")")) +
                                         times(1, job(R"("stage":"archived")")));
        CHECK(lines(d) == Lines{"breaking enum-extended /data/object/stage"});
        CHECK(d.changes[0].added == std::vector<std::string>{"\"archived\""});
        CHECK(d.changes[0].removed == std::vector<std::string>{"\"closed\""});
        CHECK(d.changes[0].after.count == 1);
    }
    SUBCASE("narrowed") {
        const auto d = drift(before, times(3, job(R"("stage":"open")")));
        CHECK(lines(d) == Lines{"additive enum-narrowed /data/object/stage"});
    }
    SUBCASE("values seen too few times are no enum") {
        const auto d = drift({job(R"("stage":"open")"), job(R"("stage":"closed")")},
                             {job(R"("stage":"archived")")});
        CHECK(d.changes.empty());
    }
    SUBCASE("ids that repeat are no enum") {
        const auto d = drift(times(8, job(R"("owner":"usr_a1B2c3")")),
                             times(8, job(R"("owner":"usr_z9Y8x7")")));
        CHECK(d.changes.empty());
    }
}

TEST_CASE("drift: a date-time sent in another form is a breaking format change") {
    SUBCASE("7 fractional digits, then 3") {
        const auto d = drift(times(2, job(R"("at":"2026-01-02T03:04:05.1234567Z")")),
                             times(2, job(R"("at":"2026-01-02T03:04:05.123Z")")));
        CHECK(lines(d) == Lines{"breaking format-changed /data/object/at"});
        CHECK(d.changes[0].was == std::vector<std::string>{"date-time Z .7"});
        CHECK(d.changes[0].now == std::vector<std::string>{"date-time Z .3"});
        CHECK(d.changes[0].after.count == 2);
        CHECK(d.changes[0].after.of == 2);
    }
    SUBCASE("Z, then +00:00") {
        const auto d = drift(times(2, job(R"("at":"2026-01-02T03:04:05Z")")),
                             times(2, job(R"("at":"2026-01-02T03:04:05+00:00")")));
        CHECK(lines(d) == Lines{"breaking format-changed /data/object/at"});
    }
    SUBCASE("a form no longer sent is additive") {
        const auto d = drift(
            {job(R"("at":"2026-01-02T03:04:05Z")"), job(R"("at":"2026-01-02T03:04:05.123Z")")},
            {job(R"("at":"2026-01-02T03:04:05Z")")});
        CHECK(lines(d) == Lines{"additive format-changed /data/object/at"});
    }
    SUBCASE("free text that once looks like an email is no format change") {
        const auto d = drift(times(2, job(R"("note":"call back")")),
                             {job(R"("note":"call back")"), job(R"("note":"a@b.example")")});
        CHECK(d.changes.empty());
    }
    SUBCASE("empty strings do not make a formatted member free text") {
        const auto d = drift({job(R"("at":"2026-01-02T03:04:05Z")"), job(R"("at":"")")},
                             times(2, job(R"("at":"2026-01-02T03:04:05.123Z")")));
        CHECK(lines(d) == Lines{"breaking format-changed /data/object/at"});
    }
}

TEST_CASE("drift: an id with another prefix, or none, is a breaking prefix change") {
    SUBCASE("another prefix") {
        const auto d = drift(times(2, job(R"("candidate":"can_a1B2c3")")),
                             times(2, job(R"("candidate":"cand_a1B2c3")")));
        CHECK(lines(d) == Lines{"breaking prefix-changed /data/object/candidate"});
        CHECK(d.changes[0].added == std::vector<std::string>{"cand_"});
    }
    SUBCASE("no prefix") {
        const auto d = drift(times(2, job(R"("candidate":"can_a1B2c3")")),
                             times(2, job(R"("candidate":"a1b2c3d4")")));
        CHECK(lines(d) == Lines{"breaking prefix-changed /data/object/candidate"});
        CHECK(d.changes[0].added == std::vector<std::string>{"(none)"});
        CHECK(d.changes[0].after.count == 2);
    }
}

TEST_CASE("drift: an event type new or gone is one line, not a line per field") {
    const std::string interview =
        R"({"type":"interview.created","data":{"object":{"id":"int_a1B2c3"}}})";
    const auto jobs = times(2, job(R"("title":"A")"));
    const auto added = drift(jobs, jobs + std::vector<std::string>{interview});
    CHECK(lines(added) == Lines{"additive event-type-added "});
    CHECK(added.changes[0].event == "interview.created");
    CHECK(added.changes[0].after.count == 1);
    CHECK(added.changes[0].after.of == 3);
    const auto vanished = drift(jobs + std::vector<std::string>{interview}, jobs);
    CHECK(lines(vanished) == Lines{"breaking event-type-vanished "});
    CHECK(vanished.changed_event_types() == 1);
    CHECK(vanished.event_types == 2);
}

TEST_CASE("drift of one event type leaves the others out") {
    const std::string interview =
        R"({"type":"interview.created","data":{"object":{"id":"int_a1B2c3"}}})";
    const auto before = profile_of(times(2, job(R"("title":"A")")), "old");
    const auto after = profile_of({job(R"("name":"A")"), interview}, "new");
    CHECK(atshook::learn::compare(before, after, "job.created").changes.size() == 2);
    CHECK(atshook::learn::compare(before, after, "interview.created").changes.size() == 1);
}

TEST_CASE("drift refuses profiles of other schema versions or value choices") {
    const auto payloads = times(2, job(R"("title":"A")"));
    Profile before = profile_of(payloads, "old"), after = profile_of(payloads, "new");
    after.schema_version = "other";
    CHECK_THROWS_WITH_AS(atshook::learn::require_comparable(before, "a.json", after, "b.json"),
                         "a.json was made for schema version test-schemas and b.json for other: "
                         "profiles of different schemas cannot be compared; learn both again "
                         "with the same ats-hook",
                         atshook::Error);
    after.schema_version = before.schema_version;
    after.show_values = true;
    CHECK_THROWS_AS(atshook::learn::compare(before, after), atshook::Error);
}

TEST_CASE("a rate changed when it leaves or reaches 0, or by 10 points with 30 on each side") {
    using atshook::learn::rate_changed;
    CHECK(rate_changed(Share{0, 1}, Share{1, 1000}));
    CHECK(rate_changed(Share{5, 5}, Share{0, 3}));
    CHECK_FALSE(rate_changed(Share{0, 5}, Share{0, 3}));
    CHECK_FALSE(rate_changed(Share{1, 2}, Share{1, 20}));    // too few on one side
    CHECK(rate_changed(Share{15, 30}, Share{12, 30}));       // 50% to 40%
    CHECK_FALSE(rate_changed(Share{15, 30}, Share{13, 30})); // 50% to 43%
    CHECK_FALSE(rate_changed(Share{0, 0}, Share{1, 30}));    // nothing to compare with
}
