#include "atshook/render/card/card.hpp"

#include <fmt/format.h>

namespace atshook::render {
namespace {

using view::QuestionView;

Rich person(const std::optional<view::IdName>& who, const Glyphs& g) {
    if (!who) return dash(g);
    Rich rich = text_or_dash(who->name, g, Tone::strong);
    if (who->id) rich.push_back({" " + *who->id, Tone::code});
    return rich;
}

Rich feedback_status(const view::Text& status, const Glyphs& g) {
    if (!status) return dash(g);
    if (*status == "complete") return {{fmt::format("{} complete", g.valid), Tone::good}};
    if (*status == "pending") return {{fmt::format("{} pending", g.pending), Tone::info}};
    return {{*status, Tone::warn}};
}

std::string option_name(const QuestionView& q, const std::string& id) {
    return q.option_label(id).value_or(id);
}

Rich question_title(const QuestionView& q, std::size_t number, const Glyphs& g) {
    Rich title{{fmt::format("{}. ", number), Tone::heading}};
    title.push_back({q.question.value_or(std::string(g.dash)), Tone::heading});
    std::string notes = q.type ? words(*q.type) : std::string();
    if (q.required == true) notes += notes.empty() ? "required" : ", required";
    if (q.restricted == true) notes += notes.empty() ? "restricted" : ", restricted";
    if (!notes.empty()) title.push_back({" (" + notes + ")", Tone::muted});
    return title;
}

Section question_section(const QuestionView& q, std::size_t number, const Glyphs& g) {
    Section section;
    section.title = question_title(q, number, g);
    if (q.type == "header") {
        section.paragraphs.push_back(text_or_dash(q.description, g));
        return section;
    }
    const auto& answer = q.answer;
    if (!answer) {
        section.paragraphs.push_back({{"no answer", Tone::muted}});
        return section;
    }
    bool shown = false;
    if (answer->text) {
        section.paragraphs.push_back({{*answer->text}});
        shown = true;
    }
    if (answer->selected_option) {
        section.paragraphs.push_back({{option_name(q, *answer->selected_option), Tone::strong}});
        shown = true;
    }
    if (!answer->selected_options.empty()) {
        Rich chosen;
        for (const auto& id : answer->selected_options) {
            if (!chosen.empty()) chosen.push_back({", "});
            chosen.push_back({option_name(q, id), Tone::strong});
        }
        section.paragraphs.push_back(chosen);
        shown = true;
    }
    if (!answer->ratings.empty()) {
        Table table{{"Criterion", "Rating"}, {}};
        for (const auto& rating : answer->ratings)
            table.rows.push_back(
                {{{rating.option_id ? option_name(q, *rating.option_id) : std::string(g.dash)}},
                 rating.rating ? stars(*rating.rating, g) : dash(g)});
        section.table = std::move(table);
        shown = true;
    }
    if (!shown) section.paragraphs.push_back({{"no answer", Tone::muted}});
    return section;
}

} // namespace

void add_feedback(Card& card, const view::FeedbackView& f, const CardContext& context) {
    const auto& g = context.glyphs;
    card.title = f.name ? Rich{{*f.name, Tone::strong}} : Rich{{"Feedback", Tone::muted}};
    if (f.candidate && f.candidate->name) card.title.push_back({" for " + *f.candidate->name});

    Section main;
    main.fields.push_back({"Candidate", person(f.candidate, g)});
    main.fields.push_back({"Reviewer", person(f.reviewer, g)});
    main.fields.push_back({"Requested by", person(f.creator, g)});
    main.fields.push_back({"Status", feedback_status(f.status, g)});
    main.fields.push_back({"Created", moment(f.date_created, context)});
    main.fields.push_back({"Completed", moment(f.date_complete, context)});
    card.sections.push_back(std::move(main));

    std::size_t number = 0;
    for (const auto& question : f.questions)
        card.sections.push_back(question_section(question, ++number, g));
    if (f.questions.empty())
        card.sections.push_back(Section{{{"Questions", Tone::heading}}, {}, {}, {dash(g)}});

    add_id(card, "feedback", f.id, g);
    add_id(card, "form", f.form_id, g);
    add_id(card, "application", f.application_id, g);
}

} // namespace atshook::render
