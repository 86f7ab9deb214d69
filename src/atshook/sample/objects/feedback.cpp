#include "atshook/sample/objects/objects.hpp"

#include <array>
#include <span>

namespace atshook::sample {
namespace {

using namespace std::chrono_literals;

struct Option {
    std::string_view label;
    std::string_view description;
};

// One question of a feedback form, with the answers a reviewer might give (for text types).
struct Question {
    std::string_view type;
    std::string_view text;
    std::string_view description;
    bool required;
    bool restricted;
    std::span<const Option> options;
    std::span<const std::string_view> answers;
};

constexpr std::array<Option, 4> k_criteria{{
    {"Problem solving", "Breaks a problem down and explains trade-offs"},
    {"Communication", "Clear, concise, listens well"},
    {"Role knowledge", "Depth in the skills this role needs"},
    {"Collaboration", "Works with others and takes feedback"},
}};
constexpr std::array<Option, 4> k_recommendation{{
    {"Strong yes", "Hire; I would fight for this candidate"},
    {"Yes", "Hire"},
    {"No", "Do not hire"},
    {"Strong no", "Do not hire; clear concerns"},
}};
constexpr std::array<Option, 5> k_probe{{
    {"Technical depth", ""},
    {"Leadership", ""},
    {"Salary expectations", ""},
    {"Notice period", ""},
    {"Motivation for the move", ""},
}};
constexpr std::array<Option, 4> k_level{
    {{"Junior", ""}, {"Mid-level", ""}, {"Senior", ""}, {"Lead", ""}}};

constexpr std::array<std::string_view, 4> k_summaries{
    "Solid, would move forward", "Great energy, a little light on depth",
    "Clear thinker, strong hire", "Not the right fit for this level"};
constexpr std::array<std::string_view, 4> k_strengths{
    "Walked through a past project in real detail and owned the mistakes as well as the wins.",
    "Asked sharp questions about how the team works and listened to the answers.",
    "Structured the exercise well and talked through trade-offs before coding.",
    "Calm under pressure; recovered quickly after a wrong turn in the exercise."};
constexpr std::array<std::string_view, 4> k_concerns{
    "Little experience with on-call; worth probing in the next round.",
    "Salary expectation is at the top of our band.",
    "Needs three months' notice, so the start date would slip past the quarter.",
    "No major concerns."};

constexpr std::array<Question, 8> k_form{{
    {"header",
     "Interview scorecard",
     "Rate the candidate against each criterion, then give your overall view.",
     false,
     false,
     {},
     {}},
    {"scorecard",
     "Core skills",
     "1 = well below the bar, 5 = well above it",
     true,
     false,
     k_criteria,
     {}},
    {"radio", "Overall recommendation", "", true, false, k_recommendation, {}},
    {"checkbox", "What should the next interviewer probe?", "", false, false, k_probe, {}},
    {"dropdown", "Suggested level", "", false, true, k_level, {}},
    {"textbox", "One-line summary", "", true, false, {}, k_summaries},
    {"text_area",
     "Strengths and concerns",
     "Specific examples help the panel decide.",
     true,
     false,
     {},
     k_strengths},
    {"upload", "Attach your notes or the exercise", "Optional: PDF or image.", false, true, {}, {}},
}};

constexpr std::array<std::string_view, 4> k_form_names{
    "Interview scorecard", "Technical interview feedback", "Final round panel feedback",
    "Phone screen notes"};

// Only the answer field that fits the question type is set; the others are null. A pending
// form has no answers at all, so all of them are null.
Json answer(Random& random, const Question& question, const std::string& question_id,
            const Json& option_ids, bool answered) {
    Json text, ratings, selected_options, selected_option;
    if (answered) {
        const std::string_view type = question.type;
        if (type == "textbox") text = random.pick(question.answers);
        if (type == "text_area")
            text = std::string(random.pick(question.answers)) + " " +
                   std::string(random.pick(k_concerns));
        if (type == "scorecard") {
            ratings = Json::array();
            for (const auto& id : option_ids)
                ratings.push_back({{"option_id", id}, {"rating", random.between(2, 5)}});
        }
        if (type == "checkbox") {
            selected_options = Json::array();
            for (const auto& id : option_ids)
                if (random.chance(40)) selected_options.push_back(id);
            if (selected_options.empty()) selected_options.push_back(option_ids[0]);
        }
        if (type == "radio" || type == "dropdown")
            selected_option = option_ids[static_cast<std::size_t>(random.below(option_ids.size()))];
    }
    return {{"question_id", question_id},
            {"text", text},
            {"ratings", ratings},
            {"selected_options", selected_options},
            {"selected_option", selected_option}};
}

Json user_ref(const Person& user) {
    return {{"id", user.id}, {"name", user.name.full()}};
}

} // namespace

Json feedback_object(const Cast& cast, Random& random, IdMint& ids, std::string_view type) {
    const bool complete = type != "feedback.requested";
    const Instant requested = type == "feedback.requested"
                                  ? some_time_before(cast.now, random, 0min, 5min)
                                  : some_time_before(cast.now, random, 1 * 24h, 10 * 24h);
    // Submitted just now, or (for an update of an older submission) a few hours after asking.
    const Instant completed = type == "feedback.submitted"
                                  ? some_time_before(cast.now, random, 0min, 5min)
                                  : requested + std::chrono::minutes{random.between(30, 20 * 60)};
    const Person& creator = cast.team[0];
    const Person& reviewer = cast.team[static_cast<std::size_t>(random.between(1, 2))];

    Json questions = Json::array();
    int order = 0;
    for (const Question& question : k_form) {
        const std::string question_id = ids.mint(random, "qustn_");
        Json options = Json::array();
        Json option_ids = Json::array();
        for (const Option& option : question.options) {
            const std::string option_id = ids.mint(random, "opt_");
            option_ids.push_back(option_id);
            options.push_back(
                {{"id", option_id}, {"label", option.label}, {"description", option.description}});
        }
        Json entry;
        entry["id"] = question_id;
        entry["type"] = question.type;
        entry["question"] = question.text;
        entry["description"] = question.description;
        entry["required"] = question.required;
        entry["restricted"] = question.restricted;
        entry["display_order"] = ++order;
        entry["options"] = options;
        entry["answer"] = answer(random, question, question_id, option_ids, complete);
        questions.push_back(std::move(entry));
    }

    Json feedback;
    feedback["id"] = ids.mint(random, "fdbk_");
    feedback["application_id"] = cast.application_id;
    feedback["form_id"] = ids.mint(random, "form_");
    feedback["candidate"] = {{"id", cast.candidate.id}, {"name", cast.candidate.name.full()}};
    feedback["name"] = random.pick(k_form_names);
    feedback["creator"] = user_ref(creator);
    feedback["reviewer"] = user_ref(reviewer);
    feedback["status"] = complete ? "complete" : "pending";
    feedback["date_created"] = date_text(requested);
    feedback["date_complete"] = complete ? Json(date_text(completed)) : Json(nullptr);
    feedback["questions"] = questions;
    return feedback;
}

} // namespace atshook::sample
