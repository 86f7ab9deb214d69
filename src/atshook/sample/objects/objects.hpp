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

// Whole seconds, as HireHive writes object dates: "2024-03-05T10:15:00Z".
std::string date_text(Instant instant);
// `now` moved back by a random time between `least` and `most`.
Instant some_time_before(Instant now, Random& random, std::chrono::minutes least,
                         std::chrono::minutes most);

// `type` is the event name; it picks what the object looks like (a job.created job is young
// and usually a draft, an interview.cancelled interview has status cancelled, ...).
Json job_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
Json candidate_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
Json application_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
Json interview_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
Json feedback_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);
Json note_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type);

} // namespace atshook::sample
