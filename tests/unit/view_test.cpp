#include "atshook/error.hpp"
#include "atshook/view/event.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace atshook::view;

namespace {

const char* const k_interview = R"({
  "id": "wbhk_evt_1", "version": 1, "type": "interview.created",
  "timestamp": "2024-01-24T14:59:34.5220878Z",
  "data": {"object": {
    "id": "int_1", "candidate_id": "can_1", "application_id": "app_1", "job_id": "job_1",
    "event": {
      "title": "Technical interview", "location": null, "type": "online", "status": "active",
      "start": "2024-02-01T14:00:00Z", "end": "2024-02-01T15:00:00Z",
      "time_zone": "Europe/Dublin", "organizer_id": "usr_1",
      "attendees": [
        {"id": "attd_1", "user_id": "usr_1", "type": "user", "status": "accepted",
         "display_name": "Aoife Byrne", "email": "aoife@example.com"},
        {"id": "attd_2", "application_id": "app_1", "type": "candidate", "status": "pending",
         "display_name": "Sam Lee", "email": "sam@example.com"},
        null
      ]},
    "meta": {"note_for_candidate": "Bring a laptop", "attach_resume_to_invite": true,
             "online_meeting_type": "teams_for_business",
             "meeting_url": "https://teams.example.com/x"}
  }}
})";

} // namespace

TEST_CASE("an interview payload reads into an interview view with its attendees") {
    const auto event = read_event(k_interview);
    CHECK(event.type() == "interview.created");
    CHECK(event.id == "wbhk_evt_1");
    CHECK(event.version == 1);
    REQUIRE(event.timestamp);
    CHECK(event.timestamp->text == "2024-01-24T14:59:34.5220878Z");
    CHECK(event.timestamp->parsed);
    CHECK(event.place == ObjectPlace::data_object);
    const auto& interview = std::get<InterviewView>(event.object);
    CHECK(interview.title == "Technical interview");
    CHECK_FALSE(interview.location); // null reads as absent
    CHECK(interview.time_zone == "Europe/Dublin");
    REQUIRE(interview.start);
    CHECK(interview.start->parsed);
    REQUIRE(interview.attendees.size() == 2); // the null attendee is skipped
    CHECK(interview.attendees[1].type == "candidate");
    CHECK(interview.attendees[1].display_name == "Sam Lee");
    CHECK(interview.attach_resume_to_invite == true);
    CHECK(interview.online_meeting_type == "teams_for_business");
    CHECK(interview.note_for_candidate == "Bring a laptop");
    CHECK_FALSE(interview.note_for_attendees);
}

TEST_CASE("the object is found directly in data too (the webhook introduction's shape)") {
    const auto event = read_event(
        R"({"type":"application.created","timestamp":"2024-01-24T14:59:34.5220878Z",
            "data":{"id":"app_1","candidate":{"first_name":"Sam","last_name":"Lee"},
                    "stage":{"parent_stage":"screening"}}})");
    CHECK(event.place == ObjectPlace::data);
    const auto& application = std::get<ApplicationView>(event.object);
    CHECK(application.id == "app_1");
    REQUIRE(application.candidate);
    CHECK(application.candidate->display_name() == "Sam Lee");
    CHECK(application.parent_stage == "screening");
}

TEST_CASE("an event without data still gives a view of absent fields") {
    const auto event = read_event(R"({"type":"job.created"})");
    CHECK(event.place == ObjectPlace::missing);
    const auto& job = std::get<JobView>(event.object);
    CHECK_FALSE(job.title);
    CHECK_FALSE(event.timestamp);
}

TEST_CASE("values of unexpected types are kept as their JSON text") {
    const auto event = read_event(
        R"({"type":"job.updated","data":{"object":{"title":42,"status":["x"],"type":true,
            "created_date":"yesterday"}}})");
    const auto& job = std::get<JobView>(event.object);
    CHECK(job.title == "42");
    CHECK(job.status == R"(["x"])");
    CHECK(job.type == "true");
    REQUIRE(job.created_date);
    CHECK(job.created_date->text == "yesterday");
    CHECK_FALSE(job.created_date->parsed);
}

TEST_CASE("a candidate's rating reads from a number or a numeric string") {
    auto rating = [](const std::string& value) {
        const auto event = read_event(R"({"type":"candidate.updated","data":{"object":{"rating":)" +
                                      value + "}}}");
        return std::get<CandidateView>(event.object).rating;
    };
    CHECK(rating("4") == 4.0);
    CHECK(rating("\"3\"") == 3.0);
    CHECK_FALSE(rating("\"three\""));
    CHECK_FALSE(rating("null"));
}

TEST_CASE("a tag event that carries the tag itself reads the tag") {
    const auto event = read_event(
        R"({"type":"candidate.tag.added","data":{"object":{"id":"tag_7","name":"Shortlist"}}})");
    const auto& candidate = std::get<CandidateView>(event.object);
    REQUIRE(candidate.tag);
    CHECK(candidate.tag->id == "tag_7");
    CHECK(candidate.tag->name == "Shortlist");
    CHECK_FALSE(candidate.id);
}

TEST_CASE("feedback questions keep options, answers and scorecard ratings") {
    const auto event = read_event(R"({"type":"feedback.submitted","data":{"object":{
        "name":"Tech screen","status":"complete","reviewer":{"id":"usr_2","name":"Ann"},
        "questions":[
          {"id":"qustn_1","type":"scorecard","question":"Skills",
           "options":[{"id":"opt_1","label":"C++"},{"id":"opt_2","label":"Testing"}],
           "answer":{"ratings":[{"option_id":"opt_1","rating":4},{"option_id":"opt_2","rating":5}]}},
          {"id":"qustn_2","type":"radio","question":"Hire?",
           "options":[{"id":"opt_3","label":"Yes"}],"answer":{"selected_option":"opt_3"}}]}}})");
    const auto& feedback = std::get<FeedbackView>(event.object);
    CHECK(feedback.reviewer->name == "Ann");
    REQUIRE(feedback.questions.size() == 2);
    const auto& scorecard = feedback.questions[0];
    REQUIRE(scorecard.answer);
    REQUIRE(scorecard.answer->ratings.size() == 2);
    CHECK(scorecard.answer->ratings[1].rating == 5.0);
    CHECK(scorecard.option_label("opt_2") == "Testing");
    CHECK(feedback.questions[1].option_label(*feedback.questions[1].answer->selected_option) ==
          "Yes");
}

TEST_CASE("bytes that are not a HireHive event are an error naming the source") {
    const std::pair<const char*, const char*> cases[] = {
        {"", "empty"},
        {"{\"type\": ", "not valid JSON: "},
        {"[1,2]", "an array"},
        {R"({"timestamp":"2024-01-01T00:00:00Z"})", "no \"type\""},
        {R"({"type":7})", "\"type\" is a number"},
        {R"({"type":"interview.rescheduled"})",
         "\"interview.rescheduled\" is not a HireHive event type; did you mean \"interview."},
    };
    for (const auto& [json, message] : cases) {
        const auto& payload = json; // clang 14 cannot capture a binding
        CAPTURE(payload);
        try {
            (void)read_event(json, "events.ndjson:3");
            FAIL("expected an error");
        } catch (const atshook::Error& e) {
            const std::string what = e.what();
            CHECK(what.starts_with("events.ndjson:3: "));
            CHECK(what.find(message) != std::string::npos);
            CHECK(e.kind() == atshook::Error::Kind::input);
        }
    }
}

TEST_CASE("one reader reads payload after payload") {
    EventReader reader;
    CHECK(reader.read(R"({"type":"job.created","data":{"object":{"title":"A"}}})", "1").type() ==
          "job.created");
    const auto second = reader.read(R"({"type":"candidate.note.created","data":{"object":
        {"text":"Called","creator":{"name":"Ann"}}}})",
                                    "2");
    CHECK(std::get<NoteView>(second.object).creator_name == "Ann");
}
