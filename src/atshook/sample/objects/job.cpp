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

void write_job_ads(JsonWriter& out, Random& random, std::string_view status, Instant published) {
    out.begin_array();
    if (status == "published" || status == "closed") {
        const Instant expires = published + std::chrono::days{30};
        out.begin_object();
        out.member("id", random.between(1'000'000, 9'999'999));
        out.member("created_at", date_text(published));
        out.member("expires_at", date_text(expires));
        out.member("job_board", "indeed");
        out.member("status",
                   status == "closed" ? "expired" : (random.chance(85) ? "active" : "paused"));
        out.end_object();
    }
    out.end_array();
}

void write_job(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
               std::string_view type) {
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
    out.begin_object();
    out.member("id", cast.job_id);
    out.member("title", role.title);
    out.member("description", description(cast));
    out.object("location");
    out.member("city", city.name);
    out.object("state");
    out.member("id", city.state_code);
    out.member("name", city.state_name);
    out.member("code", city.state_code);
    out.end_object();
    out.object("country");
    out.member("id", city.country_code);
    out.member("name", city.country_name);
    out.member("code", city.country_code);
    out.end_object();
    out.member("remote", pick_weighted<4>(random, {{{"not_remote", 40},
                                                    {"wfh_flexible", 35},
                                                    {"fully_remote", 20},
                                                    {"covid_remote", 5}}}));
    out.end_object();
    out.member("owner_id", cast.team[0].id);
    out.member("status", status);
    out.member("type", role.employment);
    out.member("experience", role.experience);
    if (role.euros_k == 0)
        out.member("salary", "Unpaid; travel expenses covered");
    else
        out.member("salary", salary_range(city, role.euros_k, random));
    out.member("job_code", fmt::format("{}-{:04d}", role.department, random.between(1, 9999)));
    out.member("created_date", date_text(created));
    if (status == "drafted")
        out.member("published_date", nullptr);
    else
        out.member("published_date", date_text(published));
    out.object("category");
    out.member("id", ids.mint(random, "cat_"));
    out.member("name", role.category);
    out.end_object();
    out.object("language");
    out.member("id", local_language ? city.language_code : "en");
    out.member("name", local_language ? city.language_name : "English");
    out.member("code", local_language ? city.language_code : "en");
    out.end_object();

    out.object("assigned_team");
    out.array("assigned_users");
    for (std::size_t i = 0; i < cast.team.size() && i < 3; ++i) out.value(cast.team[i].id);
    out.end_array();
    out.array("recruiter_ids");
    if (random.chance(25)) out.value(ids.mint(random, "usr_"));
    out.end_array();
    out.end_object();
    out.object("notifications");
    out.array("new_application_email");
    out.value(cast.team[0].email);
    if (random.chance(50)) out.value(cast.team[1].email);
    out.end_array();
    out.end_object();

    // The additional forms are drawn before the base form's settings, written after them.
    std::array<std::string, 2> forms;
    const int form_count = random.between(0, 2);
    for (int i = 0; i < form_count; ++i)
        forms[static_cast<std::size_t>(i)] = ids.mint(random, "form_");
    out.object("application_form");
    out.object("base_form");
    out.member("current_title", form_setting(random, 20, 50));
    out.member("current_company", form_setting(random, 20, 50));
    out.member("location", form_setting(random, 10, 40));
    out.member("phone", form_setting(random, 5, 35));
    out.member("resume", form_setting(random, 0, 15));
    out.member("cover_letter", form_setting(random, 40, 45));
    out.end_object();
    out.array("additional_form_ids");
    for (int i = 0; i < form_count; ++i) out.value(forms[static_cast<std::size_t>(i)]);
    out.end_array();
    out.end_object();

    // A custom auto-responder replaces the default template; without one both texts are null.
    const bool custom = random.chance(35);
    out.object("auto_responder");
    out.member("id", ids.mint(random, "etmpl_"));
    if (custom) {
        out.member("email_subject", fmt::format("Thanks for applying to be our {}", role.title));
        out.member("email_body",
                   fmt::format("Hi {{{{first_name}}}},\n\nThank you for applying to the {} "
                               "role at {}. We read every application and will be in touch "
                               "within two weeks.\n\n{}",
                               role.title, cast.employer, cast.team[0].name.first));
    } else {
        out.member("email_subject", nullptr);
        out.member("email_body", nullptr);
    }
    out.end_object();
    out.key("job_ads");
    write_job_ads(out, random, status, published);
    out.end_object();
}

} // namespace atshook::sample
