#include "atshook/render/card/card.hpp"
#include "atshook/render/card/when.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace atshook::render {
namespace {

using view::AttendeeView;
using view::InterviewView;

bool is_cancelled(const Card& card, const InterviewView& interview) {
    return interview.status == "cancelled" || card.event_type == "interview.cancelled";
}

Rich status_of(const InterviewView& interview, bool cancelled, const Glyphs& g) {
    if (cancelled) return {{fmt::format("{} CANCELLED", g.cancelled), Tone::alert}};
    if (!interview.status) return dash(g);
    if (*interview.status == "active") return {{fmt::format("{} active", g.active), Tone::good}};
    if (*interview.status == "past") return {{fmt::format("{} past", g.past), Tone::muted}};
    return {{*interview.status, Tone::warn}};
}

Rich type_of(const view::Text& type, const Glyphs& g) {
    if (!type) return dash(g);
    if (*type == "on_site") return {{"on site"}};
    return {{words(*type)}};
}

std::string meeting_name(std::string_view type) {
    if (type == "hangouts_meet" || type == "event_named_hangout" || type == "event_hangout")
        return "Google Meet";
    if (type == "teams_for_business") return "Microsoft Teams";
    if (type == "skype_for_consumer") return "Skype";
    if (type == "skype_for_business") return "Skype for Business";
    if (type == "unknown") return "online meeting";
    return words(type);
}

Rich where_of(const InterviewView& interview, const Glyphs& g) {
    const std::string dot = fmt::format(" {} ", g.dot);
    const bool has_location = interview.location && !interview.location->empty();
    const bool has_url = interview.meeting_url && !interview.meeting_url->empty();
    Rich where;
    const std::string type = interview.type.value_or("");
    if (type == "online" || (type.empty() && has_url)) {
        where.push_back({interview.online_meeting_type
                             ? meeting_name(*interview.online_meeting_type)
                             : std::string("online meeting")});
        where.push_back({dot});
        if (has_url)
            where.push_back({*interview.meeting_url, Tone::link});
        else
            where.push_back({"no meeting link", Tone::warn});
        // Calendars often copy the link into the location: show it once.
        if (has_location && interview.location != interview.meeting_url)
            where.push_back({dot + *interview.location});
    } else if (type == "phone") {
        // The location holds the phone number or a note about the call.
        if (has_location)
            where.push_back({*interview.location, Tone::strong});
        else
            where.push_back({"no number or note given", Tone::muted});
    } else {
        if (has_location)
            where.push_back({*interview.location, Tone::strong});
        else
            where.push_back(
                {type == "on_site" ? "no address given" : std::string(g.dash), Tone::muted});
    }
    if (type != "online" && !type.empty() && has_url)
        where.push_back({dot + *interview.meeting_url, Tone::link});
    return where;
}

std::optional<time::Instant> instant(const view::When& when, const time::Zone& zone) {
    if (!when || !when->parsed) return std::nullopt;
    return time::instant_in_zone(*when->parsed, zone);
}

void add_when(Section& section, const InterviewView& interview, const CardContext& context) {
    const auto& g = context.glyphs;
    const auto zone = time::resolve_zone(interview.time_zone.value_or(""));
    const auto start = instant(interview.start, zone);
    const auto end = instant(interview.end, zone);
    Rich when = format_range(start, end, zone, g);
    for (const auto* side : {&interview.start, &interview.end}) {
        if (*side && !(*side)->parsed)
            when.push_back({fmt::format(" {} {} \"{}\" is not a date-time", g.dot,
                                        side == &interview.start ? "start" : "end", (*side)->text),
                            Tone::warn});
    }
    section.fields.push_back({"When", when});

    Rich zone_text;
    switch (zone.source) {
    case time::Zone::Source::iana:
        zone_text.push_back({zone.name()});
        break;
    case time::Zone::Source::windows:
        zone_text = {{zone.name()},
                     {fmt::format(" (Windows name \"{}\")", zone.given), Tone::muted}};
        break;
    case time::Zone::Source::missing:
        zone_text = {{"none given; times shown in UTC", Tone::warn}};
        break;
    case time::Zone::Source::unknown:
        zone_text = {
            {fmt::format("\"{}\" is not a known time zone; times shown in UTC", zone.given),
             Tone::warn}};
        break;
    }
    const bool wall_times =
        (interview.start && interview.start->parsed && !interview.start->parsed->offset) ||
        (interview.end && interview.end->parsed && !interview.end->parsed->offset);
    if (wall_times)
        zone_text.push_back(
            {fmt::format(" {} start and end carry no UTC offset, read as this zone's "
                         "clock",
                         g.dot),
             Tone::muted});
    section.fields.push_back({"Time zone", zone_text});

    // The reader's clock, when it would read differently from the interview's.
    bool differs = false;
    for (const auto& moment : {start, end})
        if (moment && time::read_in_zone(*moment, zone).offset !=
                          time::read_in_zone(*moment, context.viewer).offset)
            differs = true;
    if (differs) {
        Rich yours = format_range(start, end, context.viewer, g);
        if (yours.size() > 1 && start && end) yours.pop_back(); // the duration is said above
        // The zone's name, unless the abbreviation already said it ("UTC").
        const auto name = context.viewer.name();
        if (name != "UTC" && name != "Etc/UTC")
            yours.push_back({fmt::format(" {} {}", g.dot, name), Tone::muted});
        section.fields.push_back({"Your time", yours});
    }
}

Rich attendee_status(const view::Text& status, const Glyphs& g) {
    if (!status) return dash(g);
    if (*status == "accepted") return {{fmt::format("{} accepted", g.accepted), Tone::good}};
    if (*status == "pending") return {{fmt::format("{} pending", g.pending), Tone::info}};
    if (*status == "maybe") return {{fmt::format("{} maybe", g.maybe), Tone::warn}};
    if (*status == "declined") return {{fmt::format("{} declined", g.declined), Tone::bad}};
    return {{fmt::format("{} {}", g.unknown, *status), Tone::warn}};
}

bool is_organizer(const AttendeeView& a, const InterviewView& interview) {
    return interview.organizer_id && a.user_id && *a.user_id == *interview.organizer_id;
}

void add_attendees(Card& card, const InterviewView& interview, const CardContext& context) {
    const auto& g = context.glyphs;
    Section section;
    section.title = {{"Attendees", Tone::heading}};
    // The candidate first: the reader looks for them before the panel.
    std::vector<const AttendeeView*> order;
    for (const auto& a : interview.attendees) order.push_back(&a);
    std::stable_partition(order.begin(), order.end(),
                          [](const AttendeeView* a) { return a->type == "candidate"; });
    Table table{{"Name", "Email", "Role", "Status"}, {}};
    std::size_t accepted = 0, maybe = 0, pending = 0, declined = 0, other = 0;
    for (const auto* a : order) {
        // The role is the attendee's type (user, candidate, guest); the Organizer line above
        // the table already names who organizes.
        const Rich role = text_or_dash(a->type, g);
        table.rows.push_back({text_or_dash(a->display_name, g, Tone::strong),
                              text_or_dash(a->email, g), role, attendee_status(a->status, g)});
        const std::string status = a->status.value_or("");
        (status == "accepted"   ? accepted
         : status == "maybe"    ? maybe
         : status == "pending"  ? pending
         : status == "declined" ? declined
                                : other)++;
    }
    const auto total = interview.attendees.size();
    std::string counts = fmt::format("{} attendee{}", total, total == 1 ? "" : "s");
    std::string sep = ": ";
    for (const auto& [count, name] : {std::pair{accepted, "accepted"},
                                      {maybe, "maybe"},
                                      {pending, "pending"},
                                      {declined, "declined"},
                                      {other, "without a known status"}}) {
        if (count == 0) continue;
        counts += fmt::format("{}{} {}", sep, count, name);
        sep = ", ";
    }
    if (!table.rows.empty()) section.table = std::move(table);
    section.paragraphs.push_back({{counts}});
    card.sections.push_back(std::move(section));
}

Rich organizer_of(const InterviewView& interview, const Glyphs& g) {
    if (!interview.organizer_id) return dash(g);
    for (const auto& a : interview.attendees)
        if (is_organizer(a, interview) && a.display_name)
            return {{*a.display_name, Tone::strong}, {" " + *interview.organizer_id, Tone::code}};
    return {{*interview.organizer_id, Tone::code}, {" (not among the attendees)", Tone::muted}};
}

} // namespace

void add_interview(Card& card, const InterviewView& interview, const CardContext& context) {
    const auto& g = context.glyphs;
    const bool cancelled = is_cancelled(card, interview);
    card.alarm = cancelled;
    if (cancelled) card.title.push_back({fmt::format("{} CANCELLED ", g.cancelled), Tone::alert});
    append(card.title, interview.title ? Rich{{*interview.title, Tone::strong}}
                                       : Rich{{"Untitled interview", Tone::muted}});

    Section main;
    main.fields.push_back({"Status", status_of(interview, cancelled, g)});
    main.fields.push_back({"Type", type_of(interview.type, g)});
    add_when(main, interview, context);
    main.fields.push_back({"Where", where_of(interview, g)});
    main.fields.push_back({"Organizer", organizer_of(interview, g)});
    main.fields.push_back({"Resume", yes_no(interview.attach_resume_to_invite,
                                            "attached to the invite", "not attached", g)});
    card.sections.push_back(std::move(main));

    add_attendees(card, interview, context);

    Section notes;
    notes.title = {{"Notes", Tone::heading}};
    notes.fields.push_back({"For candidate", text_or_dash(interview.note_for_candidate, g)});
    notes.fields.push_back({"For attendees", text_or_dash(interview.note_for_attendees, g)});
    card.sections.push_back(std::move(notes));

    add_id(card, "interview", interview.id, g);
    add_id(card, "candidate", interview.candidate_id, g);
    add_id(card, "application", interview.application_id, g);
    add_id(card, "job", interview.job_id, g);
}

} // namespace atshook::render
