#include "atshook/sample/objects/objects.hpp"

#include <array>

namespace atshook::sample {
namespace {

constexpr std::array<std::string_view, 8> k_employers{
    "Lighthouse Robotics", "Greenleaf Foods",  "Orbit Health",     "Copperline Energy",
    "Fjord & Field",       "Nimbus Insurance", "Saffron Kitchens", "Tidewater Logistics"};

Person make_person(Random& random, IdMint& ids, std::string_view prefix, bool staff) {
    Person person;
    person.id = ids.mint(random, prefix);
    person.name = random_name(random);
    person.email = staff ? staff_email(person.name) : personal_email(person.name, random);
    return person;
}

} // namespace

Cast make_cast(Random& random, IdMint& ids, Instant now) {
    Cast cast;
    cast.now = now;
    cast.employer = random.pick(k_employers);
    cast.city = &random_city(random);
    cast.role = &random_role(random);
    cast.job_id = ids.mint(random, "job_");
    const int team_size = random.between(3, 5);
    for (int i = 0; i < team_size; ++i) {
        Person user = make_person(random, ids, "usr_", true);
        // Two colleagues with the same name would share an address; HireHive would not allow it.
        bool clash = false;
        for (const auto& other : cast.team) clash = clash || other.email == user.email;
        if (clash) user.email.insert(user.email.find('@'), std::to_string(i + 1));
        cast.team.push_back(std::move(user));
    }
    cast_candidate(cast, random, ids);
    return cast;
}

void cast_candidate(Cast& cast, Random& random, IdMint& ids) {
    cast.candidate = make_person(random, ids, "can_", false);
    cast.home = random.chance(70) ? cast.city : &random_city(random);
    cast.candidate_phone = phone_number(*cast.home, random);
    cast.current_title = random_current_title(random);
    cast.current_company = random_company(random);
    cast.application_id = ids.mint(random, "app_");
}

std::string date_text(Instant instant) {
    return format_rfc3339(instant, 0);
}

Instant some_time_before(Instant now, Random& random, std::chrono::minutes least,
                         std::chrono::minutes most) {
    const auto span = std::chrono::duration_cast<std::chrono::seconds>(most - least).count();
    const auto back = std::chrono::seconds{
        std::chrono::duration_cast<std::chrono::seconds>(least).count() +
        static_cast<std::int64_t>(random.below(static_cast<std::uint64_t>(span) + 1))};
    return std::chrono::floor<std::chrono::seconds>(now) - back;
}

} // namespace atshook::sample
