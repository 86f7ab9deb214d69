#include "atshook/sample/objects/objects.hpp"

#include <fmt/format.h>

#include <array>

namespace atshook::sample {
namespace {

// A tag whose name is not among the `count` already written, as a {id, name} object.
std::string_view write_tag(JsonWriter& out, Random& random, IdMint& ids,
                           const std::string_view* taken, int count) {
    for (;;) {
        const std::string_view name = random_tag_name(random);
        bool clash = false;
        for (int i = 0; i < count; ++i) clash = clash || taken[i] == name;
        if (clash) continue;
        out.begin_object();
        out.member("id", ids.mint(random, "tag_"));
        out.member("name", name);
        out.end_object();
        return name;
    }
}

} // namespace

void write_candidate(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                     std::string_view type) {
    const Person& who = cast.candidate;
    out.begin_object();
    out.member("id", who.id);
    out.member("full_name", who.name.full());
    out.member("first_name", who.name.first);
    out.member("last_name", who.name.last);
    out.member("email", who.email);
    out.member("phone_number", cast.candidate_phone);
    out.member("title", cast.current_title);
    out.member("company", cast.current_company);
    out.object("location");
    out.member("address", fmt::format("{}, {}", cast.home->name, cast.home->country_name));
    out.object("country");
    out.member("name", cast.home->country_name);
    out.member("code", cast.home->country_code);
    out.end_object();
    out.end_object();
    out.member("image_url",
               fmt::format("https://images.example.com/candidates/{}/profile.jpg", who.id));

    // candidate.tag.added: the new tag is the last one; candidate.tag.removed: it is gone, so
    // the list may be empty.
    std::array<std::string_view, 4> tags;
    int count = 0;
    out.array("tags");
    const int kept = type == "candidate.tag.removed" ? random.between(0, 2) : random.between(0, 3);
    for (int i = 0; i < kept; ++i, ++count)
        tags[static_cast<std::size_t>(count)] = write_tag(out, random, ids, tags.data(), count);
    if (type == "candidate.tag.added") write_tag(out, random, ids, tags.data(), count);
    out.end_array();

    out.member("rating", random.between(1, 5));
    out.array("application_ids");
    out.value(cast.application_id);
    if (random.chance(30)) out.value(ids.mint(random, "app_"));
    out.end_array();
    out.array("social_profiles");
    if (random.chance(70)) {
        out.begin_object();
        out.member("type", "linked_in");
        out.member("uri", fmt::format("https://www.linkedin.com/in/{}-{}-{}", who.name.first_ascii,
                                      who.name.last_ascii, random.digits(4)));
        out.end_object();
    }
    out.end_array();
    out.end_object();
}

} // namespace atshook::sample
