#pragma once
#include "atshook/catalog.hpp"
#include "atshook/time/date_time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

// Typed views of HireHive payloads: what `show` displays. Every field is optional because the
// docs mark nothing as required; a value of an unexpected type is kept as its JSON text, so a
// view shows what arrived rather than what should have.
namespace atshook::view {

using Text = std::optional<std::string>;

// A date-time as written, and what it means when it could be read.
struct DateTimeValue {
    std::string text;
    std::optional<time::DateTime> parsed;
};
using When = std::optional<DateTimeValue>;

struct IdName {
    Text id;
    Text name;
};

struct AttendeeView {
    Text id;
    Text application_id; // set when the attendee is the candidate
    Text user_id;        // set when the attendee is a user
    Text type;           // user, candidate, guest
    Text status;         // accepted, pending, maybe, declined
    Text display_name;
    Text email;
};

struct InterviewView {
    Text id, candidate_id, application_id, job_id;
    Text title, location, type, status; // event.*
    When start, end;
    Text time_zone;
    Text organizer_id;
    std::vector<AttendeeView> attendees;
    Text note_for_candidate, note_for_attendees; // meta.*
    std::optional<bool> attach_resume_to_invite;
    Text online_meeting_type, meeting_url;
};

struct JobAdView {
    Text id; // a number in the docs; kept as text
    When created_at, expires_at;
    Text job_board, status;
};

struct JobView {
    Text id, title, description;
    Text city, state, country, remote; // location.*
    Text owner_id, status, type, experience, salary, job_code;
    When created_date, published_date;
    Text category, language;
    std::vector<std::string> assigned_users;
    std::vector<JobAdView> job_ads;
};

struct SocialProfileView {
    Text type;
    Text uri;
};

struct CandidateView {
    Text id, full_name, first_name, last_name, email, phone_number, title, company;
    Text address, country; // location.address, location.country.name
    Text image_url;
    std::vector<IdName> tags;
    std::optional<double> rating; // 1 to 5 stars
    std::vector<std::string> application_ids;
    std::vector<SocialProfileView> social_profiles;
    // candidate.tag.*: the tag the event is about, when the payload names it (a `tag` member,
    // or an object that is itself a tag); the docs do not show these payloads.
    std::optional<IdName> tag;

    // full_name, or first and last name joined, or nullopt.
    Text display_name() const;
};

struct ApplicationView {
    Text id;
    std::optional<CandidateView> candidate;
    When applied_at;
    Text job_id, job_title;
    Text cover_letter;
    Text parent_stage, custom_stage_id, custom_stage_name; // stage.*
    Text resume_id, resume_file;                           // resume.original (or pdf) name
    Text origin, source;                                   // source.origin, source.source
    std::optional<IdName> source_contact, source_user, source_recruiter;
    std::vector<std::string> interviews, feedback;
    std::optional<bool> potential_duplicate;
    When consent_expires_at;
};

struct NoteFileView {
    Text id, name, original_name, type, content_type;
    std::optional<double> size_in_kb;
};

struct NoteView {
    Text id;
    When date_created;
    Text text;
    Text creator_name, creator_user_id, creator_guest_id, creator_recruiter;
    std::vector<NoteFileView> files;
    std::vector<std::string> mentioned_users;
    std::optional<bool> restricted;
    // share.*: the application shared with a guest, when the note records one.
    Text share_application_id, share_message, share_guest_email;
    When share_expires_at;
};

struct OptionView {
    Text id, label, description;
};

struct RatingView {
    Text option_id;
    std::optional<double> rating;
};

struct AnswerView {
    Text text;                                 // textbox, text_area
    std::vector<RatingView> ratings;           // scorecard
    std::vector<std::string> selected_options; // checkbox
    Text selected_option;                      // radio, dropdown
};

struct QuestionView {
    Text id, type, question, description;
    std::optional<bool> required, restricted;
    std::vector<OptionView> options;
    std::optional<AnswerView> answer;

    // The label of an option id of this question, or nullopt.
    Text option_label(std::string_view option_id) const;
};

struct FeedbackView {
    Text id, application_id, form_id, name, status;
    std::optional<IdName> candidate, creator, reviewer;
    When date_created, date_complete;
    std::vector<QuestionView> questions;
};

using ObjectView =
    std::variant<JobView, ApplicationView, CandidateView, NoteView, FeedbackView, InterviewView>;

// Where the payload keeps its object: the event pages put it at data.object, the webhook
// introduction directly in data. Both are accepted.
enum class ObjectPlace { data_object, data, missing };

struct EventView {
    const EventInfo* info = nullptr; // never null in a view read from a payload
    Text id;
    std::optional<std::int64_t> version;
    When timestamp;
    ObjectPlace place = ObjectPlace::missing;
    ObjectView object;

    std::string_view type() const { return info ? info->name : std::string_view{}; }
};

} // namespace atshook::view
