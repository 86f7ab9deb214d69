#include "atshook/view/read_object.hpp"

namespace atshook::view::detail {

InterviewView read_interview(element o) {
    InterviewView v;
    v.id = text_at(o, {"id"});
    v.candidate_id = text_at(o, {"candidate_id"});
    v.application_id = text_at(o, {"application_id"});
    v.job_id = text_at(o, {"job_id"});
    v.title = text_at(o, {"event", "title"});
    v.location = text_at(o, {"event", "location"});
    v.type = text_at(o, {"event", "type"});
    v.status = text_at(o, {"event", "status"});
    v.start = date_time_at(o, {"event", "start"});
    v.end = date_time_at(o, {"event", "end"});
    v.time_zone = text_at(o, {"event", "time_zone"});
    v.organizer_id = text_at(o, {"event", "organizer_id"});
    for (const auto a : array_at(o, {"event", "attendees"})) {
        if (a.is_null()) continue;
        v.attendees.push_back(AttendeeView{text_at(a, {"id"}), text_at(a, {"application_id"}),
                                           text_at(a, {"user_id"}), text_at(a, {"type"}),
                                           text_at(a, {"status"}), text_at(a, {"display_name"}),
                                           text_at(a, {"email"})});
    }
    v.note_for_candidate = text_at(o, {"meta", "note_for_candidate"});
    v.note_for_attendees = text_at(o, {"meta", "note_for_attendees"});
    v.attach_resume_to_invite = bool_at(o, {"meta", "attach_resume_to_invite"});
    v.online_meeting_type = text_at(o, {"meta", "online_meeting_type"});
    v.meeting_url = text_at(o, {"meta", "meeting_url"});
    return v;
}

} // namespace atshook::view::detail
