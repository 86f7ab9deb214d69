#include "atshook/sample/objects/objects.hpp"

#include <fmt/format.h>

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
void write_answer(JsonWriter& out, Random& random, const Question& question,
                  std::string_view question_id, std::span<const std::string> option_ids,
                  bool answered) {
    const std::string_view type = answered ? question.type : std::string_view();
    out.object("answer");
    out.member("question_id", question_id);
    if (type == "textbox") {
        out.member("text", random.pick(question.answers));
    } else if (type == "text_area") {
        // The concern is drawn first (the order these draws have always had).
        const std::string_view concern = random.pick(k_concerns);
        out.member("text", fmt::format("{} {}", random.pick(question.answers), concern));
    } else {
        out.member("text", nullptr);
    }
    if (type == "scorecard") {
        out.array("ratings");
        for (const auto& id : option_ids) {
            out.begin_object();
            out.member("option_id", id);
            out.member("rating", random.between(2, 5));
            out.end_object();
        }
        out.end_array();
    } else {
        out.member("ratings", nullptr);
    }
    if (type == "checkbox") {
        out.array("selected_options");
        bool any = false;
        for (const auto& id : option_ids) {
            if (!random.chance(40)) continue;
            out.value(id);
            any = true;
        }
        if (!any) out.value(option_ids[0]);
        out.end_array();
    } else {
        out.member("selected_options", nullptr);
    }
    if (type == "radio" || type == "dropdown")
        out.member("selected_option",
                   option_ids[static_cast<std::size_t>(random.below(option_ids.size()))]);
    else
        out.member("selected_option", nullptr);
    out.end_object();
}

void write_user(JsonWriter& out, std::string_view name, const Person& user) {
    out.object(name);
    out.member("id", user.id);
    out.member("name", user.name.full());
    out.end_object();
}

} // namespace

void write_feedback(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                    std::string_view type) {
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

    // The questions are drawn before the form's own ids, written after them.
    std::string questions_text;
    questions_text.reserve(4096);
    JsonWriter questions(questions_text);
    questions.begin_array();
    int order = 0;
    std::array<std::string, 5> option_ids;
    for (const Question& question : k_form) {
        const std::string question_id = ids.mint(random, "qustn_");
        questions.begin_object();
        questions.member("id", question_id);
        questions.member("type", question.type);
        questions.member("question", question.text);
        questions.member("description", question.description);
        questions.member("required", question.required);
        questions.member("restricted", question.restricted);
        questions.member("display_order", ++order);
        questions.array("options");
        std::size_t count = 0;
        for (const Option& option : question.options) {
            std::string& option_id = option_ids[count++];
            option_id = ids.mint(random, "opt_");
            questions.begin_object();
            questions.member("id", option_id);
            questions.member("label", option.label);
            questions.member("description", option.description);
            questions.end_object();
        }
        questions.end_array();
        write_answer(questions, random, question, question_id,
                     std::span<const std::string>(option_ids.data(), count), complete);
        questions.end_object();
    }
    questions.end_array();

    out.begin_object();
    out.member("id", ids.mint(random, "fdbk_"));
    out.member("application_id", cast.application_id);
    out.member("form_id", ids.mint(random, "form_"));
    out.object("candidate");
    out.member("id", cast.candidate.id);
    out.member("name", cast.candidate.name.full());
    out.end_object();
    out.member("name", random.pick(k_form_names));
    write_user(out, "creator", creator);
    write_user(out, "reviewer", reviewer);
    out.member("status", complete ? "complete" : "pending");
    out.member("date_created", date_text(requested));
    if (complete)
        out.member("date_complete", date_text(completed));
    else
        out.member("date_complete", nullptr);
    out.key("questions").raw(questions_text);
    out.end_object();
}

} // namespace atshook::sample
