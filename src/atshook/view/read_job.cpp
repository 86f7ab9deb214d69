#include "atshook/view/read_object.hpp"

namespace atshook::view::detail {

JobView read_job(element o) {
    JobView v;
    v.id = text_at(o, {"id"});
    v.title = text_at(o, {"title"});
    v.description = text_at(o, {"description"});
    v.city = text_at(o, {"location", "city"});
    v.state = text_at(o, {"location", "state", "name"});
    v.country = text_at(o, {"location", "country", "name"});
    v.remote = text_at(o, {"location", "remote"});
    v.owner_id = text_at(o, {"owner_id"});
    v.status = text_at(o, {"status"});
    v.type = text_at(o, {"type"});
    v.experience = text_at(o, {"experience"});
    v.salary = text_at(o, {"salary"});
    v.job_code = text_at(o, {"job_code"});
    v.created_date = date_time_at(o, {"created_date"});
    v.published_date = date_time_at(o, {"published_date"});
    v.category = text_at(o, {"category", "name"});
    v.language = text_at(o, {"language", "name"});
    v.assigned_users = texts_at(o, {"assigned_team", "assigned_users"});
    for (const auto ad : array_at(o, {"job_ads"})) {
        if (ad.is_null()) continue;
        v.job_ads.push_back(JobAdView{text_at(ad, {"id"}), date_time_at(ad, {"created_at"}),
                                      date_time_at(ad, {"expires_at"}), text_at(ad, {"job_board"}),
                                      text_at(ad, {"status"})});
    }
    return v;
}

} // namespace atshook::view::detail
