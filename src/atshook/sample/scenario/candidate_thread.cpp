#include "atshook/sample/scenario/candidate_thread.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

namespace atshook::sample::story {
namespace {

using namespace std::chrono_literals;

constexpr OfficeTime k_day = OfficeHours::k_day;

// A slot `days` working days after the day of `after`, on a quarter hour, ending by 17:00.
OfficeTime slot(Random& random, OfficeTime after, int days, std::chrono::minutes length) {
    const auto day = after / k_day + days;
    const auto quarters = static_cast<int>((k_day - length) / 15min);
    return day * k_day + random.between(0, quarters) * OfficeTime{15min};
}

Json& candidate_attendee(Json& interview) {
    for (auto& attendee : interview["event"]["attendees"])
        if (attendee["type"] == "candidate") return attendee;
    throw std::logic_error("an interview without its candidate");
}

// A colleague on the panel reviews; at a phone screen, the recruiter who called.
Json reviewer(Random& random, const Json& interview) {
    const Json& event = interview["event"];
    std::vector<const Json*> panel;
    for (const auto& attendee : event["attendees"])
        if (attendee["type"] == "user" && attendee["user_id"] != event["organizer_id"])
            panel.push_back(&attendee);
    if (panel.empty())
        for (const auto& attendee : event["attendees"])
            if (attendee["user_id"] == event["organizer_id"]) panel.push_back(&attendee);
    const Json& chosen = *panel[static_cast<std::size_t>(random.below(panel.size()))];
    return {{"id", chosen["user_id"]}, {"name", chosen["display_name"]}};
}

// `feedback`, built on a form of its own, moved onto the story's one scorecard: its form,
// question and option ids, so that every interviewer fills in the same form.
Json on_scorecard(const Json& scorecard, Json feedback) {
    feedback["form_id"] = scorecard["form_id"];
    feedback["name"] = scorecard["name"];
    Json& questions = feedback["questions"];
    for (std::size_t q = 0; q < questions.size(); ++q) {
        const Json& form_question = scorecard["questions"][q];
        Json& question = questions[q];
        std::map<std::string, std::string> option_ids;
        for (std::size_t o = 0; o < question["options"].size(); ++o)
            option_ids[question["options"][o]["id"].get<std::string>()] =
                form_question["options"][o]["id"].get<std::string>();
        const auto to_form = [&](Json& id) { id = option_ids.at(id.get<std::string>()); };
        question["id"] = form_question["id"];
        question["options"] = form_question["options"];
        Json& answer = question["answer"];
        answer["question_id"] = form_question["id"];
        if (answer["ratings"].is_array())
            for (auto& rating : answer["ratings"]) to_form(rating["option_id"]);
        if (answer["selected_options"].is_array())
            for (auto& id : answer["selected_options"]) to_form(id);
        if (answer["selected_option"].is_string()) to_form(answer["selected_option"]);
    }
    return feedback;
}

// The form as sent to the reviewer: pending, no answers yet.
Json unanswered(Json feedback) {
    feedback["status"] = "pending";
    feedback["date_complete"] = nullptr;
    for (auto& question : feedback["questions"])
        for (const char* field : {"text", "ratings", "selected_options", "selected_option"})
            question["answer"][field] = nullptr;
    return feedback;
}

// The reviewer changes their mind about one rating on the scorecard.
void change_a_rating(Random& random, Json& feedback) {
    for (auto& question : feedback["questions"]) {
        Json& ratings = question["answer"]["ratings"];
        if (!ratings.is_array() || ratings.empty()) continue;
        Json& rating = ratings[static_cast<std::size_t>(random.below(ratings.size()))]["rating"];
        rating = 2 + (rating.get<int>() - 2 + random.between(1, 3)) % 4; // another of 2..5
        return;
    }
}

} // namespace

void CandidateThread::interview(std::string_view kind, std::string_view round, Turn turn,
                                bool edited_feedback) {
    wait(10min, 4h);
    const std::chrono::minutes length =
        kind == "phone" ? 30min : std::array{45min, 60min, 90min}[m_random.below(3)];
    // Two to six working days ahead, which leaves at least a working day to change plans.
    OfficeTime start = slot(m_random, m_now, m_random.between(2, 6), length);
    // The end in real time: office time start + length may be 09:00 of the next day.
    const Instant begins = m_hiring.office.at(start);
    const InterviewPlan plan{begins, begins + length, kind, round};
    Json interview = tree_of([&](JsonWriter& out) {
        write_interview(out, cast(), m_random, m_ids, "interview.created", plan);
    });
    emit("interview.created", interview);
    m_application["interviews"].push_back(interview["id"]);
    if (turn == Turn::held) {
        m_now = start + length;
        review_on_scorecard(interview, edited_feedback);
        return;
    }

    m_now = some_time(m_random, m_now + 10min, std::min(m_now + k_day, start - 30min));
    Json& event = interview["event"];
    if (turn == Turn::cancelled) {
        candidate_attendee(interview)["status"] = "declined";
        event["status"] = "cancelled";
        emit("interview.cancelled", interview);
        return;
    }
    start = slot(m_random, start, m_random.between(1, 3), length);
    candidate_attendee(interview)["status"] = "accepted";
    event["start"] = date_text(m_hiring.office.at(start));
    event["end"] = date_text(m_hiring.office.at(start) + length);
    emit("interview.updated", interview);
    m_now = start + length;
    review_on_scorecard(interview, edited_feedback);
}

// After the interview one panellist is asked for feedback, submits it, and may revise it.
void CandidateThread::review_on_scorecard(const Json& interview, bool edited) {
    wait(5min, 1h);
    Json feedback =
        on_scorecard(m_hiring.scorecard, tree_of([&](JsonWriter& out) {
                         write_feedback(out, cast(), m_random, m_ids, "feedback.submitted");
                     }));
    feedback["reviewer"] = reviewer(m_random, interview);
    feedback["date_created"] = date_text(now());
    emit("feedback.requested", unanswered(feedback));
    m_application["feedback"].push_back(feedback["id"]);

    wait(30min, k_day);
    feedback["date_complete"] = date_text(now());
    emit("feedback.submitted", feedback);
    if (!edited) return;
    wait(10min, 3h);
    change_a_rating(m_random, feedback);
    emit("feedback.updated", feedback);
}

void CandidateThread::wait(OfficeTime least, OfficeTime most) {
    m_now = some_time(m_random, m_now + least, m_now + most);
}

const Cast& CandidateThread::cast() {
    m_cast.now = now();
    return m_cast;
}

void CandidateThread::emit(std::string_view type, const Json& object) {
    m_steps.push_back({m_now, type, object});
}

void CandidateThread::emit_application(std::string_view type) {
    m_application["candidate"] = m_candidate;
    m_steps.push_back({m_now, type, m_application});
}

} // namespace atshook::sample::story
