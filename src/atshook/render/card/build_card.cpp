#include "atshook/render/card/card.hpp"
#include "atshook/render/card/when.hpp"

#include <fmt/format.h>

#include <cmath>

namespace atshook::render {

void append(Rich& rich, const Rich& more) {
    rich.insert(rich.end(), more.begin(), more.end());
}

void add_id(Card& card, std::string_view what, const view::Text& id, const Glyphs& glyphs) {
    if (!card.footer.empty()) card.footer.push_back({fmt::format(" {} ", glyphs.dot), Tone::muted});
    card.footer.push_back({std::string(what) + std::string(k_glue), Tone::muted});
    card.footer.push_back({id && !id->empty() ? *id : std::string(glyphs.dash), Tone::code});
}

Section& add_text_section(Card& card, std::string_view title, const view::Text& text,
                          const Glyphs& glyphs) {
    Section& section = card.sections.emplace_back();
    section.title = {{std::string(title), Tone::heading}};
    section.paragraphs.push_back(text_or_dash(text, glyphs));
    return section;
}

Rich dash(const Glyphs& glyphs) {
    return {{std::string(glyphs.dash), Tone::muted}};
}

Rich text_or_dash(const view::Text& text, const Glyphs& glyphs, Tone tone) {
    if (!text || text->empty()) return dash(glyphs);
    return {{*text, tone}};
}

std::string words(std::string_view value) {
    std::string text(value);
    for (auto& c : text)
        if (c == '_') c = ' ';
    return text;
}

Rich yes_no(std::optional<bool> value, std::string_view yes, std::string_view no,
            const Glyphs& glyphs) {
    if (!value) return dash(glyphs);
    return {{std::string(*value ? yes : no)}};
}

Rich moment(const view::When& when, const CardContext& context) {
    if (!when) return dash(context.glyphs);
    if (!when->parsed)
        return {{when->text}, {fmt::format(" {} not a date-time", context.glyphs.dot), Tone::warn}};
    // Without an offset the docs give no zone to read it in; UTC is HireHive's habit.
    const auto instant = time::instant_in_zone(*when->parsed, time::utc_zone());
    const auto reading = time::read_in_zone(instant, context.viewer);
    return {
        {format_day(reading.wall) + " " + format_clock(reading.wall) + " " + zone_label(reading)}};
}

Rich stars(double rating, const Glyphs& glyphs, std::string_view out_of) {
    const std::string number = fmt::format("{}{}", rating, out_of);
    if (rating < 0 || rating > 5 || std::floor(rating) != rating) return {{number}};
    std::string shown;
    const int filled = static_cast<int>(rating);
    for (int i = 0; i < 5; ++i) shown += i < filled ? glyphs.star : glyphs.no_star;
    return {{shown, Tone::warn}, {" " + number}};
}

void add_check(Card& card, const Findings& findings, const CardContext& context) {
    Section section;
    section.title = {{"Check against the schema", Tone::heading}};
    if (findings.empty()) {
        section.paragraphs.push_back({{fmt::format("{} valid", context.glyphs.valid), Tone::good}});
        card.sections.push_back(std::move(section));
        return;
    }
    Table table{{"", "Where", "Problem"}, {}};
    std::size_t errors = 0;
    for (const auto& finding : findings) {
        const bool error = finding.severity == Severity::error;
        errors += error ? 1 : 0;
        // The validator's message already says what was expected and what came.
        Rich problem{{finding.message}};
        table.rows.push_back(
            {{{std::string(error ? context.glyphs.error : context.glyphs.warning),
               error ? Tone::bad : Tone::warn}},
             {{finding.pointer.empty() ? std::string("/") : finding.pointer, Tone::code}},
             problem});
    }
    section.table = std::move(table);
    const auto warnings = findings.size() - errors;
    section.paragraphs.push_back(
        {{fmt::format("{} error{}, {} warning{}", errors, errors == 1 ? "" : "s", warnings,
                      warnings == 1 ? "" : "s"),
          errors ? Tone::bad : Tone::warn}});
    card.sections.push_back(std::move(section));
}

Card build_card(const view::EventView& event, const CardContext& context) {
    Card card;
    card.event_type = std::string(event.type());
    card.timestamp = event.timestamp ? event.timestamp->text : std::string();
    card.meaning = event.info ? std::string(event.info->meaning) : std::string();
    std::visit(
        [&](const auto& object) {
            using T = std::decay_t<decltype(object)>;
            if constexpr (std::is_same_v<T, view::InterviewView>)
                add_interview(card, object, context);
            if constexpr (std::is_same_v<T, view::JobView>) add_job(card, object, context);
            if constexpr (std::is_same_v<T, view::ApplicationView>)
                add_application(card, object, context);
            if constexpr (std::is_same_v<T, view::CandidateView>)
                add_candidate(card, object, context);
            if constexpr (std::is_same_v<T, view::NoteView>) add_note(card, object, context);
            if constexpr (std::is_same_v<T, view::FeedbackView>)
                add_feedback(card, object, context);
        },
        event.object);
    if (event.place == view::ObjectPlace::missing)
        card.sections.insert(
            card.sections.begin(),
            Section{{}, {}, {}, {{{"the payload has no data object", Tone::warn}}}});
    if (event.id) add_id(card, "event", event.id, context.glyphs);
    return card;
}

} // namespace atshook::render
