// `learn` holding evidence against the shipped schemas: each kind of finding, the states of
// facts, and the overlay that corrects what the traffic contradicts.
#include "atshook/learn/judgement.hpp"
#include "atshook/learn/overlay_writer.hpp"
#include "atshook/learn/profiler.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace atshook::learn;
using json = nlohmann::json;

namespace {

const SchemaModels& models() {
    static const SchemaModels shipped;
    return shipped;
}

// A note (candidate.note.created, inferred) or a candidate (candidate.updated, documented).
json note(int i) {
    return {{"type", "candidate.note.created"},
            {"timestamp", "2024-01-24T14:59:34.5220878Z"},
            {"data",
             {{"object",
               {{"id", "note_A" + std::to_string(1000 + i)},
                {"text", "Called them back."}}}}}};
}

json candidate(int i) {
    return {{"type", "candidate.updated"},
            {"timestamp", "2023-11-07T05:31:56Z"},
            {"data",
             {{"object",
               {{"id", "can_C" + std::to_string(1000 + i)},
                {"email", "someone" + std::to_string(i) + "@example.com"},
                {"rating", 3}}}}}};
}

Profile profile_of(const std::vector<json>& documents) {
    Profiler profiler(models(), {}, "v1");
    for (std::size_t i = 0; i < documents.size(); ++i)
        profiler.add(documents[i].dump(), "log.ndjson", i + 1);
    return std::move(profiler.profile());
}

// The findings, less the never-seen notes (a short test payload leaves most members out).
std::vector<const LearnFinding*> findings_of(const Judgement& judgement) {
    std::vector<const LearnFinding*> out;
    for (const auto* finding : judgement.findings())
        if (finding->kind != FindingKind::never_seen) out.push_back(finding);
    return out;
}

const FieldJudgement& field(const Judgement& judgement, const std::string& event,
                            const std::string& pointer) {
    for (const auto& e : judgement.events)
        if (e.event->name == event)
            for (const auto& f : e.fields)
                if (f.pointer == pointer) return f;
    FAIL("no field " << event << " " << pointer);
    throw 0;
}

} // namespace

TEST_CASE("valid traffic seen often enough confirms its facts and contradicts none") {
    std::vector<json> documents;
    for (int i = 0; i < 30; ++i) documents.push_back(candidate(i));
    const Profile profile = profile_of(documents);
    const Judgement judgement = judge(profile, models());
    CHECK(findings_of(judgement).empty());
    CHECK(field(judgement, "candidate.updated", "/data/object/email").state == FactState::confirmed);
    CHECK(field(judgement, "candidate.updated", "/data/object/email").documented);
    CHECK(field(judgement, "candidate.updated", "/data/object/phone_number").state ==
          FactState::unobserved);
    const Judgement once = judge(profile_of({candidate(0)}), models());
    CHECK(field(once, "candidate.updated", "/data/object/email").state == FactState::confirmed);
    std::vector<json> notes;
    for (int i = 0; i < 29; ++i) notes.push_back(note(i));
    const Judgement fewer = judge(profile_of(notes), models());
    CHECK_FALSE(field(fewer, "candidate.note.created", "/data/object/text").documented);
    CHECK(field(fewer, "candidate.note.created", "/data/object/text").state == FactState::observed);
    notes.push_back(note(29));
    CHECK(field(judge(profile_of(notes), models()), "candidate.note.created", "/data/object/text")
              .state == FactState::confirmed);
}

TEST_CASE("each contradiction is one finding with its count and first place") {
    std::vector<json> documents;
    for (int i = 0; i < 40; ++i) documents.push_back(candidate(i));
    documents[4]["data"]["object"]["email"] = nullptr;         // line 5
    documents[9]["data"]["object"]["email"] = nullptr;         // line 10
    documents[6]["data"]["object"]["rating"] = "3";            // line 7: type
    documents[7]["data"]["object"]["id"] = "cand_Q1234";       // line 8: prefix
    documents[8]["timestamp"] = "2023-11-07T05:31:56.123Z";    // line 9: a new form
    documents[2]["data"]["object"]["nickname"] = "Bo";         // line 3: unknown member
    const Judgement judgement = judge(profile_of(documents), models());
    const auto all = findings_of(judgement);
    REQUIRE(all.size() == 5);
    CHECK(all[0]->kind == FindingKind::null_not_allowed);
    CHECK(all[0]->count == 2);
    CHECK(all[0]->of == 40);
    CHECK(all[0]->first->line == 5);
    CHECK(all[0]->documented);
    std::map<FindingKind, const LearnFinding*> by_kind;
    for (const auto* f : all) by_kind[f->kind] = f;
    CHECK(by_kind.at(FindingKind::type_mismatch)->pointer == "/data/object/rating");
    CHECK(by_kind.at(FindingKind::type_mismatch)->first->line == 7);
    CHECK(by_kind.at(FindingKind::prefix_mismatch)->subject == "cand_");
    CHECK(by_kind.at(FindingKind::format_mismatch)->subject == "date-time Z .3");
    CHECK(by_kind.at(FindingKind::format_mismatch)->first->line == 9);
    CHECK(by_kind.at(FindingKind::undocumented_field)->pointer == "/data/object/nickname");
    CHECK(by_kind.at(FindingKind::undocumented_field)->first->line == 3);
    CHECK(field(judgement, "candidate.updated", "/data/object/email").state == FactState::deviates);
}

TEST_CASE("a member absent from many objects that could hold it is never-seen, a rare one is not") {
    std::vector<json> documents;
    for (int i = 0; i < 30; ++i) documents.push_back(note(i));
    const Judgement judgement = judge(profile_of(documents), models());
    const auto never_seen = [](const Judgement& j, const std::string& pointer) {
        for (const auto* f : j.findings())
            if (f->kind == FindingKind::never_seen && f->pointer == pointer) return true;
        return false;
    };
    CHECK(never_seen(judgement, "/data/object/creator"));
    CHECK_FALSE(never_seen(judgement, "/data/object/text"));
    CHECK_FALSE(never_seen(judgement, "/data/object/creator/name")); // its object never came
    documents.pop_back();
    CHECK_FALSE(never_seen(judge(profile_of(documents), models()), "/data/object/creator"));
}

TEST_CASE("targets are simple JSONPath, and an envelope node is picked by its event's type") {
    CHECK(json_path_target("/definitions/objects.candidate/properties/email", "") ==
          "$.definitions['objects.candidate'].properties.email");
    CHECK(json_path_target("/anyOf/0/properties/timestamp", "job.deleted") ==
          "$.anyOf[?(@.properties.type.const == 'job.deleted')].properties.timestamp");
    CHECK(json_path_target("/definitions/x/anyOf/1/properties/it's", "") ==
          "$.definitions.x.anyOf[1].properties['it\\'s']");
}

TEST_CASE("the overlay loosens contradicted inferred facts only, with its evidence") {
    std::vector<json> documents;
    for (int i = 0; i < 10; ++i) documents.push_back(note(i));
    documents[3]["timestamp"] = nullptr; // an envelope member of an inferred event
    const Profile profile = profile_of(documents);
    const Judgement judgement = judge(profile, models());
    const auto actions = overlay_actions(judgement, profile, models(), {});
    REQUIRE(actions.size() == 2);
    const std::string target =
        "$.anyOf[?(@.properties.type.const == 'candidate.note.created')].properties";
    CHECK(actions[0]["target"] == target + ".timestamp");
    CHECK(actions[0]["remove"] == true);
    CHECK(actions[1]["target"] == target);
    CHECK(actions[1]["update"]["timestamp"]["anyOf"][1] == nlohmann::ordered_json{{"type", "null"}});
    CHECK(actions[1]["x-ats-hook-evidence"][0]["count"] == 1);
    CHECK(actions[1]["x-ats-hook-evidence"][0]["first"] == "log.ndjson:4 /timestamp");
    CHECK(actions[1]["x-ats-hook-schema-version"] == "v1");

    std::vector<json> documented;
    for (int i = 0; i < 10; ++i) documented.push_back(candidate(i));
    documented[0]["data"]["object"]["email"] = nullptr;
    const Profile deviating = profile_of(documented);
    const Judgement judged = judge(deviating, models());
    CHECK(overlay_actions(judged, deviating, models(), {}).empty());
    OverlayChoices accept;
    accept.accept_deviations = true;
    const auto loosened = overlay_actions(judged, deviating, models(), accept);
    REQUIRE(loosened.size() == 2);
    CHECK(loosened[1]["update"]["email"]["type"] == nlohmann::ordered_json::array({"string", "null"}));
}
