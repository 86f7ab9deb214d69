#pragma once
// Inside the render module: a card is the layout-free content of one event (title, labelled
// fields, tables, paragraphs), built once from a view and then laid out as text or Markdown.
#include "atshook/finding.hpp"
#include "atshook/render/card/glyphs.hpp"
#include "atshook/render/tone.hpp"
#include "atshook/time/zone.hpp"
#include "atshook/view/view.hpp"

#include <optional>
#include <string>
#include <vector>

namespace atshook::render {

// What a piece of text means (render/tone.hpp): text output maps it to a colour, Markdown to
// emphasis.

// A space that layout never breaks a line at ("application app_1" stays together); text and
// Markdown output print it as a plain space.
inline constexpr std::string_view k_glue = "\u00a0";

struct Span {
    std::string text;
    Tone tone = Tone::plain;
};
using Rich = std::vector<Span>; // may contain '\n' (a hard line break)

struct Field {
    std::string label;
    Rich value;
};

struct Table {
    std::vector<std::string> headers;
    std::vector<std::vector<Rich>> rows;
};

struct Section {
    Rich title; // empty: no heading
    std::vector<Field> fields;
    std::optional<Table> table;
    std::vector<Rich> paragraphs;
};

struct Card {
    std::string event_type;
    std::string timestamp; // as written in the payload
    std::string meaning;   // "an interview was scheduled"
    bool alarm = false;    // cancelled: the frame turns red
    Rich title;
    std::vector<Section> sections;
    Rich footer; // ids
};

struct CardContext {
    const Glyphs& glyphs;
    const time::Zone& viewer;
};

Card build_card(const view::EventView& event, const CardContext& context);
void add_interview(Card& card, const view::InterviewView& interview, const CardContext& context);
void add_job(Card& card, const view::JobView& job, const CardContext& context);
void add_application(Card& card, const view::ApplicationView& application,
                     const CardContext& context);
void add_candidate(Card& card, const view::CandidateView& candidate, const CardContext& context);
void add_note(Card& card, const view::NoteView& note, const CardContext& context);
void add_feedback(Card& card, const view::FeedbackView& feedback, const CardContext& context);
void add_check(Card& card, const Findings& findings, const CardContext& context);

// Small pieces the card builders share.
Rich text_or_dash(const view::Text& text, const Glyphs& glyphs, Tone tone = Tone::plain);
Rich dash(const Glyphs& glyphs);
// "full_time" -> "full time": enum values read as words.
std::string words(std::string_view value);
Rich yes_no(std::optional<bool> value, std::string_view yes, std::string_view no,
            const Glyphs& glyphs);
// A date-time in the reader's zone ("Thu 1 Feb 2024 14:00 GMT"), or its text and a warning.
Rich moment(const view::When& when, const CardContext& context);
// "★★★★☆ 4", or just the number when it is not a whole number of 0 to 5 stars.
Rich stars(double rating, const Glyphs& glyphs, std::string_view out_of = "");
void append(Rich& rich, const Rich& more);
// Adds a section titled `title` holding `text` as one paragraph (a dash when absent); returns
// it so a builder can add more paragraphs.
Section& add_text_section(Card& card, std::string_view title, const view::Text& text,
                          const Glyphs& glyphs);
// Adds "what id" to the card's footer line of ids (a dash when the id is absent).
void add_id(Card& card, std::string_view what, const view::Text& id, const Glyphs& glyphs);

} // namespace atshook::render
