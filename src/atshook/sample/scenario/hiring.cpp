#include "atshook/sample/scenario/story.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace atshook::sample::story {
namespace {

using namespace std::chrono_literals;

constexpr OfficeTime k_day = OfficeHours::k_day;

const std::string& id_for(std::map<std::string, std::string, std::less<>>& ids,
                          std::string_view name, Random& random, IdMint& mint,
                          std::string_view prefix) {
    auto found = ids.find(name);
    if (found == ids.end()) found = ids.emplace(std::string(name), mint.mint(random, prefix)).first;
    return found->second;
}

// The job is drafted, given a second look, then published with an advert on Indeed.
std::vector<Step> open_job(Hiring& hiring) {
    std::vector<Step> steps;
    OfficeTime now = hiring.office.start();
    hiring.cast.now = hiring.office.at(now);
    Json& job = hiring.job;
    job = tree_of([&](JsonWriter& out) {
        write_job(out, hiring.cast, hiring.random, hiring.ids, "job.created");
    });
    job["status"] = "drafted";
    job["created_date"] = date_text(hiring.cast.now);
    job["published_date"] = nullptr;
    job["job_ads"] = Json::array();
    // Agency applications need an external recruiter on the job.
    Json& recruiters = job["assigned_team"]["recruiter_ids"];
    if (recruiters.empty()) recruiters.push_back(hiring.ids.mint(hiring.random, "usr_"));
    steps.push_back({now, "job.created", job});

    now = some_time(hiring.random, now + 20min, now + 3h);
    const Role& role = *hiring.cast.role;
    if (role.euros_k != 0)
        job["salary"] = salary_range(*hiring.cast.city, role.euros_k, hiring.random);
    job["application_form"]["base_form"]["resume"] = "required";
    steps.push_back({now, "job.updated", job});

    now = some_time(hiring.random, now + 30min, now + k_day);
    const Instant published = hiring.office.at(now);
    job["status"] = "published";
    job["published_date"] = date_text(published);
    job["job_ads"] = tree_of(
        [&](JsonWriter& out) { write_job_ads(out, hiring.random, "published", published); });
    for (auto& ad : job["job_ads"]) ad["status"] = "active";
    steps.push_back({now, "job.status.updated", job});
    return steps;
}

// The first four parts are the showcase ones; the rest follow a usual funnel, where most
// applications end at CV review. Who gets which part is shuffled.
std::vector<Part> cast_parts(Hiring& hiring, std::size_t count, OfficeTime published) {
    constexpr std::array k_showcase{Fate::hired, Fate::final_rejected, Fate::withdrew,
                                    Fate::cv_rejected};
    constexpr std::array<std::pair<Fate, int>, 6> k_funnel{{{Fate::cv_rejected, 45},
                                                            {Fate::left_open, 25},
                                                            {Fate::phone_rejected, 15},
                                                            {Fate::first_rejected, 8},
                                                            {Fate::withdrew, 4},
                                                            {Fate::final_rejected, 3}}};
    // More candidates apply over a longer time: two working days, and one more per 25.
    const OfficeTime window = k_day * (2 + static_cast<OfficeTime::rep>(count / 25));
    std::vector<Part> parts;
    for (std::size_t i = 0; i < count; ++i) {
        Part part{Fate::cv_rejected, some_time(hiring.random, published + 5min, published + window),
                  i < k_showcase.size()};
        if (part.showcase) {
            part.fate = k_showcase[i];
        } else {
            int roll = hiring.random.between(1, 100);
            for (const auto& [fate, weight] : k_funnel) {
                if (roll <= weight) {
                    part.fate = fate;
                    break;
                }
                roll -= weight;
            }
        }
        parts.push_back(part);
    }
    for (std::size_t i = parts.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(hiring.random.below(i));
        std::swap(parts[i - 1].fate, parts[j].fate);
        std::swap(parts[i - 1].showcase, parts[j].showcase);
    }
    return parts;
}

// The applications still open are rejected in one bulk action, a burst of stage changes
// seconds apart, and the job is closed.
void close_job(Hiring& hiring, std::vector<CandidateEvents>& candidates, OfficeTime after,
               std::vector<Step>& steps) {
    OfficeTime now = some_time(hiring.random, after + 1h, after + 2 * k_day);
    for (auto& candidate : candidates) {
        if (!candidate.open) continue;
        now = some_time(hiring.random, now + 1s, now + 4s);
        set_stage(hiring, candidate.application, "Not progressed");
        steps.push_back({now, "application.stage.updated", std::move(candidate.application)});
    }
    now = some_time(hiring.random, now + 2min, now + 30min);
    hiring.job["status"] = "closed";
    for (auto& ad : hiring.job["job_ads"]) ad["status"] = "expired";
    steps.push_back({now, "job.status.updated", hiring.job});
}

} // namespace

Hiring::Hiring(std::uint64_t seed, Instant start)
    : random(event_seed(seed, "scenario.hiring", 0)), cast(make_cast(random, ids, start)),
      office(cast.city->time_zone, start) {
    cast.now = office.at(office.start());
    scorecard = tree_of(
        [&](JsonWriter& out) { write_feedback(out, cast, random, ids, "feedback.requested"); });
    scorecard["name"] = "Interview scorecard";
}

const std::string& Hiring::stage_id(std::string_view name) {
    return id_for(stage_ids, name, random, ids, "pipl_");
}

const std::string& Hiring::tag_id(std::string_view name) {
    return id_for(tag_ids, name, random, ids, "tag_");
}

std::vector<Step> hiring_round(Hiring& hiring, std::size_t candidates, std::uint64_t seed) {
    std::vector<Step> steps = open_job(hiring);
    const OfficeTime published = steps.back().at;
    std::vector<CandidateEvents> threads;
    OfficeTime last = published;
    for (const Part& part : cast_parts(hiring, candidates, published)) {
        Random random(event_seed(seed, "scenario.hiring.candidate", threads.size()));
        threads.push_back(candidate_story(hiring, part, random));
        for (auto& step : threads.back().steps) {
            last = std::max(last, step.at);
            steps.push_back(std::move(step));
        }
    }
    close_job(hiring, threads, last, steps);

    std::stable_sort(steps.begin(), steps.end(),
                     [](const Step& a, const Step& b) { return a.at < b.at; });
    for (std::size_t i = 1; i < steps.size(); ++i)
        steps[i].at = std::max(steps[i].at, steps[i - 1].at + 1s);
    return steps;
}

} // namespace atshook::sample::story
