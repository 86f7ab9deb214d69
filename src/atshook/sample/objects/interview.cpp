#include "atshook/sample/objects/objects.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <array>

namespace atshook::sample {
namespace {

using namespace std::chrono_literals;

struct Slot {
    Instant start;
    Instant end;
};

// A weekday slot in office hours (09:00 to 17:00) of `zone`, some working days after (or,
// for a past interview, before) the local date of `now`.
Slot working_hours_slot(Random& random, Instant now, std::string_view zone_name, bool past) {
    const date::time_zone* zone = date::locate_zone(zone_name);
    const auto local_now = zone->to_local(std::chrono::floor<std::chrono::seconds>(now));
    auto day = std::chrono::floor<date::days>(local_now);
    for (int working_days = random.between(1, 8); working_days > 0;) {
        day += date::days{past ? -1 : 1};
        const date::weekday weekday{day};
        if (weekday != date::Saturday && weekday != date::Sunday) --working_days;
    }
    const int minutes_long = std::array{30, 45, 60, 90}[random.below(4)];
    const int latest_start = 17 * 60 - minutes_long; // ends by 17:00
    const int quarter = random.between(0, (latest_start - 9 * 60) / 15);
    const auto local_start = day + std::chrono::minutes{9 * 60 + quarter * 15};
    const auto start = zone->to_sys(local_start, date::choose::earliest);
    return {start, start + std::chrono::minutes{minutes_long}};
}

struct Meeting {
    std::string_view kind; // HireHive's online_meeting_type
    std::string url;
};

std::string lower_letters(Random& random, std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) text += static_cast<char>('a' + random.below(26));
    return text;
}

Meeting online_meeting(Random& random, std::string_view employer_slug) {
    const int roll = random.between(1, 100);
    if (roll <= 45) {
        // Drawn last part first: the order GCC gave these draws when they were the arguments
        // of one call (unspecified in C++), kept so that every compiler gives those bytes.
        const std::string last = lower_letters(random, 3);
        const std::string middle = lower_letters(random, 4);
        const std::string first = lower_letters(random, 3);
        return {"hangouts_meet",
                fmt::format("https://meet.google.com/{}-{}-{}", first, middle, last)};
    }
    if (roll <= 80)
        return {
            "teams_for_business",
            fmt::format("https://teams.microsoft.com/l/meetup-join/19%3ameeting_{}%40thread.v2/0",
                        random.alphanumeric(32))};
    if (roll <= 85)
        return {"skype_for_consumer",
                fmt::format("https://join.skype.com/{}", random.alphanumeric(12))};
    if (roll <= 90)
        return {"skype_for_business", fmt::format("https://meet.lync.com/{}/interviews/{}",
                                                  employer_slug, random.alphanumeric(8))};
    if (roll <= 95)
        return {"event_hangout",
                fmt::format("https://hangouts.google.com/call/{}", random.alphanumeric(26))};
    return {"event_named_hangout",
            fmt::format("https://hangouts.google.com/hangouts/_/example.com/interview-{}",
                        lower_letters(random, 6))};
}

std::string slug(std::string_view text) {
    std::string out;
    for (const char c : text)
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += c;
        else if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
    return out;
}

// An attendee whose reply is already drawn; its id is drawn here. Null ids are empty views.
void write_attendee(JsonWriter& out, Random& random, IdMint& ids, std::string_view application_id,
                    std::string_view user_id, std::string_view type, std::string_view status,
                    std::string_view name, std::string_view email) {
    out.begin_object();
    out.member("id", ids.mint(random, "attd_"));
    if (application_id.empty())
        out.member("application_id", nullptr);
    else
        out.member("application_id", application_id);
    if (user_id.empty())
        out.member("user_id", nullptr);
    else
        out.member("user_id", user_id);
    out.member("type", type);
    out.member("status", status);
    out.member("display_name", name);
    out.member("email", email);
    out.end_object();
}

std::string_view reply(Random& random, bool cancelled) {
    if (cancelled) return std::array{"declined", "accepted", "pending"}[random.below(3)];
    const int roll = random.between(1, 100);
    return roll <= 65 ? "accepted" : roll <= 85 ? "pending" : roll <= 95 ? "maybe" : "declined";
}

std::string_view interview_round(Random& random, const Role& role) {
    const std::string_view second = role.category == "Engineering" ? "Technical interview"
                                    : role.category == "Design"    ? "Portfolio review"
                                                                   : "Second interview";
    return std::array<std::string_view, 4>{"Phone screen", "First interview", second,
                                           "Final interview"}[random.below(4)];
}

} // namespace

void write_interview(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                     std::string_view type) {
    const bool past = type == "interview.updated" && random.chance(20);
    const Slot slot = working_hours_slot(random, cast.now, cast.city->time_zone, past);
    const int roll = random.between(1, 100);
    const std::string_view kind = roll <= 55 ? "online" : roll <= 75 ? "phone" : "on_site";
    const std::string_view round =
        kind == "phone" ? std::string_view("Phone screen") : interview_round(random, *cast.role);
    write_interview(out, cast, random, ids, type, {slot.start, slot.end, kind, round});
}

void write_interview(JsonWriter& out, const Cast& cast, Random& random, IdMint& ids,
                     std::string_view type, const InterviewPlan& plan) {
    const bool cancelled = type == "interview.cancelled";
    const bool past = plan.start < cast.now;
    const Slot slot{plan.start, plan.end};
    const std::string_view kind = plan.kind;
    const std::string_view round = plan.round;
    const Person& organizer = cast.team[0];

    Meeting meeting{"unknown", ""};
    std::string location;
    if (kind == "online") {
        meeting = online_meeting(random, slug(cast.employer));
        location = meeting.url;
    } else if (kind == "phone") {
        location = cast.candidate_phone;
    } else {
        location = std::string(cast.city->office);
    }

    // The attendees are drawn before the interview's id, written after it.
    std::string event_text;
    event_text.reserve(1024);
    JsonWriter event(event_text);
    event.begin_object();
    event.member("title",
                 fmt::format("{}: {} for {}", round, cast.candidate.name.full(), cast.role->title));
    event.member("location", location);
    event.member("type", kind);
    event.member("status", cancelled ? "cancelled" : past ? "past" : "active");
    event.member("start", date_text(slot.start));
    event.member("end", date_text(slot.end));
    event.member("time_zone", cast.city->time_zone);
    event.member("organizer_id", organizer.id);
    event.array("attendees");
    write_attendee(event, random, ids, cast.application_id, {}, "candidate",
                   reply(random, cancelled), cast.candidate.name.full(), cast.candidate.email);
    write_attendee(event, random, ids, {}, organizer.id, "user", "accepted", organizer.name.full(),
                   organizer.email);
    const int colleagues = kind == "phone" ? 0 : random.between(1, 2);
    for (int i = 1; i <= colleagues; ++i) {
        const Person& user = cast.team[static_cast<std::size_t>(i)];
        const std::string_view status = reply(random, cancelled);
        write_attendee(event, random, ids, {}, user.id, "user", status, user.name.full(),
                       user.email);
    }
    if (kind != "phone" && random.chance(20)) {
        const PersonName guest = random_name(random);
        const std::string_view status = reply(random, cancelled);
        write_attendee(event, random, ids, {}, {}, "guest", status, guest.full(),
                       guest.first_ascii + "." + guest.last_ascii + "@example.org");
    }
    event.end_array();
    event.end_object();

    std::string for_candidate;
    if (kind == "online")
        for_candidate = "Join from a quiet place with your camera on; we will share a short "
                        "exercise on screen.";
    else if (kind == "phone")
        for_candidate =
            fmt::format("{} will call you on {}.", organizer.name.first, cast.candidate_phone);
    else
        for_candidate =
            fmt::format("Please ask for {} at reception and bring photo ID. Address: {}.",
                        organizer.name.first, cast.city->office);
    out.begin_object();
    out.member("id", ids.mint(random, "int_"));
    out.member("candidate_id", cast.candidate.id);
    out.member("application_id", cast.application_id);
    out.member("job_id", cast.job_id);
    out.key("event").raw(event_text);
    out.object("meta");
    out.member("note_for_candidate", for_candidate);
    out.member(
        "note_for_attendees",
        fmt::format("{}. Scorecard in HireHive; please submit feedback the same day.", round));
    out.member("attach_resume_to_invite", random.chance(70));
    out.member("online_meeting_type", meeting.kind);
    out.member("meeting_url", meeting.url);
    out.end_object();
    out.end_object();
}

} // namespace atshook::sample
