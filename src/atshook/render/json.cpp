#include "atshook/json_text.hpp"
#include "atshook/render/formats.hpp"
#include "atshook/timestamp.hpp"

#include <nlohmann/json.hpp>

namespace atshook::render {
namespace {

using Json = nlohmann::ordered_json;

Json value(const view::Text& text) {
    return text ? Json(*text) : Json(nullptr);
}
Json value(std::optional<bool> flag) {
    return flag ? Json(*flag) : Json(nullptr);
}
Json value(std::optional<double> number) {
    if (!number) return nullptr;
    // Whole numbers print as integers (4, not 4.0), as the payload most likely wrote them.
    if (*number == static_cast<double>(static_cast<long long>(*number)))
        return static_cast<long long>(*number);
    return *number;
}
Json value(const std::vector<std::string>& texts) {
    return texts;
}
Json value(const std::optional<view::IdName>& who) {
    if (!who) return nullptr;
    return Json{{"id", value(who->id)}, {"name", value(who->name)}};
}

// A date-time as written, and as UTC when it could be read (no offset is read as UTC).
Json value(const view::When& when) {
    if (!when) return nullptr;
    Json utc = nullptr;
    if (when->parsed)
        utc = format_rfc3339(time::instant_in_zone(*when->parsed, time::utc_zone()),
                             k_shortest_fraction);
    return Json{{"text", when->text}, {"utc", utc}};
}

// An interview's start or end, also as the interview's own clock shows it.
Json zoned(const view::When& when, const time::Zone& zone) {
    if (!when) return nullptr;
    Json j{{"text", when->text},
           {"utc", nullptr},
           {"local", nullptr},
           {"abbreviation", nullptr},
           {"utc_offset", nullptr}};
    if (!when->parsed) return j;
    const auto instant = time::instant_in_zone(*when->parsed, zone);
    const auto reading = time::read_in_zone(instant, zone);
    j["utc"] = format_rfc3339(instant, k_shortest_fraction);
    const auto offset = time::format_offset(reading.offset); // "UTC+01:00"
    std::string local =
        format_rfc3339(time::Instant{reading.wall.time_since_epoch()}, k_shortest_fraction);
    local.pop_back(); // the "Z": this is a wall time, its offset follows
    j["local"] = local + offset.substr(3);
    j["abbreviation"] = reading.abbreviation;
    j["utc_offset"] = offset.substr(3);
    return j;
}

std::string_view zone_source(time::Zone::Source source) {
    switch (source) {
    case time::Zone::Source::iana:
        return "iana";
    case time::Zone::Source::windows:
        return "windows";
    case time::Zone::Source::missing:
        return "missing";
    case time::Zone::Source::unknown:
        return "unknown";
    }
    return "unknown";
}

Json interview_json(const view::InterviewView& v) {
    const auto zone = time::resolve_zone(v.time_zone.value_or(""));
    Json duration = nullptr;
    if (v.start && v.start->parsed && v.end && v.end->parsed)
        duration = std::chrono::duration_cast<std::chrono::seconds>(
                       time::instant_in_zone(*v.end->parsed, zone) -
                       time::instant_in_zone(*v.start->parsed, zone))
                       .count();
    Json organizer{{"id", value(v.organizer_id)}, {"name", nullptr}};
    Json attendees = Json::array();
    Json counts{{"total", v.attendees.size()},
                {"accepted", 0},
                {"maybe", 0},
                {"pending", 0},
                {"declined", 0},
                {"other", 0}};
    for (const auto& a : v.attendees) {
        attendees.push_back({{"id", value(a.id)},
                             {"type", value(a.type)},
                             {"status", value(a.status)},
                             {"display_name", value(a.display_name)},
                             {"email", value(a.email)},
                             {"user_id", value(a.user_id)},
                             {"application_id", value(a.application_id)}});
        const std::string status = a.status.value_or("");
        const bool known = status == "accepted" || status == "maybe" || status == "pending" ||
                           status == "declined";
        counts[known ? status : "other"] = counts[known ? status : "other"].get<int>() + 1;
        if (v.organizer_id && a.user_id == v.organizer_id)
            organizer["name"] = value(a.display_name);
    }
    return Json{
        {"id", value(v.id)},
        {"candidate_id", value(v.candidate_id)},
        {"application_id", value(v.application_id)},
        {"job_id", value(v.job_id)},
        {"title", value(v.title)},
        {"type", value(v.type)},
        {"status", value(v.status)},
        {"location", value(v.location)},
        {"start", zoned(v.start, zone)},
        {"end", zoned(v.end, zone)},
        {"duration_seconds", duration},
        {"time_zone",
         {{"given", value(v.time_zone)},
          {"iana", zone.name()},
          {"source", zone_source(zone.source)}}},
        {"organizer", organizer},
        {"attendees", attendees},
        {"attendee_counts", counts},
        {"meeting", {{"type", value(v.online_meeting_type)}, {"url", value(v.meeting_url)}}},
        {"note_for_candidate", value(v.note_for_candidate)},
        {"note_for_attendees", value(v.note_for_attendees)},
        {"attach_resume_to_invite", value(v.attach_resume_to_invite)},
    };
}

Json job_json(const view::JobView& v) {
    Json ads = Json::array();
    for (const auto& ad : v.job_ads)
        ads.push_back({{"id", value(ad.id)},
                       {"job_board", value(ad.job_board)},
                       {"status", value(ad.status)},
                       {"created_at", value(ad.created_at)},
                       {"expires_at", value(ad.expires_at)}});
    return Json{{"id", value(v.id)},
                {"title", value(v.title)},
                {"status", value(v.status)},
                {"type", value(v.type)},
                {"experience", value(v.experience)},
                {"location",
                 {{"city", value(v.city)},
                  {"state", value(v.state)},
                  {"country", value(v.country)},
                  {"remote", value(v.remote)}}},
                {"salary", value(v.salary)},
                {"job_code", value(v.job_code)},
                {"category", value(v.category)},
                {"language", value(v.language)},
                {"owner_id", value(v.owner_id)},
                {"assigned_users", value(v.assigned_users)},
                {"created_date", value(v.created_date)},
                {"published_date", value(v.published_date)},
                {"job_ads", ads},
                {"description", value(v.description)}};
}

Json candidate_json(const view::CandidateView& v) {
    Json tags = Json::array();
    for (const auto& tag : v.tags)
        tags.push_back({{"id", value(tag.id)}, {"name", value(tag.name)}});
    Json profiles = Json::array();
    for (const auto& p : v.social_profiles)
        profiles.push_back({{"type", value(p.type)}, {"uri", value(p.uri)}});
    return Json{{"id", value(v.id)},
                {"name", value(v.display_name())},
                {"first_name", value(v.first_name)},
                {"last_name", value(v.last_name)},
                {"email", value(v.email)},
                {"phone_number", value(v.phone_number)},
                {"title", value(v.title)},
                {"company", value(v.company)},
                {"location", {{"address", value(v.address)}, {"country", value(v.country)}}},
                {"tags", tags},
                {"tag", value(v.tag)},
                {"rating", value(v.rating)},
                {"social_profiles", profiles},
                {"image_url", value(v.image_url)},
                {"application_ids", value(v.application_ids)}};
}

Json application_json(const view::ApplicationView& v) {
    return Json{{"id", value(v.id)},
                {"candidate", v.candidate ? candidate_json(*v.candidate) : Json(nullptr)},
                {"job", {{"id", value(v.job_id)}, {"title", value(v.job_title)}}},
                {"stage",
                 {{"parent_stage", value(v.parent_stage)},
                  {"custom_stage",
                   {{"id", value(v.custom_stage_id)}, {"name", value(v.custom_stage_name)}}}}},
                {"source",
                 {{"origin", value(v.origin)},
                  {"source", value(v.source)},
                  {"contact", value(v.source_contact)},
                  {"user", value(v.source_user)},
                  {"recruiter", value(v.source_recruiter)}}},
                {"applied_at", value(v.applied_at)},
                {"resume", {{"id", value(v.resume_id)}, {"file", value(v.resume_file)}}},
                {"potential_duplicate", value(v.potential_duplicate)},
                {"interviews", value(v.interviews)},
                {"feedback", value(v.feedback)},
                {"gdpr_consent_expires_at", value(v.consent_expires_at)},
                {"cover_letter", value(v.cover_letter)}};
}

Json note_json(const view::NoteView& v) {
    Json files = Json::array();
    for (const auto& f : v.files)
        files.push_back({{"id", value(f.id)},
                         {"name", value(f.name)},
                         {"original_name", value(f.original_name)},
                         {"type", value(f.type)},
                         {"content_type", value(f.content_type)},
                         {"size_in_kb", value(f.size_in_kb)}});
    return Json{{"id", value(v.id)},
                {"date_created", value(v.date_created)},
                {"creator",
                 {{"name", value(v.creator_name)},
                  {"user_id", value(v.creator_user_id)},
                  {"guest_id", value(v.creator_guest_id)},
                  {"recruiter", value(v.creator_recruiter)}}},
                {"restricted", value(v.restricted)},
                {"mentioned_users", value(v.mentioned_users)},
                {"files", files},
                {"share",
                 {{"application_id", value(v.share_application_id)},
                  {"guest_email", value(v.share_guest_email)},
                  {"message", value(v.share_message)},
                  {"expires_at", value(v.share_expires_at)}}},
                {"text", value(v.text)}};
}

Json feedback_json(const view::FeedbackView& v) {
    Json questions = Json::array();
    for (const auto& q : v.questions) {
        Json options = Json::array();
        for (const auto& o : q.options)
            options.push_back({{"id", value(o.id)},
                               {"label", value(o.label)},
                               {"description", value(o.description)}});
        Json answer = nullptr;
        if (q.answer) {
            Json ratings = Json::array();
            for (const auto& r : q.answer->ratings)
                ratings.push_back(
                    {{"option_id", value(r.option_id)},
                     {"label", r.option_id ? value(q.option_label(*r.option_id)) : Json(nullptr)},
                     {"rating", value(r.rating)}});
            answer = {{"text", value(q.answer->text)},
                      {"selected_option", value(q.answer->selected_option)},
                      {"selected_options", value(q.answer->selected_options)},
                      {"ratings", ratings}};
        }
        questions.push_back({{"id", value(q.id)},
                             {"type", value(q.type)},
                             {"question", value(q.question)},
                             {"description", value(q.description)},
                             {"required", value(q.required)},
                             {"restricted", value(q.restricted)},
                             {"options", options},
                             {"answer", answer}});
    }
    return Json{{"id", value(v.id)},
                {"name", value(v.name)},
                {"status", value(v.status)},
                {"application_id", value(v.application_id)},
                {"form_id", value(v.form_id)},
                {"candidate", value(v.candidate)},
                {"creator", value(v.creator)},
                {"reviewer", value(v.reviewer)},
                {"date_created", value(v.date_created)},
                {"date_complete", value(v.date_complete)},
                {"questions", questions}};
}

std::string_view place_name(view::ObjectPlace place) {
    switch (place) {
    case view::ObjectPlace::data_object:
        return "data.object";
    case view::ObjectPlace::data:
        return "data";
    case view::ObjectPlace::missing:
        return "";
    }
    return "";
}

} // namespace

std::string render_json(const view::EventView& event, const Findings* check) {
    const std::string_view place = place_name(event.place);
    Json out{{"event",
              {{"type", event.type()},
               {"id", value(event.id)},
               {"version", event.version ? Json(*event.version) : Json(nullptr)},
               {"timestamp", value(event.timestamp)},
               {"object_at", place.empty() ? Json(nullptr) : Json(place)}}}};
    const std::string kind(event.info ? to_string(event.info->object) : "object");
    std::visit(
        [&](const auto& object) {
            using T = std::decay_t<decltype(object)>;
            if constexpr (std::is_same_v<T, view::InterviewView>)
                out[kind] = interview_json(object);
            if constexpr (std::is_same_v<T, view::JobView>) out[kind] = job_json(object);
            if constexpr (std::is_same_v<T, view::ApplicationView>)
                out[kind] = application_json(object);
            if constexpr (std::is_same_v<T, view::CandidateView>)
                out[kind] = candidate_json(object);
            if constexpr (std::is_same_v<T, view::NoteView>) out[kind] = note_json(object);
            if constexpr (std::is_same_v<T, view::FeedbackView>) out[kind] = feedback_json(object);
        },
        event.object);
    if (check) {
        Json findings = Json::array();
        for (const auto& f : *check)
            findings.push_back({{"severity", f.severity == Severity::error ? "error" : "warning"},
                                {"pointer", f.pointer},
                                {"keyword", f.keyword},
                                {"message", f.message},
                                {"expected", f.expected},
                                {"actual", f.actual}});
        out["check"] = {{"valid", !has_errors(*check)}, {"findings", findings}};
    }
    // Invalid UTF-8 cannot reach here (simdjson validates it), but replace rather than throw.
    return json_text(out) + "\n";
}

} // namespace atshook::render
