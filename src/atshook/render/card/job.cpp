#include "atshook/render/card/card.hpp"

#include <fmt/format.h>

namespace atshook::render {
namespace {

Rich job_status(const view::Text& status, const Glyphs& g) {
    if (!status) return dash(g);
    if (*status == "published") return {{fmt::format("{} published", g.active), Tone::good}};
    if (*status == "drafted") return {{"drafted", Tone::muted}};
    if (*status == "closed") return {{fmt::format("{} closed", g.cancelled), Tone::bad}};
    if (*status == "internal") return {{"internal", Tone::info}};
    return {{*status, Tone::warn}};
}

Rich remote_policy(const view::Text& remote, const Glyphs& g) {
    if (!remote) return dash(g);
    if (*remote == "not_remote") return {{"not remote"}};
    if (*remote == "wfh_flexible") return {{"flexible, partly from home"}};
    if (*remote == "fully_remote") return {{"fully remote"}};
    if (*remote == "covid_remote") return {{"remote during COVID-19"}};
    return {{*remote, Tone::warn}};
}

Rich enum_words(const view::Text& value, const Glyphs& g) {
    if (!value) return dash(g);
    if (*value == "na") return {{"not applicable"}};
    return {{words(*value)}};
}

Rich place(const view::JobView& job, const Glyphs& g) {
    std::string text;
    for (const auto* part : {&job.city, &job.state, &job.country}) {
        if (!*part || (*part)->empty()) continue;
        if (!text.empty()) text += ", ";
        text += **part;
    }
    if (text.empty()) return dash(g);
    return {{text}};
}

} // namespace

void add_job(Card& card, const view::JobView& job, const CardContext& context) {
    const auto& g = context.glyphs;
    card.title = job.title ? Rich{{*job.title, Tone::strong}} : Rich{{"Untitled job", Tone::muted}};

    Section main;
    main.fields.push_back({"Status", job_status(job.status, g)});
    main.fields.push_back({"Employment", enum_words(job.type, g)});
    main.fields.push_back({"Experience", enum_words(job.experience, g)});
    main.fields.push_back({"Location", place(job, g)});
    main.fields.push_back({"Remote", remote_policy(job.remote, g)});
    main.fields.push_back({"Salary", text_or_dash(job.salary, g)});
    main.fields.push_back({"Category", text_or_dash(job.category, g)});
    main.fields.push_back({"Language", text_or_dash(job.language, g)});
    main.fields.push_back({"Job code", text_or_dash(job.job_code, g)});
    main.fields.push_back({"Owner", text_or_dash(job.owner_id, g, Tone::code)});
    main.fields.push_back({"Created", moment(job.created_date, context)});
    // The docs say published_date is null when the job was never published.
    main.fields.push_back({"Published", job.published_date ? moment(job.published_date, context)
                                                           : Rich{{"never", Tone::muted}}});
    if (!job.assigned_users.empty()) {
        Rich team;
        for (const auto& user : job.assigned_users) {
            if (!team.empty()) team.push_back({", "});
            team.push_back({user, Tone::code});
        }
        main.fields.push_back({"Team", team});
    }
    card.sections.push_back(std::move(main));

    if (!job.job_ads.empty()) {
        Section ads;
        ads.title = {{"Job ads", Tone::heading}};
        Table table{{"Board", "Status", "Created", "Expires"}, {}};
        for (const auto& ad : job.job_ads)
            table.rows.push_back({text_or_dash(ad.job_board, g), text_or_dash(ad.status, g),
                                  moment(ad.created_at, context), moment(ad.expires_at, context)});
        ads.table = std::move(table);
        card.sections.push_back(std::move(ads));
    }

    add_text_section(card, "Description", job.description, g);

    add_id(card, "job", job.id, g);
}

} // namespace atshook::render
