#pragma once
// The parts of a hiring story (sample/scenario.hpp): what every candidate's way through the
// pipeline shares, and the events one candidate's way makes, timed in office hours.
#include "atshook/sample/objects/objects.hpp"
#include "atshook/sample/scenario/office_hours.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::sample::story {

// One event of the story before its envelope: the type names a string literal.
struct Step {
    OfficeTime at;
    std::string_view type;
    Json object;
};

// What all candidates of one hiring round share, so that one thing has one id throughout: the
// job and its team, the pipeline's stages, the company's tags, the scorecard, the agency.
struct Hiring {
    Hiring(std::uint64_t seed, Instant start);

    Random random; // draws what the round shares
    IdMint ids;
    Cast cast; // its job half: employer, city, role, job id, team
    OfficeHours office;
    Json job;           // as last sent
    Json scorecard;     // the feedback form every interviewer fills in, unanswered
    Json agency_source; // an agency application's source, once one came in
    std::map<std::string, std::string, std::less<>> stage_ids; // "CV review" -> pipl_...
    std::map<std::string, std::string, std::less<>> tag_ids;   // "Relocating" -> tag_...

    const std::string& stage_id(std::string_view name);
    const std::string& tag_id(std::string_view name);
};

enum class Fate {
    hired,
    final_rejected, // rejected after the final interview
    first_rejected, // rejected after the first interview
    phone_rejected, // rejected after the phone screen
    cv_rejected,    // rejected at CV review
    withdrew,       // withdrew before the first interview, which is cancelled
    left_open,      // still new or in review when the job closes, rejected then
};

// A candidate's part in the story. A showcase part has every optional turn of its fate (tags,
// notes, a rescheduled interview, an edited feedback, a deleted application), so that even a
// story of four candidates shows each kind of event.
struct Part {
    Fate fate;
    OfficeTime applies;
    bool showcase = false;
};

// One candidate's events in order, and their application as it stands after the last of them.
struct CandidateEvents {
    std::vector<Step> steps;
    Json application;
    bool open = false; // still in the pipeline
};

// `random` is the candidate's own, so their story does not depend on the others'.
CandidateEvents candidate_story(Hiring& hiring, const Part& part, Random random);

// The whole round in story order, each step at least a second after the one before: the job is
// created and published, each candidate's thread runs, the rest are rejected, the job closes.
std::vector<Step> hiring_round(Hiring& hiring, std::size_t candidates, std::uint64_t seed);

// Moves `application` to the pipeline stage `name` ("Not progressed", "Hired", ...).
void set_stage(Hiring& hiring, Json& application, std::string_view name);

// Uniform in [least, most], in whole seconds.
OfficeTime some_time(Random& random, OfficeTime least, OfficeTime most);

} // namespace atshook::sample::story
