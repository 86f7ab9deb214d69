#include "atshook/view/read_object.hpp"

namespace atshook::view {

Text QuestionView::option_label(std::string_view option_id) const {
    for (const auto& option : options)
        if (option.id && *option.id == option_id) return option.label;
    return std::nullopt;
}

namespace detail {
namespace {

AnswerView read_answer(element a) {
    AnswerView v;
    v.text = text_at(a, {"text"});
    for (const auto rating : array_at(a, {"ratings"})) {
        if (rating.is_null()) continue;
        v.ratings.push_back(
            RatingView{text_at(rating, {"option_id"}), number_at(rating, {"rating"})});
    }
    v.selected_options = texts_at(a, {"selected_options"});
    v.selected_option = text_at(a, {"selected_option"});
    return v;
}

} // namespace

FeedbackView read_feedback(element o) {
    FeedbackView v;
    v.id = text_at(o, {"id"});
    v.application_id = text_at(o, {"application_id"});
    v.form_id = text_at(o, {"form_id"});
    v.name = text_at(o, {"name"});
    v.status = text_at(o, {"status"});
    v.candidate = id_name_at(o, {"candidate"});
    v.creator = id_name_at(o, {"creator"});
    v.reviewer = id_name_at(o, {"reviewer"});
    v.date_created = date_time_at(o, {"date_created"});
    v.date_complete = date_time_at(o, {"date_complete"});
    for (const auto q : array_at(o, {"questions"})) {
        if (q.is_null()) continue;
        QuestionView question;
        question.id = text_at(q, {"id"});
        question.type = text_at(q, {"type"});
        question.question = text_at(q, {"question"});
        question.description = text_at(q, {"description"});
        question.required = bool_at(q, {"required"});
        question.restricted = bool_at(q, {"restricted"});
        for (const auto option : array_at(q, {"options"})) {
            if (option.is_null()) continue;
            question.options.push_back(OptionView{text_at(option, {"id"}),
                                                  text_at(option, {"label"}),
                                                  text_at(option, {"description"})});
        }
        if (const auto answer = at(q, {"answer"}); answer && answer->is_object())
            question.answer = read_answer(*answer);
        v.questions.push_back(std::move(question));
    }
    return v;
}

} // namespace detail
} // namespace atshook::view
