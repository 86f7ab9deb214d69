#pragma once
// Writers of the objects HireHive events carry (hirehive-events.md section 2). Every object of
// one event is written from one Cast, so the ids and names inside an event agree.
#include "atshook/json_writer.hpp"
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

// Each object is written as one JSON value with `out`. `type` is the event name; it picks what
// the object looks like (a job.created job is young and usually a draft, an interview.cancelled
// interview has status cancelled, ...).
void write_job(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
               std::string_view type);
// A job's job-board adverts: one on Indeed once it is published (expired when it is closed).
void write_job_ads(JsonWriter& out, Random& random, std::string_view status, Instant published);
void write_candidate(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                     std::string_view type);
void write_application(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                       std::string_view type);
void write_interview(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                     std::string_view type);
// When, how and which round an interview is; write_interview draws one, a story passes its own.
struct InterviewPlan {
    Instant start;
    Instant end;
    std::string_view kind;  // HireHive's event.type: phone, online, on_site
    std::string_view round; // "Phone screen", "First interview", ...
};
// Its status: cancelled for interview.cancelled, else past once the plan's start is before now.
void write_interview(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                     std::string_view type, const InterviewPlan& plan);
void write_feedback(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                    std::string_view type);
void write_note(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                std::string_view type);
// The sentence an author appends when editing a note (candidate.note.updated).
std::string_view note_edit(Random& random);

// JSON this generator wrote, as a tree (through the project's simdjson reader, as --from).
Json own_tree(std::string_view text);

// What `write` writes, as a tree: the hiring scenario keeps its objects so and edits them as
// its story goes on. Plain events never need one.
template <class Write> Json tree_of(Write&& write) {
    std::string text;
    JsonWriter out(text);
    write(out);
    return own_tree(text);
}

} // namespace atshook::sample
