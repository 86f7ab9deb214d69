#include "atshook/catalog.hpp"
#include "atshook/json_text.hpp"

#include <algorithm>
#include <vector>

namespace atshook {
namespace {

constexpr auto D = Provenance::documented;
constexpr auto I = Provenance::inferred;

constexpr EventInfo k_events[] = {
    {"job.created", "a new job was created", D, ObjectKind::job},
    {"job.updated", "a job's details changed", I, ObjectKind::job},
    {"job.status.updated", "a job's status changed (drafted, published, closed, internal)", I,
     ObjectKind::job},
    {"job.deleted", "a job was deleted", I, ObjectKind::job},
    {"application.created", "a new application was created", I, ObjectKind::application},
    {"application.stage.updated", "an application moved to another pipeline stage", I,
     ObjectKind::application},
    {"application.deleted", "an application was deleted", D, ObjectKind::application},
    {"candidate.updated", "a candidate's details were updated", D, ObjectKind::candidate},
    {"candidate.note.created", "a note was added to a candidate", I, ObjectKind::note},
    {"candidate.note.updated", "a candidate note was edited", I, ObjectKind::note},
    {"candidate.note.deleted", "a candidate note was removed", I, ObjectKind::note},
    {"candidate.tag.added", "a tag was attached to a candidate", I, ObjectKind::candidate},
    {"candidate.tag.removed", "a tag was detached from a candidate", I, ObjectKind::candidate},
    {"feedback.requested", "a feedback form was requested for an application", I,
     ObjectKind::feedback},
    {"feedback.submitted", "a feedback form was completed", D, ObjectKind::feedback},
    {"feedback.updated", "a submitted feedback form was changed", I, ObjectKind::feedback},
    {"interview.created", "an interview was scheduled", D, ObjectKind::interview},
    {"interview.updated", "an interview was changed", I, ObjectKind::interview},
    {"interview.cancelled", "an interview was cancelled", I, ObjectKind::interview},
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::span<const EventInfo> all_events() {
    return k_events;
}

const EventInfo* find_event(std::string_view name) {
    for (const auto& event : k_events)
        if (event.name == name) return &event;
    return nullptr;
}

std::optional<std::string_view> nearest_event(std::string_view name) {
    constexpr std::size_t k_longest_guess = 64; // the longest type has 28 characters
    if (name.size() > k_longest_guess) return std::nullopt;
    const EventInfo* best = &k_events[0];
    std::size_t best_distance = edit_distance(name, best->name);
    for (const auto& event : k_events) {
        const std::size_t d = edit_distance(name, event.name);
        if (d < best_distance) {
            best = &event;
            best_distance = d;
        }
    }
    return best->name;
}

std::string unknown_event_message(std::string_view name) {
    std::string message = quoted_excerpt(name) + " is not a HireHive event type; ";
    if (const auto guess = nearest_event(name))
        message += "did you mean \"" + std::string(*guess) + "\"? ";
    return message + "(`ats-hook events` lists the 19 types)";
}

std::string_view to_string(Provenance provenance) {
    return provenance == Provenance::documented ? "documented" : "inferred";
}

std::string_view to_string(ObjectKind object) {
    switch (object) {
    case ObjectKind::job:
        return "job";
    case ObjectKind::application:
        return "application";
    case ObjectKind::candidate:
        return "candidate";
    case ObjectKind::note:
        return "note";
    case ObjectKind::feedback:
        return "feedback";
    case ObjectKind::interview:
        return "interview";
    }
    return "unknown";
}

} // namespace atshook
