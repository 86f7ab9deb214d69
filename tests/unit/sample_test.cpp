#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/sample/event_stream.hpp"
#include "atshook/sample/sample.hpp"
#include "atshook/validation.hpp"

#include <date/tz.h>
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

namespace {

using Json = nlohmann::ordered_json;
using atshook::sample::Envelope;
using atshook::sample::Generator;

const atshook::Instant k_now = atshook::parse_instant("2024-05-06T10:00:00Z", "test");

// Every event of every type for seeds 1..50, built once and shared by the tests below.
const std::vector<atshook::sample::Event>& corpus() {
    static const auto events = [] {
        std::vector<atshook::sample::Event> built;
        for (std::uint64_t seed = 1; seed <= 50; ++seed) {
            Generator generator({seed, k_now, Envelope::data_object});
            for (const auto& event : atshook::all_events())
                built.push_back(generator.build(event.name));
        }
        return built;
    }();
    return events;
}

const Json& object_of(const atshook::sample::Event& event) {
    return event.payload["data"]["object"];
}

void walk(const Json& value, const std::string& key,
          const std::function<void(const std::string&, const Json&)>& visit) {
    visit(key, value);
    if (value.is_object())
        for (const auto& [name, child] : value.items()) walk(child, name, visit);
    if (value.is_array())
        for (const auto& child : value) walk(child, key, visit);
}

atshook::Instant instant(const Json& text) {
    return atshook::parse_instant(text.get<std::string>(), "test");
}

} // namespace

TEST_CASE("every written event of the 19 types, 400 seeds and both envelopes is valid under "
          "--strict, with no warnings, and is the compact form of its own tree") {
    // emit does not validate what it generates: this test is what promises it.
    atshook::ValidateOptions options;
    options.strictness = atshook::Strictness::strict;
    atshook::Validator validator(options);
    std::string body;
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
        const Envelope envelope = seed % 4 == 0 ? Envelope::flat : Envelope::data_object;
        const Generator generator({seed * 7919, k_now, envelope});
        for (const auto& event : atshook::all_events()) {
            const std::string id = generator.write(event.name, seed % 3, body);
            const auto result = validator.validate(body);
            INFO(event.name, " seed ", seed * 7919, ": ", body);
            CHECK(result.status == atshook::DocumentResult::Status::valid);
            CHECK(result.findings.empty());
            CHECK(result.event_type == event.name);
            const Json tree = Json::parse(body);
            CHECK(tree.dump() == body);
            CHECK(id.starts_with("wbhk_evt_"));
            if (envelope == Envelope::data_object) CHECK(tree["id"] == id);
        }
    }
}

TEST_CASE("build gives the tree of the bytes write gives") {
    const Generator generator({3, k_now, Envelope::data_object});
    std::string body;
    for (const auto& info : atshook::all_events()) {
        const std::string id = generator.write(info.name, 2, body);
        const auto event = generator.build(info.name, 2);
        CHECK(event.id == id);
        CHECK(event.payload.dump() == body);
    }
}

TEST_CASE("events made by several threads at once are the events made one at a time") {
    atshook::sample::StreamOptions options;
    options.types = {"all"};
    options.count = 40;
    options.at = "2024-05-06T10:00:00Z";
    const auto one_at_a_time = [&] {
        atshook::sample::EventStream stream(options, 17);
        std::vector<std::string> bodies;
        while (auto event = stream.next()) bodies.push_back(event->body);
        return bodies;
    }();
    REQUIRE(one_at_a_time.size() == 19 * 40);

    atshook::sample::EventStream stream(options, 17);
    std::mutex lock;
    std::vector<std::string> together;
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            while (auto event = stream.next()) {
                const std::lock_guard guard(lock);
                together.push_back(event->body);
            }
        });
    for (auto& thread : threads) thread.join();
    std::set<std::string> a(one_at_a_time.begin(), one_at_a_time.end());
    std::set<std::string> b(together.begin(), together.end());
    CHECK(together.size() == one_at_a_time.size());
    CHECK(a == b);
    CHECK(a.size() == one_at_a_time.size());
}

TEST_CASE("the flat envelope is {type, timestamp, data: object} and valid under --strict") {
    atshook::ValidateOptions options;
    options.strictness = atshook::Strictness::strict;
    atshook::Validator validator(options);
    Generator generator({9, k_now, Envelope::flat});
    for (const auto& info : atshook::all_events()) {
        const auto event = generator.build(info.name);
        CHECK(event.payload.size() == 3);
        CHECK(event.payload["type"] == info.name);
        CHECK(event.payload["data"].contains("id"));
        CHECK(event.id.starts_with("wbhk_evt_"));
        CHECK(validator.validate(event.payload.dump()).findings.empty());
    }
}

TEST_CASE("the same seed and time give the same bytes, another seed gives other data") {
    Generator first({77, k_now, Envelope::data_object});
    Generator second({77, k_now, Envelope::data_object});
    Generator other({78, k_now, Envelope::data_object});
    for (const auto& info : atshook::all_events()) {
        const auto a = first.build(info.name).payload.dump();
        CHECK(a == second.build(info.name).payload.dump());
        CHECK(a != other.build(info.name).payload.dump());
    }
}

TEST_CASE("an event does not depend on which other types are built in the same run") {
    Generator alone({5, k_now, Envelope::data_object});
    Generator all({5, k_now, Envelope::data_object});
    all.build("job.created");
    all.build("feedback.updated");
    CHECK(all.build("interview.created", 1).payload == alone.build("interview.created", 1).payload);
}

TEST_CASE("the envelope carries the event time in .NET's 7-digit form and a wbhk_evt_ id") {
    Generator generator(
        {1, atshook::parse_instant("2024-01-24T14:59:34.5220878Z", "t"), Envelope::data_object});
    const auto event = generator.build("application.created");
    CHECK(event.payload["timestamp"] == "2024-01-24T14:59:34.5220878Z");
    CHECK(event.payload["version"] == 1);
    CHECK(event.payload["id"] == event.id);
}

TEST_CASE("ids carry their documented prefix and are unique across a run") {
    static const std::map<std::string, std::string> prefixes{
        {"candidate_id", "can_"},    {"application_id", "app_"},
        {"job_id", "job_"},          {"organizer_id", "usr_"},
        {"user_id", "usr_"},         {"owner_id", "usr_"},
        {"form_id", "form_"},        {"question_id", "qustn_"},
        {"option_id", "opt_"},       {"guest_id", "gst_"},
        {"application_ids", "app_"}, {"assigned_users", "usr_"},
        {"recruiter_ids", "usr_"},   {"additional_form_ids", "form_"},
        {"interviews", "int_"},      {"feedback", "fdbk_"},
        {"mentioned_users", "usr_"}};
    const std::regex shape("^[a-z_]+_[A-Za-z0-9]+$");
    std::set<std::string> primary;
    for (const auto& event : corpus()) {
        CHECK(primary.insert(event.id).second);
        CHECK(primary.insert(object_of(event)["id"].get<std::string>()).second);
        walk(event.payload, "", [&](const std::string& key, const Json& value) {
            if (!value.is_string()) return;
            const auto found = prefixes.find(key);
            if (found == prefixes.end()) return;
            const auto text = value.get<std::string>();
            INFO(key, " = ", text);
            CHECK(text.starts_with(found->second));
            CHECK(std::regex_match(text, shape));
        });
    }
}

TEST_CASE("every email address is at example.com or example.org") {
    const std::regex address("^[a-z0-9._]+@example\\.(com|org)$");
    std::size_t seen = 0;
    for (const auto& event : corpus())
        walk(event.payload, "", [&](const std::string& key, const Json& value) {
            if (!value.is_string() || (key != "email" && key != "new_application_email")) return;
            ++seen;
            INFO(value);
            CHECK(std::regex_match(value.get<std::string>(), address));
        });
    CHECK(seen > 1000);
}

TEST_CASE("the data is varied: many names, cities, zones, titles") {
    std::set<std::string> names, zones, titles, countries;
    for (const auto& event : corpus()) {
        const Json& object = object_of(event);
        if (object.contains("full_name")) names.insert(object["full_name"]);
        if (object.contains("event")) zones.insert(object["event"]["time_zone"]);
        if (object.contains("title") && object.contains("job_code")) titles.insert(object["title"]);
        if (object.contains("location") && object["location"].contains("country"))
            countries.insert(object["location"]["country"]["code"]);
    }
    CHECK(names.size() >= 120); // candidate.updated and the two tag events: 150 candidates
    CHECK(zones.size() >= 12);
    CHECK(titles.size() >= 15);
    CHECK(countries.size() >= 12);
}

TEST_CASE("an interview agrees with its candidate attendee and falls in office hours of its zone") {
    for (const auto& event : corpus()) {
        const std::string type = event.payload["type"];
        if (!type.starts_with("interview.")) continue;
        const Json& interview = object_of(event);
        const Json& when = interview["event"];
        INFO(interview.dump());
        CHECK((when["status"] == "cancelled") == (type == "interview.cancelled"));
        if (type == "interview.created") CHECK(when["status"] == "active");

        int candidates = 0;
        bool organizer_attends = false;
        std::set<std::string> attendee_ids;
        for (const auto& attendee : when["attendees"]) {
            CHECK(attendee_ids.insert(attendee["id"]).second);
            if (attendee["type"] == "candidate") {
                ++candidates;
                CHECK(attendee["application_id"] == interview["application_id"]);
                CHECK(attendee["user_id"].is_null());
            } else {
                CHECK(attendee["application_id"].is_null());
                CHECK(attendee["user_id"].is_null() == (attendee["type"] == "guest"));
            }
            organizer_attends = organizer_attends || attendee["user_id"] == when["organizer_id"];
        }
        CHECK(candidates == 1);
        CHECK(organizer_attends);

        const auto start = instant(when["start"]);
        const auto end = instant(when["end"]);
        CHECK(start < end);
        CHECK(end - start <= std::chrono::minutes{90});
        const auto* zone = date::locate_zone(when["time_zone"].get<std::string>());
        const auto local_start = zone->to_local(std::chrono::floor<std::chrono::seconds>(start));
        const auto local_end = zone->to_local(std::chrono::floor<std::chrono::seconds>(end));
        const auto day = std::chrono::floor<date::days>(local_start);
        const date::weekday weekday{day};
        CHECK(weekday != date::Saturday);
        CHECK(weekday != date::Sunday);
        CHECK(local_start - day >= std::chrono::hours{9});
        CHECK(local_end - day <= std::chrono::hours{17});
        CHECK((when["status"] == "past") == (start < k_now));

        const bool online = when["type"] == "online";
        CHECK(online == (interview["meta"]["online_meeting_type"] != "unknown"));
        CHECK(online ==
              interview["meta"]["meeting_url"].get<std::string>().starts_with("https://"));
    }
}

TEST_CASE("submitted feedback is complete, with answers that fit each question type") {
    for (const auto& event : corpus()) {
        const std::string type = event.payload["type"];
        if (!type.starts_with("feedback.")) continue;
        const Json& feedback = object_of(event);
        const bool pending = type == "feedback.requested";
        INFO(feedback.dump());
        CHECK(feedback["status"] == (pending ? "pending" : "complete"));
        CHECK(feedback["date_complete"].is_null() == pending);
        if (!pending) {
            CHECK(instant(feedback["date_created"]) <= instant(feedback["date_complete"]));
            CHECK(instant(feedback["date_complete"]) <= k_now);
        }
        for (const auto& question : feedback["questions"]) {
            const std::string kind = question["type"];
            const Json& answer = question["answer"];
            std::set<std::string> options;
            for (const auto& option : question["options"]) options.insert(option["id"]);
            CHECK(answer["question_id"] == question["id"]);
            const bool text = !pending && (kind == "textbox" || kind == "text_area");
            CHECK(answer["text"].is_string() == text);
            CHECK(answer["ratings"].is_array() == (!pending && kind == "scorecard"));
            CHECK(answer["selected_options"].is_array() == (!pending && kind == "checkbox"));
            CHECK(answer["selected_option"].is_string() ==
                  (!pending && (kind == "radio" || kind == "dropdown")));
            if (answer["ratings"].is_array()) {
                CHECK(answer["ratings"].size() == options.size());
                for (const auto& rating : answer["ratings"]) {
                    CHECK(options.count(rating["option_id"]) == 1);
                    CHECK(rating["rating"] >= 1);
                    CHECK(rating["rating"] <= 5);
                }
            }
            if (answer["selected_options"].is_array()) {
                CHECK_FALSE(answer["selected_options"].empty());
                for (const auto& id : answer["selected_options"]) CHECK(options.count(id) == 1);
            }
            if (answer["selected_option"].is_string())
                CHECK(options.count(answer["selected_option"]) == 1);
        }
    }
}

TEST_CASE("jobs, applications and notes keep their dates and states consistent") {
    for (const auto& event : corpus()) {
        const std::string type = event.payload["type"];
        const Json& object = object_of(event);
        INFO(object.dump());
        if (type.starts_with("job.")) {
            CHECK(object["published_date"].is_null() == (object["status"] == "drafted"));
            CHECK(instant(object["created_date"]) <= k_now);
            if (!object["published_date"].is_null()) {
                CHECK(instant(object["created_date"]) <= instant(object["published_date"]));
                CHECK(instant(object["published_date"]) <= k_now);
            }
            const Json& responder = object["auto_responder"];
            CHECK(responder["email_subject"].is_null() == responder["email_body"].is_null());
            CHECK(object["assigned_team"]["assigned_users"][0] == object["owner_id"]);
        }
        if (type.starts_with("application.")) {
            CHECK(instant(object["applied_at"]) <= k_now);
            CHECK(object["candidate"]["application_ids"][0] == object["id"]);
            if (type == "application.created") CHECK(object["stage"]["parent_stage"] == "new");
            const Json& source = object["source"];
            CHECK(source["contact"].is_null() == (source["origin"] != "referred"));
            CHECK(source["user"].is_null() == (source["origin"] != "added"));
            CHECK(source["recruiter"].is_null() == (source["origin"] != "agency_submission"));
        }
        if (type.starts_with("candidate.note.")) {
            CHECK(instant(object["date_created"]) <= k_now);
            CHECK(object["share"]["sender"]["id"] == object["creator"]["user_id"]);
        }
        if (type == "candidate.tag.added") CHECK_FALSE(object["tags"].empty());
    }
}

TEST_CASE("an unknown type is a usage error that suggests the nearest real one") {
    Generator generator({1, k_now, Envelope::data_object});
    try {
        generator.build("interview.create");
        FAIL("no error");
    } catch (const atshook::Error& e) {
        CHECK(e.kind() == atshook::Error::Kind::usage);
        CHECK(std::string(e.what()).find("interview.created") != std::string::npos);
    }
    const std::vector<std::string> names{"job.created", "all"};
    const auto types = atshook::sample::expand_types(names);
    CHECK(types.size() == 20);
    CHECK(types[1] == "job.created");
    CHECK(types.back() == "interview.cancelled");
}
