#include "atshook/sample/objects/objects.hpp"

#include <fmt/format.h>

#include <array>

namespace atshook::sample {
namespace {

using namespace std::chrono_literals;

struct Weighted {
    std::string_view value;
    int weight;
};

template <std::size_t N>
std::string_view pick_weighted(Random& random, const std::array<Weighted, N>& options) {
    int total = 0;
    for (const auto& option : options) total += option.weight;
    int roll = random.between(1, total);
    for (const auto& option : options) {
        if (roll <= option.weight) return option.value;
        roll -= option.weight;
    }
    return options.back().value;
}

// What the job's status is just after each job event.
std::string_view job_status(Random& random, std::string_view type) {
    if (type == "job.created")
        return pick_weighted<3>(random, {{{"drafted", 60}, {"published", 30}, {"internal", 10}}});
    if (type == "job.status.updated")
        return pick_weighted<4>(
            random, {{{"published", 45}, {"closed", 35}, {"internal", 10}, {"drafted", 10}}});
    if (type == "job.deleted") return pick_weighted<2>(random, {{{"closed", 60}, {"drafted", 40}}});
    return pick_weighted<3>(random, {{{"published", 70}, {"drafted", 15}, {"internal", 15}}});
}

std::string description(const Cast& cast) {
    return fmt::format(
        "<p>{} is hiring a {} in {}. You will {}.</p><p>What we offer: a team that reviews its "
        "work together, a learning budget, and {} days of annual leave.</p>",
        cast.employer, cast.role->title, cast.city->name, cast.role->duties,
        cast.city->country_code == "US" ? 20 : 25);
}

std::string_view form_setting(Random& random, int off, int optional) {
    const int roll = random.between(1, 100);
    if (roll <= off) return "off";
    if (roll <= off + optional) return "optional";
    return "required";
}

} // namespace

Json job_ads(Random& random, std::string_view status, Instant published) {
    Json ads = Json::array();
    if (status != "published" && status != "closed") return ads;
    const Instant expires = published + std::chrono::days{30};
    Json ad;
    ad["id"] = random.between(1'000'000, 9'999'999);
    ad["created_at"] = date_text(published);
    ad["expires_at"] = date_text(expires);
    ad["job_board"] = "indeed";
    ad["status"] = status == "closed" ? "expired" : (random.chance(85) ? "active" : "paused");
    ads.push_back(std::move(ad));
    return ads;
}

Json job_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type) {
    const std::string_view status = job_status(random, type);
    const bool fresh = type == "job.created";
    const Instant created = fresh ? some_time_before(cast.now, random, 1min, 30min)
                                  : some_time_before(cast.now, random, 3 * 24h, 90 * 24h);
    Instant published = created;
    if (type == "job.status.updated" && status == "published")
        published = some_time_before(cast.now, random, 0min, 1min);
    else if (!fresh)
        published = created + std::chrono::hours{random.between(1, 48)};

    const Role& role = *cast.role;
    const City& city = *cast.city;
    const bool local_language = random.chance(40);
    Json job;
    job["id"] = cast.job_id;
    job["title"] = role.title;
    job["description"] = description(cast);
    job["location"] = {
        {"city", city.name},
        {"state", {{"id", city.state_code}, {"name", city.state_name}, {"code", city.state_code}}},
        {"country",
         {{"id", city.country_code}, {"name", city.country_name}, {"code", city.country_code}}},
        {"remote", pick_weighted<4>(random, {{{"not_remote", 40},
                                              {"wfh_flexible", 35},
                                              {"fully_remote", 20},
                                              {"covid_remote", 5}}})}};
    job["owner_id"] = cast.team[0].id;
    job["status"] = status;
    job["type"] = role.employment;
    job["experience"] = role.experience;
    job["salary"] = role.euros_k == 0 ? std::string("Unpaid; travel expenses covered")
                                      : salary_range(city, role.euros_k, random);
    job["job_code"] = fmt::format("{}-{:04d}", role.department, random.between(1, 9999));
    job["created_date"] = date_text(created);
    job["published_date"] = status == "drafted" ? Json(nullptr) : Json(date_text(published));
    job["category"] = {{"id", ids.mint(random, "cat_")}, {"name", role.category}};
    job["language"] = {{"id", local_language ? city.language_code : "en"},
                       {"name", local_language ? city.language_name : "English"},
                       {"code", local_language ? city.language_code : "en"}};

    Json assigned = Json::array();
    for (std::size_t i = 0; i < cast.team.size() && i < 3; ++i) assigned.push_back(cast.team[i].id);
    Json recruiters = Json::array();
    if (random.chance(25)) recruiters.push_back(ids.mint(random, "usr_"));
    job["assigned_team"] = {{"assigned_users", assigned}, {"recruiter_ids", recruiters}};
    Json notify = Json::array({cast.team[0].email});
    if (random.chance(50)) notify.push_back(cast.team[1].email);
    job["notifications"] = {{"new_application_email", notify}};

    Json forms = Json::array();
    for (int i = random.between(0, 2); i > 0; --i) forms.push_back(ids.mint(random, "form_"));
    job["application_form"] = {{"base_form",
                                {{"current_title", form_setting(random, 20, 50)},
                                 {"current_company", form_setting(random, 20, 50)},
                                 {"location", form_setting(random, 10, 40)},
                                 {"phone", form_setting(random, 5, 35)},
                                 {"resume", form_setting(random, 0, 15)},
                                 {"cover_letter", form_setting(random, 40, 45)}}},
                               {"additional_form_ids", forms}};

    // A custom auto-responder replaces the default template; without one both texts are null.
    const bool custom = random.chance(35);
    job["auto_responder"] = {
        {"id", ids.mint(random, "etmpl_")},
        {"email_subject",
         custom ? Json(fmt::format("Thanks for applying to be our {}", role.title)) : Json()},
        {"email_body",
         custom ? Json(fmt::format("Hi {{{{first_name}}}},\n\nThank you for applying to the {} "
                                   "role at {}. We read every application and will be in touch "
                                   "within two weeks.\n\n{}",
                                   role.title, cast.employer, cast.team[0].name.first))
                : Json()}};
    job["job_ads"] = job_ads(random, status, published);
    return job;
}

} // namespace atshook::sample
