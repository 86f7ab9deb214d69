#include "atshook/view/read_object.hpp"

namespace atshook::view {

Text CandidateView::display_name() const {
    if (full_name && !full_name->empty()) return full_name;
    std::string joined;
    for (const auto& part : {first_name, last_name}) {
        if (!part || part->empty()) continue;
        if (!joined.empty()) joined += ' ';
        joined += *part;
    }
    if (joined.empty()) return std::nullopt;
    return joined;
}

namespace detail {

CandidateView read_candidate(element o) {
    CandidateView v;
    v.id = text_at(o, {"id"});
    v.full_name = text_at(o, {"full_name"});
    v.first_name = text_at(o, {"first_name"});
    v.last_name = text_at(o, {"last_name"});
    v.email = text_at(o, {"email"});
    v.phone_number = text_at(o, {"phone_number"});
    v.title = text_at(o, {"title"});
    v.company = text_at(o, {"company"});
    v.address = text_at(o, {"location", "address"});
    v.country = text_at(o, {"location", "country", "name"});
    v.image_url = text_at(o, {"image_url"});
    for (const auto tag : array_at(o, {"tags"})) {
        if (tag.is_object())
            v.tags.push_back(IdName{text_at(tag, {"id"}), text_at(tag, {"name"})});
        else if (auto name = text_of(tag))
            v.tags.push_back(IdName{std::nullopt, std::move(name)});
    }
    v.rating = number_at(o, {"rating"});
    v.application_ids = texts_at(o, {"application_ids"});
    for (const auto profile : array_at(o, {"social_profiles"})) {
        if (profile.is_null()) continue;
        v.social_profiles.push_back(
            SocialProfileView{text_at(profile, {"type"}), text_at(profile, {"uri"})});
    }
    v.tag = id_name_at(o, {"tag"});
    // A tag event might carry the tag itself ({"id": "tag_...", "name": ...}) rather than the
    // candidate; then the object's id and name are the tag's.
    if (!v.tag && v.id && v.id->starts_with("tag_")) {
        v.tag = IdName{v.id, text_at(o, {"name"})};
        v.id.reset();
    }
    return v;
}

ApplicationView read_application(element o) {
    ApplicationView v;
    v.id = text_at(o, {"id"});
    if (const auto candidate = at(o, {"candidate"}); candidate && candidate->is_object())
        v.candidate = read_candidate(*candidate);
    v.applied_at = date_time_at(o, {"applied_at"});
    v.job_id = text_at(o, {"job", "id"});
    v.job_title = text_at(o, {"job", "title"});
    v.cover_letter = text_at(o, {"cover_letter"});
    v.parent_stage = text_at(o, {"stage", "parent_stage"});
    v.custom_stage_id = text_at(o, {"stage", "custom_stage", "id"});
    v.custom_stage_name = text_at(o, {"stage", "custom_stage", "name"});
    v.resume_id = text_at(o, {"resume", "id"});
    v.resume_file = text_at(o, {"resume", "original", "original_name"});
    if (!v.resume_file) v.resume_file = text_at(o, {"resume", "original", "name"});
    if (!v.resume_file) v.resume_file = text_at(o, {"resume", "pdf", "original_name"});
    v.origin = text_at(o, {"source", "origin"});
    v.source = text_at(o, {"source", "source"});
    v.source_contact = id_name_at(o, {"source", "contact"});
    v.source_user = id_name_at(o, {"source", "user"});
    v.source_recruiter = id_name_at(o, {"source", "recruiter"});
    v.interviews = texts_at(o, {"interviews"});
    v.feedback = texts_at(o, {"feedback"});
    v.potential_duplicate = bool_at(o, {"potential_duplicate"});
    v.consent_expires_at = date_time_at(o, {"compliance", "gdpr", "consent_expires_at"});
    return v;
}

NoteView read_note(element o) {
    NoteView v;
    v.id = text_at(o, {"id"});
    v.date_created = date_time_at(o, {"date_created"});
    v.text = text_at(o, {"text"});
    v.creator_name = text_at(o, {"creator", "name"});
    v.creator_user_id = text_at(o, {"creator", "user_id"});
    v.creator_guest_id = text_at(o, {"creator", "guest_id"});
    v.creator_recruiter = text_at(o, {"creator", "recruiter"});
    for (const auto file : array_at(o, {"files"})) {
        if (file.is_null()) continue;
        v.files.push_back(NoteFileView{text_at(file, {"id"}), text_at(file, {"name"}),
                                       text_at(file, {"original_name"}), text_at(file, {"type"}),
                                       text_at(file, {"content_type"}),
                                       number_at(file, {"size_in_kb"})});
    }
    v.mentioned_users = texts_at(o, {"mentioned_users"});
    v.restricted = bool_at(o, {"restricted"});
    v.share_application_id = text_at(o, {"share", "application_id"});
    v.share_message = text_at(o, {"share", "message"});
    v.share_guest_email = text_at(o, {"share", "guest", "email"});
    v.share_expires_at = date_time_at(o, {"share", "metadata", "expires_at"});
    return v;
}

} // namespace detail
} // namespace atshook::view
