#include "atshook/render/card/card.hpp"

#include <fmt/format.h>

namespace atshook::render {
namespace {

Rich joined(const std::vector<std::string>& items, const Glyphs& g, Tone tone = Tone::plain) {
    if (items.empty()) return dash(g);
    Rich rich;
    for (const auto& item : items) {
        if (!rich.empty()) rich.push_back({", "});
        rich.push_back({item, tone});
    }
    return rich;
}

Rich name_and_id(const std::optional<view::IdName>& who, const Glyphs& g) {
    if (!who) return dash(g);
    Rich rich = text_or_dash(who->name, g, Tone::strong);
    if (who->id) rich.push_back({" " + *who->id, Tone::code});
    return rich;
}

std::string lower(std::string text) {
    for (auto& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

Rich role_at(const view::CandidateView& c, const Glyphs& g) {
    if (c.title && c.company) return {{*c.title}, {" at "}, {*c.company}};
    if (c.title) return {{*c.title}};
    if (c.company) return {{"at "}, {*c.company}};
    return dash(g);
}

Rich place(const view::Text& address, const view::Text& country, const Glyphs& g) {
    if (address && country) return {{*address + ", " + *country}};
    return text_or_dash(address ? address : country, g);
}

void add_tag_change(Card& card, const view::CandidateView& c, const Glyphs& g) {
    const bool added = card.event_type == "candidate.tag.added";
    Rich tag;
    if (c.tag) {
        tag = {{c.tag->name.value_or(c.tag->id.value_or(std::string(g.dash))),
                added ? Tone::good : Tone::bad}};
        if (c.tag->id && c.tag->name) tag.push_back({" " + *c.tag->id, Tone::code});
    } else {
        tag = {{"not named in the payload; its tags are listed below", Tone::muted}};
    }
    card.sections.back().fields.push_back({added ? "Tag added" : "Tag removed", tag});
}

} // namespace

void add_candidate(Card& card, const view::CandidateView& c, const CardContext& context) {
    const auto& g = context.glyphs;
    const auto name = c.display_name();
    card.title = name ? Rich{{*name, Tone::strong}} : Rich{{"Unnamed candidate", Tone::muted}};

    card.sections.emplace_back();
    if (card.event_type.starts_with("candidate.tag.")) add_tag_change(card, c, g);
    auto& main = card.sections.back();
    main.fields.push_back({"Email", text_or_dash(c.email, g)});
    main.fields.push_back({"Phone", text_or_dash(c.phone_number, g)});
    main.fields.push_back({"Works as", role_at(c, g)});
    main.fields.push_back({"Location", place(c.address, c.country, g)});
    Rich tags;
    for (const auto& tag : c.tags) {
        if (!tags.empty()) tags.push_back({", "});
        tags.push_back({tag.name.value_or(tag.id.value_or(std::string(g.dash))), Tone::info});
    }
    main.fields.push_back({"Tags", tags.empty() ? dash(g) : tags});
    main.fields.push_back({"Rating", c.rating ? stars(*c.rating, g, "/5") : dash(g)});
    Rich profiles;
    for (const auto& profile : c.social_profiles) {
        if (!profiles.empty()) profiles.push_back({"\n"});
        const std::string type = profile.type.value_or("profile");
        profiles.push_back({(type == "linked_in" ? std::string("LinkedIn") : words(type)) + " "});
        profiles.push_back({profile.uri.value_or(std::string(g.dash)), Tone::link});
    }
    main.fields.push_back({"Profiles", profiles.empty() ? dash(g) : profiles});
    main.fields.push_back({"Photo", text_or_dash(c.image_url, g, Tone::link)});
    main.fields.push_back({"Applications", joined(c.application_ids, g, Tone::code)});

    add_id(card, "candidate", c.id, g);
}

void add_application(Card& card, const view::ApplicationView& a, const CardContext& context) {
    const auto& g = context.glyphs;
    const auto name = a.candidate ? a.candidate->display_name() : std::nullopt;
    card.title = {{name.value_or("Unnamed candidate"), name ? Tone::strong : Tone::muted}};
    if (a.job_title) card.title.push_back({" for " + *a.job_title});

    Section main;
    main.fields.push_back({"Candidate", text_or_dash(name, g, Tone::strong)});
    main.fields.push_back(
        {"Email", text_or_dash(a.candidate ? a.candidate->email : std::nullopt, g)});
    Rich job = text_or_dash(a.job_title, g);
    if (a.job_id) job.push_back({" " + *a.job_id, Tone::code});
    main.fields.push_back({"Job", job});
    Rich stage;
    if (a.custom_stage_name) stage.push_back({*a.custom_stage_name, Tone::strong});
    // A custom stage often repeats its parent's name ("New" in "new"): say it once.
    const bool same = a.custom_stage_name && a.parent_stage &&
                      lower(*a.custom_stage_name) == lower(words(*a.parent_stage));
    if (a.parent_stage && !same) {
        if (!stage.empty()) stage.push_back({fmt::format(" {} ", g.dot), Tone::muted});
        stage.push_back({words(*a.parent_stage), *a.parent_stage == "rejected" ? Tone::bad
                                                 : *a.parent_stage == "hired"  ? Tone::good
                                                                               : Tone::info});
    }
    main.fields.push_back({"Stage", stage.empty() ? dash(g) : stage});
    Rich source;
    if (a.origin) source.push_back({words(*a.origin)});
    if (a.source) {
        if (!source.empty()) source.push_back({" via "});
        source.push_back({*a.source, Tone::strong});
    }
    main.fields.push_back({"Source", source.empty() ? dash(g) : source});
    if (a.source_contact) main.fields.push_back({"Referred by", name_and_id(a.source_contact, g)});
    if (a.source_user) main.fields.push_back({"Added by", name_and_id(a.source_user, g)});
    if (a.source_recruiter)
        main.fields.push_back({"Recruiter", name_and_id(a.source_recruiter, g)});
    main.fields.push_back({"Applied", moment(a.applied_at, context)});
    main.fields.push_back({"Resume", text_or_dash(a.resume_file, g)});
    if (a.potential_duplicate == true)
        main.fields.push_back({"Duplicate", {{"possibly a duplicate candidate", Tone::warn}}});
    main.fields.push_back({"Interviews", joined(a.interviews, g, Tone::code)});
    main.fields.push_back({"Feedback", joined(a.feedback, g, Tone::code)});
    main.fields.push_back({"GDPR consent", a.consent_expires_at ? Rich{{"expires "}} : dash(g)});
    if (a.consent_expires_at)
        append(main.fields.back().value, moment(a.consent_expires_at, context));
    card.sections.push_back(std::move(main));

    add_text_section(card, "Cover letter", a.cover_letter, g);

    add_id(card, "application", a.id, g);
    add_id(card, "candidate", a.candidate ? a.candidate->id : std::nullopt, g);
}

void add_note(Card& card, const view::NoteView& n, const CardContext& context) {
    const auto& g = context.glyphs;
    card.title = {{"Note"}};
    if (n.creator_name) card.title = {{"Note by "}, {*n.creator_name, Tone::strong}};

    Section main;
    Rich author = text_or_dash(n.creator_name, g, Tone::strong);
    for (const auto* id : {&n.creator_user_id, &n.creator_guest_id})
        if (*id) author.push_back({" " + **id, Tone::code});
    if (n.creator_recruiter) author.push_back({" (recruiter " + *n.creator_recruiter + ")"});
    main.fields.push_back({"Author", author});
    main.fields.push_back({"Written", moment(n.date_created, context)});
    main.fields.push_back(
        {"Restricted", n.restricted == true
                           ? Rich{{"yes, only users with restricted access see it", Tone::warn}}
                           : yes_no(n.restricted, "yes", "no", g)});
    main.fields.push_back({"Mentions", joined(n.mentioned_users, g, Tone::code)});
    Rich files;
    for (const auto& file : n.files) {
        if (!files.empty()) files.push_back({"\n"});
        files.push_back({file.original_name.value_or(file.name.value_or(std::string(g.dash)))});
        if (file.size_in_kb)
            files.push_back({fmt::format(" ({} KB)", *file.size_in_kb), Tone::muted});
    }
    main.fields.push_back({"Files", files.empty() ? dash(g) : files});
    if (n.share_guest_email || n.share_application_id) {
        Rich share = text_or_dash(n.share_guest_email, g);
        if (n.share_application_id) share.push_back({" " + *n.share_application_id, Tone::code});
        if (n.share_expires_at) {
            share.push_back({fmt::format(" {} expires ", g.dot)});
            append(share, moment(n.share_expires_at, context));
        }
        main.fields.push_back({"Shared with", share});
    }
    card.sections.push_back(std::move(main));

    Section& text = add_text_section(card, "Text", n.text, g);
    if (n.share_message)
        text.paragraphs.push_back({{"Share message: ", Tone::muted}, {*n.share_message}});

    add_id(card, "note", n.id, g);
}

} // namespace atshook::render
