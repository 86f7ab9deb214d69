#pragma once
#include "atshook/sample/scenario/story.hpp"

namespace atshook::sample::story {

// How an interview goes once it is scheduled.
enum class Turn {
    held,        // on the day it was booked for
    rescheduled, // the candidate asks for another day first
    cancelled,   // the candidate withdraws first
};

// One candidate's thread through the story: their objects as they stand, the office time the
// thread has reached, the events so far, and the interview rounds, its longest part.
class CandidateThread {
protected:
    CandidateThread(Hiring& hiring, Random random) : m_hiring(hiring), m_random(random) {}

    // Schedules an interview for the current stage and follows it to its end: held (perhaps
    // after a move to another day), then reviewed on the scorecard; or cancelled.
    void interview(std::string_view kind, std::string_view round, Turn turn, bool edited_feedback);

    void wait(OfficeTime least, OfficeTime most);
    bool maybe(int percent) { return m_random.chance(percent); }
    Instant now() const { return m_hiring.office.at(m_now); }
    // The candidate's cast at the current time, for the object builders.
    const Cast& cast();
    void emit(std::string_view type, const Json& object);
    // The application as it stands, with the candidate as they stand.
    void emit_application(std::string_view type);

    Hiring& m_hiring;
    Random m_random;
    IdMint m_ids;
    Cast m_cast;
    Json m_candidate;
    Json m_application;
    OfficeTime m_now{};
    std::vector<Step> m_steps;

private:
    void review_on_scorecard(const Json& interview, bool edited);
};

} // namespace atshook::sample::story
