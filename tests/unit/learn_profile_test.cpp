// The counters of `learn`: classification of strings, the order of "first" places, capped sets,
// and the property users rely on when they split a corpus: profiles merge exactly.
#include "atshook/error.hpp"
#include "atshook/learn/profile.hpp"
#include "atshook/learn/profile_file.hpp"
#include "atshook/learn/profiler.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace atshook::learn;

namespace {

const SchemaModels& models() {
    static const SchemaModels shipped;
    return shipped;
}

std::string interview(const std::string& id, const std::string& type, const std::string& extra = "") {
    return R"({"id":"wbhk_evt_1","version":1,"type":"interview.created","timestamp":"2024-01-24T14:59:34.5220878Z","data":{"object":{"id":")" +
           id + R"(","event":{"type":")" + type + R"(","attendees":[{"id":"att_A1b2c3"},{"id":"att_B2c3d4"}]})" +
           extra + "}}}";
}

std::vector<std::string> corpus() {
    return {interview("int_A1b2", "phone"), interview("int_C3", "online", R"(,"colour":"red")"),
            interview("int_D4", "video"), R"({"type":"nope.created"})", "{not json",
            interview("int_E5", "on_site", R"(,"meta":null)")};
}

Profile profile_of(const std::vector<std::string>& documents, std::size_t from, std::size_t to,
                   const std::string& source = "log.ndjson") {
    Profiler profiler(models(), {}, "v1");
    for (std::size_t i = from; i < to; ++i) profiler.add(documents[i], source, i + 1);
    return std::move(profiler.profile());
}

} // namespace

TEST_CASE("strings are classified by the format a consumer would parse them with") {
    CHECK(string_format("2024-01-24T14:59:34.5220878Z") == "date-time Z .7");
    CHECK(string_format("2023-11-07T05:31:56Z") == "date-time Z .0");
    CHECK(string_format("2023-11-07T05:31:56.123+00:00") == "date-time +00:00 .3");
    CHECK(string_format("2023-11-07T05:31:56-05:00") == "date-time +hh:mm .0");
    CHECK(string_format("2023-11-07") == "date");
    CHECK(string_format("ada@example.com") == "email");
    CHECK(string_format("https://hirehive.com/x") == "uri");
    CHECK(string_format("123e4567-e89b-12d3-a456-426614174000") == "uuid");
    CHECK(string_format("2023-11-07T05:31") == "text");
    CHECK(string_format("") == "text");
}

TEST_CASE("id prefixes are read from ids, not from words joined by underscores") {
    CHECK(id_prefix("can_abc123") == "can_");
    CHECK(id_prefix("wbhk_evt_8mWtjHNTGioDAM") == "wbhk_evt_");
    CHECK(id_prefix("on_site") == "");
    CHECK(id_prefix("not_remote") == "");
    CHECK(id_prefix("Can_1234") == "");
    CHECK(id_prefix("can_") == "");
    CHECK(looks_like_identifier("on_site"));
    CHECK(looks_like_identifier("linked_in"));
    CHECK_FALSE(looks_like_identifier("Ada Lovelace"));
    CHECK_FALSE(looks_like_identifier("ada@example.com"));
}

TEST_CASE("the first place is the least by source, line and pointer, indices compared as numbers") {
    CHECK(comes_before({"a.ndjson", 9, "/x"}, {"b.ndjson", 1, "/x"}));
    CHECK(comes_before({"a.ndjson", 2, "/x"}, {"a.ndjson", 10, "/x"}));
    CHECK(comes_before({"a", 1, "/tags/2/name"}, {"a", 1, "/tags/10/name"}));
    CHECK_FALSE(comes_before({"a", 1, "/tags/10"}, {"a", 1, "/tags/2"}));
    Counted counted;
    counted.add(1, {"b", 5, "/p"});
    counted.add(1, {"a", 7, "/p"});
    counted.add(1, {"b", 1, "/p"});
    CHECK(counted.count == 3);
    CHECK(to_string(counted.first) == "a:7 /p");
}

TEST_CASE("a capped set overflows the same way whatever the grouping of its parts") {
    const auto set_of = [](int from, int to) {
        CappedCounts set;
        for (int i = from; i < to; ++i) set.add("v" + std::to_string(i), {"s", 1, ""}, 4);
        return set;
    };
    CappedCounts left = set_of(0, 3);
    left.merge(set_of(2, 4), 4); // v0..v3: 4 keys, at the cap
    CHECK_FALSE(left.overflowed);
    CHECK(left.entries.size() == 4);
    CHECK(left.entries.at("v2").count == 2);
    left.merge(set_of(4, 5), 4); // a fifth key
    CHECK(left.overflowed);
    CHECK(left.entries.empty());
    CHECK(set_of(0, 5).overflowed);
}

TEST_CASE("profiles of the parts of a corpus merge into the profile of the whole, byte for byte") {
    const auto documents = corpus();
    const std::string whole = profile_json(profile_of(documents, 0, documents.size()));
    for (std::size_t split = 0; split <= documents.size(); ++split) {
        Profile a = profile_of(documents, 0, split);
        Profile b = profile_of(documents, split, documents.size());
        Profile ab = a, ba = b;
        ab.merge(b);
        ba.merge(a);
        CHECK(profile_json(ab) == whole);
        CHECK(profile_json(ba) == whole);
    }
}

TEST_CASE("a profile counts types, nulls, values and folds array indices") {
    const Profile profile = profile_of(corpus(), 0, corpus().size());
    CHECK(profile.documents == 6);
    CHECK(profile.unreadable.count == 1);
    CHECK(profile.unknown_type.count == 1);
    CHECK(profile.unknown_type.first.line == 4);
    const EventProfile& event = profile.events.at("interview.created");
    CHECK(event.documents.count == 4);
    const PointerStats& type = event.pointers.at("/data/object/event/type");
    CHECK(type.values.entries.size() == 4); // an enum in the schema: every value kept
    CHECK(type.values.entries.at("\"video\"").count == 1);
    CHECK(type.values.entries.at("\"video\"").first.line == 3);
    const PointerStats& attendee = event.pointers.at("/data/object/event/attendees/*/id");
    CHECK(attendee.present.count == 8);
    CHECK(attendee.prefixes.entries.at("att_").count == 8);
    CHECK(attendee.present.first.pointer == "/data/object/event/attendees/0/id");
    const PointerStats& meta = event.pointers.at("/data/object/meta");
    CHECK(meta.types[static_cast<std::size_t>(JsonType::null)].count == 1);
    const PointerStats& timestamp = event.pointers.at("/timestamp");
    CHECK(timestamp.formats.entries.at("date-time Z .7").count == 4);
}

TEST_CASE("personal data stays out of a profile unless --show-values") {
    const std::string doc =
        R"({"type":"candidate.updated","timestamp":"2023-11-07T05:31:56Z","data":{"object":{"id":"can_X1","first_name":"Ada","email":"ada@example.com","title":"engineer"}}})";
    Profiler plain(models(), {}, "v1");
    plain.add(doc, "x.json", 0);
    const auto& pointers = plain.profile().events.at("candidate.updated").pointers;
    CHECK(pointers.at("/data/object/first_name").values.overflowed);
    CHECK(pointers.at("/data/object/email").values.overflowed);
    CHECK(profile_json(plain.profile()).find("Ada") == std::string::npos);
    CHECK(profile_json(plain.profile()).find("ada@example.com") == std::string::npos);
    LearnOptions show;
    show.show_values = true;
    Profiler all(models(), show, "v1");
    all.add(doc, "x.json", 0);
    CHECK(profile_json(all.profile()).find("ada@example.com") != std::string::npos);
    Profile mixed = plain.profile();
    CHECK_THROWS_AS(mixed.merge(all.profile()), atshook::Error);
}

TEST_CASE("a saved profile reads back to the same bytes") {
    const std::string text = profile_json(profile_of(corpus(), 0, corpus().size()));
    CHECK(profile_json(parse_profile(text, "p.json")) == text);
    CHECK(looks_like_profile(text));
    CHECK_FALSE(looks_like_profile(interview("int_A1", "phone")));
}

TEST_CASE("a profile that is not one is refused with the file and the place named") {
    const std::string text = profile_json(profile_of(corpus(), 0, corpus().size()));
    const auto message = [](const std::string& bytes) {
        try {
            parse_profile(bytes, "p.json");
        } catch (const atshook::Error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    const std::string truncated = message(text.substr(0, text.size() / 2));
    CHECK(truncated.starts_with("p.json:"));
    CHECK(truncated.find("not a profile") != std::string::npos);
    auto newer = nlohmann::json::parse(text);
    newer["version"] = 2;
    CHECK(message(newer.dump()).find("made by a newer ats-hook (profile version 2)") !=
          std::string::npos);
    CHECK(message(R"({"type":"job.created"})").find("not an ats-hook profile") != std::string::npos);
    auto bad_count = nlohmann::json::parse(text);
    bad_count["events"]["interview.created"]["documents"][0] = -3;
    CHECK(message(bad_count.dump()) ==
          "p.json: /events/interview.created/documents: expected a count (a whole number of 0 or more)");
    auto other_caps = nlohmann::json::parse(text);
    other_caps["caps"]["values"] = 64;
    CHECK(message(other_caps.dump()).find("/caps") != std::string::npos);
}
