#pragma once
// Builders of the objects HireHive events carry (hirehive-events.md section 2). Every object of
// one event is built from one Cast, so the ids and names inside an event agree.
#include "atshook/sample/random.hpp"
#include "atshook/sample/world/people.hpp"
#include "atshook/sample/world/places.hpp"
#include "atshook/sample/world/work.hpp"
#include "atshook/timestamp.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace atshook::sample {

using Json = nlohmann::ordered_json; // keeps the documented field order

struct Person {
    std::string id;
    PersonName name;
    std::string email;
};

// The people and things one event is about.
struct Cast {
    Instant now;
    std::string_view employer; // the hiring company
    const City* city;          // where the job is
    const Role* role;
    std::string job_id;
    std::vector<Person> team; // users: [0] recruiter and job owner, [1] hiring manager, more
    Person candidate;
    const City* home; // where the candidate lives
    std::string candidate_phone;
    std::string_view current_title;
    std::string_view current_company;
    std::string application_id;
};

Cast make_cast(Random& random, IdMint& ids, Instant now);
// The candidate half of a cast (who applies, living in the job's city 7 times in 10, their phone,
// current job and application id), for a cast whose job half is set. make_cast ends with it.
void cast_candidate(Cast& cast, Random& random, IdMint& ids);

// Whole seconds, as HireHive writes object dates: "2024-03-05T10:15:00Z".
std::string date_text(Instant instant);
// `now` moved back by a random time between `least` and `most`.
Instant some_time_before(Instant now, Random& random, std::chrono::minutes least,
                         std::chrono::minutes most);

// `type` is the event name; it picks what the object looks like (a job.created job is young
// and usually a draft, an interview.cancelled interview has status cancelled, ...).
Json job_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
// A job's job-board adverts: one on Indeed once it is published (expired when it is closed).
Json job_ads(Random& random, std::string_view status, Instant published);
Json candidate_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
Json application_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
Json interview_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
// When, how and which round an interview is; interview_object draws one, a story passes its own.
struct InterviewPlan {
    Instant start;
    Instant end;
    std::string_view kind;  // HireHive's event.type: phone, online, on_site
    std::string_view round; // "Phone screen", "First interview", ...
};
// Its status: cancelled for interview.cancelled, else past once the plan's start is before now.
Json interview_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type,
                      const InterviewPlan& plan);
Json feedback_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
Json note_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
// The sentence an author appends when editing a note (candidate.note.updated).
std::string_view note_edit(Random& random);

} // namespace atshook::sample
