#include "atshook/render/render.hpp"
#include "atshook/render/text/layout.hpp"
#include "atshook/view/event.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace atshook;

namespace {

std::string interview_payload(const std::string& event_fields, const std::string& meta = "{}",
                              const std::string& type = "interview.created") {
    return R"({"type":")" + type + R"(","timestamp":"2024-02-01T09:00:00Z","data":{"object":{
        "id":"int_1","event":)" +
           event_fields + R"(,"meta":)" + meta + "}}}";
}

const std::string k_panel = R"({"title":"Panel","type":"online","status":"active",
    "start":"2024-02-01T14:00:00Z","end":"2024-02-01T15:00:00Z","time_zone":"Europe/Dublin",
    "organizer_id":"usr_2","attendees":[
      {"user_id":"usr_1","type":"user","status":"declined","display_name":"Ann","email":"a@x.io"},
      {"user_id":"usr_2","type":"user","status":"accepted","display_name":"Bob","email":"b@x.io"},
      {"application_id":"app_1","type":"candidate","status":"pending","display_name":"Cy"},
      {"type":"guest","status":"accepted","display_name":"Di"}]})";

std::string text_of(const std::string& payload, render::RenderOptions options = {}) {
    return render::render_event(view::read_event(payload), options);
}

} // namespace

TEST_CASE("the interview card lists the candidate first and counts the answers") {
    const auto text = text_of(interview_payload(k_panel));
    const auto table = text.find("Attendees");
    CHECK(text.find("Cy", table) < text.find("Ann", table));
    CHECK(text.find("Ann", table) < text.find("Bob", table));
    CHECK(text.find("4 attendees: 2 accepted, 1 pending, 1 declined") != std::string::npos);
}

TEST_CASE("the organizer is named when the organizer is an attendee") {
    CHECK(text_of(interview_payload(k_panel)).find("Organizer  Bob usr_2") != std::string::npos);
    const auto stranger = interview_payload(R"({"organizer_id":"usr_9","attendees":[]})");
    CHECK(text_of(stranger).find("usr_9 (not among the attendees)") != std::string::npos);
}

TEST_CASE("each online meeting type gets its service's name") {
    const std::pair<const char*, const char*> cases[] = {
        {"hangouts_meet", "Google Meet"}, {"event_named_hangout", "Google Meet"},
        {"event_hangout", "Google Meet"}, {"teams_for_business", "Microsoft Teams"},
        {"skype_for_consumer", "Skype"},  {"skype_for_business", "Skype for Business"},
        {"unknown", "online meeting"},
    };
    for (const auto& [type, name] : cases) {
        const std::string_view meeting = type; // clang 14 cannot capture a binding
        CAPTURE(meeting);
        const auto text = text_of(interview_payload(
            R"({"type":"online"})",
            std::string(R"({"meeting_url":"https://m.example/1","online_meeting_type":")") + type +
                "\"}"));
        CHECK(text.find(std::string("Where      ") + name + " · https://m.example/1") !=
              std::string::npos);
    }
}

TEST_CASE("an online location that repeats the meeting link is shown once") {
    const auto same = text_of(interview_payload(
        R"({"type":"online","location":"https://m.example/1"})",
        R"({"meeting_url":"https://m.example/1","online_meeting_type":"teams_for_business"})"));
    CHECK(same.find("Where      Microsoft Teams · https://m.example/1 ") != std::string::npos);
    CHECK(same.find("https://m.example/1") == same.rfind("https://m.example/1"));
    const auto room = text_of(interview_payload(
        R"({"type":"online","location":"Room 4"})",
        R"({"meeting_url":"https://m.example/1","online_meeting_type":"teams_for_business"})"));
    CHECK(room.find("Microsoft Teams · https://m.example/1 · Room 4") != std::string::npos);
}

TEST_CASE("a cancelled interview says CANCELLED in its title and status, in red") {
    render::RenderOptions colour;
    colour.color = true;
    const auto text =
        text_of(interview_payload(R"({"title":"Chat","status":"cancelled"})"), colour);
    CHECK(text.find("\x1b[1;31m✗ CANCELLED\x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[31m╭─ \x1b[0m") == 0); // the frame turns red too
}

TEST_CASE("the reader's clock is shown only when it reads differently") {
    render::RenderOptions options;
    options.viewer = time::resolve_zone("Europe/Dublin");
    CHECK(text_of(interview_payload(k_panel), options).find("Your time") == std::string::npos);
    options.viewer = time::resolve_zone("Asia/Tokyo");
    // In Tokyo it ends the next day, so the day is said again.
    CHECK(text_of(interview_payload(k_panel), options)
              .find("Your time  Thu 1 Feb 2024 23:00 – Fri 2 Feb 2024 00:00 JST (UTC+09:00)") !=
          std::string::npos);
}

TEST_CASE("absent fields show a dash and never the word null") {
    const auto payload =
        interview_payload(R"({"title":null,"attendees":[{}]})", R"({"note_for_candidate":null})");
    for (const auto format : {render::Format::text, render::Format::markdown}) {
        render::RenderOptions options;
        options.format = format;
        const auto text = text_of(payload, options);
        CHECK(text.find("null") == std::string::npos);
        CHECK(text.find("—") != std::string::npos);
    }
}

TEST_CASE("text output fits the width and wraps long notes at spaces") {
    std::string long_note;
    for (int i = 0; i < 20; ++i) long_note += "word" + std::to_string(i) + " ";
    const auto payload =
        interview_payload(k_panel, R"({"note_for_candidate":")" + long_note + "\"}");
    render::RenderOptions options;
    options.width = 50;
    const auto text = text_of(payload, options);
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        CHECK(render::display_width(text.substr(start, end - start)) == 50);
        start = end + 1;
    }
    for (int i = 0; i < 20; ++i)
        CHECK(text.find("word" + std::to_string(i)) != std::string::npos); // wrapped, not cut
}

TEST_CASE("a huge width is capped at 1000 columns instead of exhausting memory") {
    render::RenderOptions options;
    options.width = 2'000'000'000;
    const auto text = text_of(interview_payload(k_panel), options);
    CHECK(render::display_width(text.substr(0, text.find('\n'))) == 1000);
}

TEST_CASE("ASCII output draws the frame and symbols without Unicode") {
    render::RenderOptions options;
    options.ascii = true;
    const auto text = text_of(interview_payload(k_panel), options);
    CHECK(text.starts_with("+- interview.created "));
    CHECK(text.find("+ accepted") != std::string::npos);
    CHECK(text.find("x declined") != std::string::npos);
    for (const char c : text) CHECK(static_cast<unsigned char>(c) < 0x80);
}

TEST_CASE("JSON output has the same keys for an empty interview and a full one") {
    render::RenderOptions options;
    options.format = render::Format::json;
    const auto full = nlohmann::json::parse(text_of(interview_payload(k_panel), options));
    const auto empty = nlohmann::json::parse(text_of(R"({"type":"interview.created"})", options));
    std::vector<std::string> a, b;
    for (const auto& [key, value] : full["interview"].items()) a.push_back(key);
    for (const auto& [key, value] : empty["interview"].items()) b.push_back(key);
    CHECK(a == b);
    CHECK(empty["event"]["object_at"].is_null());
    CHECK(full["interview"]["duration_seconds"] == 3600);
    CHECK(full["interview"]["start"]["abbreviation"] == "GMT");
    CHECK(full["interview"]["attendee_counts"] ==
          nlohmann::json::parse(
              R"({"total":4,"accepted":2,"maybe":0,"pending":1,"declined":1,"other":0})"));
}

TEST_CASE("Markdown escapes table cells so a pipe in a name cannot break the table") {
    render::RenderOptions options;
    options.format = render::Format::markdown;
    const auto text = text_of(
        interview_payload(R"({"attendees":[{"display_name":"A | B","email":"x@y.z","type":"user",
                                           "status":"accepted"}]})"),
        options);
    CHECK(text.find("| **A \\| B** | x@y.z | user | ✓ accepted |") != std::string::npos);
}

TEST_CASE("--check findings appear under the card") {
    const Findings findings{
        {"/data/object/id", "pattern", "\"x\" does not start with int_", "", "", Severity::error}};
    const auto event = view::read_event(interview_payload(k_panel));
    const auto text = render::render_event(event, {}, &findings);
    CHECK(text.find("/data/object/id") != std::string::npos);
    CHECK(text.find("1 error, 0 warnings") != std::string::npos);
    const Findings none;
    CHECK(render::render_event(event, {}, &none).find("✓ valid") != std::string::npos);
}

TEST_CASE("feedback shows the chosen option's label and scorecard ratings as stars") {
    const auto text = text_of(R"({"type":"feedback.submitted","data":{"object":{
        "name":"Screen","questions":[
          {"type":"scorecard","question":"Skills","options":[{"id":"o1","label":"C++"}],
           "answer":{"ratings":[{"option_id":"o1","rating":4}]}},
          {"type":"radio","question":"Hire?","options":[{"id":"o2","label":"Yes"}],
           "answer":{"selected_option":"o2"}}]}}})");
    CHECK(text.find("C++        ★★★★☆ 4") != std::string::npos);
    CHECK(text.find("  Yes") != std::string::npos);
}
