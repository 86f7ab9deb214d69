#include "atshook/sample/objects/objects.hpp"

#include <fmt/format.h>

namespace atshook::sample {
namespace {

Json tag(Random& random, IdMint& ids, const Json& existing) {
    for (;;) {
        const std::string_view name = random_tag_name(random);
        bool taken = false;
        for (const auto& other : existing) taken = taken || other["name"] == name;
        if (!taken) return {{"id", ids.mint(random, "tag_")}, {"name", name}};
    }
}

std::string lower_ascii_slug(const PersonName& name) {
    return name.first_ascii + "-" + name.last_ascii;
}

} // namespace

Json candidate_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type) {
    const Person& who = cast.candidate;
    Json candidate;
    candidate["id"] = who.id;
    candidate["full_name"] = who.name.full();
    candidate["first_name"] = who.name.first;
    candidate["last_name"] = who.name.last;
    candidate["email"] = who.email;
    candidate["phone_number"] = cast.candidate_phone;
    candidate["title"] = cast.current_title;
    candidate["company"] = cast.current_company;
    candidate["location"] = {
        {"address", fmt::format("{}, {}", cast.home->name, cast.home->country_name)},
        {"country", {{"name", cast.home->country_name}, {"code", cast.home->country_code}}}};
    candidate["image_url"] =
        fmt::format("https://images.example.com/candidates/{}/profile.jpg", who.id);

    // candidate.tag.added: the new tag is the last one; candidate.tag.removed: it is gone, so
    // the list may be empty.
    Json tags = Json::array();
    const int kept = type == "candidate.tag.removed" ? random.between(0, 2) : random.between(0, 3);
    for (int i = 0; i < kept; ++i) tags.push_back(tag(random, ids, tags));
    if (type == "candidate.tag.added") tags.push_back(tag(random, ids, tags));
    candidate["tags"] = tags;

    candidate["rating"] = random.between(1, 5);
    Json applications = Json::array({cast.application_id});
    if (random.chance(30)) applications.push_back(ids.mint(random, "app_"));
    candidate["application_ids"] = applications;
    Json profiles = Json::array();
    if (random.chance(70))
        profiles.push_back({{"type", "linked_in"},
                            {"uri", fmt::format("https://www.linkedin.com/in/{}-{}",
                                                lower_ascii_slug(who.name), random.digits(4))}});
    candidate["social_profiles"] = profiles;
    return candidate;
}

} // namespace atshook::sample
