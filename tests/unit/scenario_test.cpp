#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/sample/scenario.hpp"
#include "atshook/sample/scenario/office_hours.hpp"
#include "atshook/validation.hpp"

#include <date/tz.h>
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <regex>
#include <set>

namespace {

using Json = nlohmann::ordered_json;
using atshook::sample::Envelope;
using atshook::sample::Event;
using atshook::sample::Scenario;
using atshook::sample::ScenarioOptions;

const atshook::Instant k_start = atshook::parse_instant("2024-05-06T10:00:00Z", "test");

std::vector<Event> story(std::uint64_t seed, std::size_t candidates,
                         Envelope envelope = Envelope::data_object) {
    Scenario scenario({seed, k_start, candidates, envelope});
    std::vector<Event> events;
    while (auto event = scenario.next()) events.push_back(std::move(*event));
    CHECK(events.size() == scenario.size());
    return events;
}

const Json& object_of(const Event& event) {
    return event.payload["data"]["object"];
}

std::string type_of(const Event& event) {
    return event.payload["type"].get<std::string>();
}

atshook::Instant instant(const Json& text) {
    return atshook::parse_instant(text.get<std::string>(), "test");
}

void walk(const Json& value, const std::function<void(const Json&)>& visit) {
    visit(value);
    if (value.is_structured())
        for (const auto& child : value) walk(child, visit);
}

// The ids of things the story's events create and refer to (tags, files and the like are
// checked for agreement by other tests).
const std::regex k_story_id("^(job|can|app|int|fdbk|note|usr)_[A-Za-z0-9]+$");

} // namespace

TEST_CASE("scenario office hours run 09:00 to 17:00 on weekdays of the zone, across DST") {
    using namespace std::chrono_literals;
    const auto at = [](const char* text) { return atshook::parse_instant(text, "test"); };
    // Friday 16:00 in Dublin (UTC+1 in May): one hour left, then Monday.
    const atshook::sample::OfficeHours dublin("Europe/Dublin", at("2024-05-10T15:00:00Z"));
    CHECK(dublin.start() == 7h);
    CHECK(dublin.at(dublin.start()) == at("2024-05-10T15:00:00Z"));
    CHECK(dublin.at(dublin.start() + 1h) == at("2024-05-13T08:00:00Z"));
    CHECK(dublin.at(dublin.start() + 8h) == at("2024-05-13T15:00:00Z"));
    CHECK(dublin.at(dublin.start() + 5 * 8h) == at("2024-05-17T15:00:00Z"));
    // A Saturday, or a weekday evening, starts at the next opening.
    CHECK(atshook::sample::OfficeHours("Asia/Tokyo", at("2024-05-11T03:00:00Z")).start() == 0s);
    const atshook::sample::OfficeHours evening("Asia/Tokyo", at("2024-05-08T10:00:00Z"));
    CHECK(evening.at(evening.start()) == at("2024-05-09T00:00:00Z"));
    // New York moves to daylight time on Sunday 10 March 2024.
    const atshook::sample::OfficeHours york("America/New_York", at("2024-03-08T21:00:00Z"));
    CHECK(york.at(york.start() + 8h) == at("2024-03-11T20:00:00Z"));
}

TEST_CASE("a hiring scenario is byte-identical for the same options, another for another seed") {
    const auto first = story(7, 6);
    const auto again = story(7, 6);
    const auto other = story(8, 6);
    REQUIRE(first.size() == again.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(first[i].id == again[i].id);
        CHECK(first[i].payload.dump() == again[i].payload.dump());
    }
    CHECK(first.front().payload.dump() != other.front().payload.dump());
}

TEST_CASE("every event of a hiring scenario is valid under --strict, with no findings") {
    atshook::ValidateOptions options;
    options.strictness = atshook::Strictness::strict;
    atshook::Validator validator(options);
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        const auto envelope = seed % 4 == 0 ? Envelope::flat : Envelope::data_object;
        for (const auto& event : story(seed, 8, envelope)) {
            const std::string body = event.payload.dump();
            const auto result = validator.validate(body);
            INFO(body);
            CHECK(result.status == atshook::DocumentResult::Status::valid);
            CHECK(result.findings.empty());
            CHECK(result.event_type == type_of(event));
        }
    }
}

TEST_CASE("every id a scenario event refers to was introduced by an earlier event") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        std::set<std::string> known, deleted;
        for (const auto& event : story(seed, 6)) {
            const std::string type = type_of(event);
            const Json& object = object_of(event);
            if (type == "job.created")
                walk(object, [&](const Json& value) {
                    if (value.is_string() && value.get<std::string>().starts_with("usr_"))
                        known.insert(value.get<std::string>());
                });
            if (type == "job.created" || type == "interview.created" ||
                type == "feedback.requested" || type == "candidate.note.created")
                CHECK(known.insert(object["id"].get<std::string>()).second);
            if (type == "application.created") {
                CHECK(known.insert(object["id"].get<std::string>()).second);
                CHECK(known.insert(object["candidate"]["id"].get<std::string>()).second);
            }
            walk(event.payload, [&](const Json& value) {
                if (!value.is_string() || !std::regex_match(value.get<std::string>(), k_story_id))
                    return;
                INFO(type, " refers to ", value);
                CHECK(known.count(value.get<std::string>()) == 1);
                CHECK(deleted.count(value.get<std::string>()) == 0);
            });
            if (type == "application.deleted") deleted.insert(object["id"].get<std::string>());
        }
    }
}

TEST_CASE("scenario interviews, feedback and notes name the application's candidate and job") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        std::string job;
        std::map<std::string, std::string> candidate_of;    // application id -> candidate id
        std::map<std::string, std::set<std::string>> panel; // interview id -> attendee ids
        for (const auto& event : story(seed, 6)) {
            const std::string type = type_of(event);
            const Json& object = object_of(event);
            INFO(object.dump());
            if (type == "job.created") job = object["id"];
            if (type.starts_with("job.")) CHECK(object["id"] == job);
            if (type.starts_with("application.")) {
                CHECK(object["job"]["id"] == job);
                CHECK(object["candidate"]["application_ids"] == Json::array({object["id"]}));
                if (type == "application.created")
                    candidate_of[object["id"]] = object["candidate"]["id"];
                CHECK(candidate_of.at(object["id"]) == object["candidate"]["id"]);
            }
            if (type.starts_with("interview.")) {
                CHECK(object["job_id"] == job);
                CHECK(candidate_of.at(object["application_id"]) == object["candidate_id"]);
                std::set<std::string> attendees;
                for (const auto& attendee : object["event"]["attendees"]) {
                    attendees.insert(attendee["id"].get<std::string>());
                    if (attendee["type"] == "candidate")
                        CHECK(attendee["application_id"] == object["application_id"]);
                }
                if (type == "interview.created") panel[object["id"]] = attendees;
                CHECK(panel.at(object["id"]) == attendees);
            }
            if (type.starts_with("feedback."))
                CHECK(candidate_of.at(object["application_id"]) == object["candidate"]["id"]);
            if (type.starts_with("candidate.note."))
                CHECK(candidate_of.count(object["share"]["application_id"]) == 1);
        }
    }
}

TEST_CASE("scenario times strictly increase and fall in office hours of the job's time zone") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const auto events = story(seed, 10);
        std::string zone_name;
        for (const auto& event : events)
            if (type_of(event) == "interview.created")
                zone_name = object_of(event)["event"]["time_zone"];
        REQUIRE_FALSE(zone_name.empty());
        const auto* zone = date::locate_zone(zone_name);
        std::optional<atshook::Instant> before;
        for (const auto& event : events) {
            const auto when = instant(event.payload["timestamp"]);
            INFO(type_of(event), " at ", event.payload["timestamp"], " in ", zone_name);
            CHECK(when >= k_start);
            if (before) CHECK(*before < when);
            before = when;
            const auto local = zone->to_local(when);
            const auto day = std::chrono::floor<date::days>(local);
            CHECK(date::weekday{day} != date::Saturday);
            CHECK(date::weekday{day} != date::Sunday);
            CHECK(local - day >= std::chrono::hours{9});
            CHECK(local - day < std::chrono::hours{17});
            if (type_of(event).starts_with("interview."))
                CHECK(object_of(event)["event"]["time_zone"] == zone_name);
        }
    }
}

TEST_CASE("a scenario books interviews days ahead in office hours, feedback follows their end") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        std::map<std::string, atshook::Instant> ends; // application id -> last interview's end
        for (const auto& event : story(seed, 8)) {
            const std::string type = type_of(event);
            const Json& object = object_of(event);
            const auto sent = instant(event.payload["timestamp"]);
            INFO(object.dump());
            if (type == "interview.created" || type == "interview.updated") {
                const auto start = instant(object["event"]["start"]);
                const auto end = instant(object["event"]["end"]);
                CHECK(object["event"]["status"] == "active");
                CHECK(start - sent > std::chrono::hours{16});
                CHECK(end - start <= std::chrono::minutes{90});
                const auto* zone =
                    date::locate_zone(object["event"]["time_zone"].get<std::string>());
                const auto day = std::chrono::floor<date::days>(zone->to_local(start));
                CHECK(zone->to_local(start) - day >= std::chrono::hours{9});
                CHECK(zone->to_local(end) - day <= std::chrono::hours{17});
                ends[object["application_id"]] = end;
            }
            if (type == "interview.cancelled") {
                CHECK(object["event"]["status"] == "cancelled");
                CHECK(instant(object["event"]["start"]) > sent);
                ends.erase(object["application_id"]);
            }
            if (type == "feedback.requested") {
                REQUIRE(ends.count(object["application_id"]) == 1);
                CHECK(ends.at(object["application_id"]) < sent);
                CHECK(object["status"] == "pending");
            }
            if (type == "feedback.submitted" || type == "feedback.updated") {
                CHECK(object["status"] == "complete");
                CHECK(instant(object["date_created"]) < instant(object["date_complete"]));
            }
        }
    }
}

TEST_CASE("a scenario of N candidates has N applications from N people, about 5 events each") {
    for (const std::size_t n : {1u, 2u, 4u, 9u, 60u, 200u}) {
        const auto events = story(n, n);
        std::set<std::string> applications, candidates;
        for (const auto& event : events)
            if (type_of(event) == "application.created") {
                applications.insert(object_of(event)["id"].get<std::string>());
                candidates.insert(object_of(event)["candidate"]["id"].get<std::string>());
            }
        INFO(n, " candidates: ", events.size(), " events");
        CHECK(applications.size() == n);
        CHECK(candidates.size() == n);
        CHECK(events.size() >= 3 * n + 4);
        CHECK(events.size() <= 7 * n + 60); // the four showcase parts make about 60
        CHECK(type_of(events.front()) == "job.created");
    }
}

TEST_CASE("a scenario of 4+ candidates hires one, rejects some, moves and cancels interviews") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const std::size_t n = 4 + seed % 5;
        const auto events = story(seed, n);
        std::map<std::string, std::string> stage; // application id -> parent stage at the end
        std::map<std::string, int> count;
        for (const auto& event : events) {
            const std::string type = type_of(event);
            ++count[type];
            if (type.starts_with("application."))
                stage[object_of(event)["id"]] = object_of(event)["stage"]["parent_stage"];
            if (type == "application.deleted") stage[object_of(event)["id"]] = "deleted";
        }
        std::map<std::string, int> outcomes;
        for (const auto& [id, parent] : stage) ++outcomes[parent];
        INFO("seed ", seed, ", ", n, " candidates");
        CHECK(outcomes["hired"] == 1);
        CHECK(outcomes["rejected"] >= 2);
        CHECK(outcomes["hired"] + outcomes["rejected"] + outcomes["deleted"] == n);
        CHECK(count["interview.updated"] >= 1);
        CHECK(count["interview.cancelled"] >= 1);
        // Each of the 19 types but job.deleted, and the round ends with the job closed.
        for (const auto& info : atshook::all_events())
            CHECK((count[std::string(info.name)] > 0) == (info.name != "job.deleted"));
        CHECK(type_of(events.back()) == "job.status.updated");
        CHECK(object_of(events.back())["status"] == "closed");
    }
}

TEST_CASE("a scenario gives one id to each pipeline stage, tag and the feedback form") {
    std::map<std::string, std::set<std::string>> stage_ids, tag_ids;
    std::set<std::string> forms;
    for (const auto& event : story(3, 40)) {
        const std::string type = type_of(event);
        const Json& object = object_of(event);
        if (type.starts_with("application.")) {
            const Json& custom = object["stage"]["custom_stage"];
            stage_ids[custom["name"]].insert(custom["id"].get<std::string>());
        }
        const Json& candidate = type.starts_with("application.") ? object["candidate"] : object;
        if (type.starts_with("application.") || type.starts_with("candidate.tag."))
            for (const auto& tag : candidate["tags"])
                tag_ids[tag["name"]].insert(tag["id"].get<std::string>());
        if (type.starts_with("feedback.")) forms.insert(object["form_id"].get<std::string>());
    }
    CHECK(stage_ids.size() >= 6);
    for (const auto& [name, ids] : stage_ids) CHECK(ids.size() == 1);
    CHECK_FALSE(tag_ids.empty());
    for (const auto& [name, ids] : tag_ids) CHECK(ids.size() == 1);
    CHECK(forms.size() == 1);
}

TEST_CASE("a scenario of more than 2000 candidates is a usage error") {
    try {
        Scenario scenario({1, k_start, atshook::sample::k_max_candidates + 1});
        FAIL("no error");
    } catch (const atshook::Error& e) {
        CHECK(e.kind() == atshook::Error::Kind::usage);
        CHECK(std::string(e.what()).find("2000") != std::string::npos);
    }
}
