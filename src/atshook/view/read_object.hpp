#pragma once
// Inside the view module: simdjson access that turns absent, null and oddly typed values into
// the optional fields of the views, and the readers of each object.
#include "atshook/view/view.hpp"

#include <simdjson.h>

#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

namespace atshook::view::detail {

using simdjson::dom::element;

// The member at `path` below `e`; nullopt when a step is not an object, is absent, or is null.
std::optional<element> at(element e, std::initializer_list<std::string_view> path);

// A string as is; a number, boolean, object or array as its JSON text; nullopt for null.
Text text_of(element e);
Text text_at(element e, std::initializer_list<std::string_view> path);
std::optional<bool> bool_at(element e, std::initializer_list<std::string_view> path);
std::optional<double> number_at(element e, std::initializer_list<std::string_view> path);
When date_time_at(element e, std::initializer_list<std::string_view> path);
std::optional<IdName> id_name_at(element e, std::initializer_list<std::string_view> path);
// The elements of an array member (none when it is absent or not an array).
std::vector<element> array_at(element e, std::initializer_list<std::string_view> path);
// The array's non-null items as text.
std::vector<std::string> texts_at(element e, std::initializer_list<std::string_view> path);

InterviewView read_interview(element object);
JobView read_job(element object);
CandidateView read_candidate(element object);
ApplicationView read_application(element object);
NoteView read_note(element object);
FeedbackView read_feedback(element object);

} // namespace atshook::view::detail
