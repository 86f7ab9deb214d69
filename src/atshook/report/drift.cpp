#include "atshook/report/drift.hpp"

#include "atshook/json_text.hpp"
#include "atshook/printable.hpp"
#include "atshook/render/tone.hpp"
#include "atshook/report/document.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace atshook::report {
namespace {

using json = nlohmann::ordered_json;
using learn::ChangeKind;
using learn::Impact;
using learn::Share;
using render::append_painted;
using render::Tone;

// A whole percentage that never rounds a share that is not all or none to 100% or 0%.
std::string percent(const Share& share) {
    if (share.count == 0) return "0%";
    if (share.count >= share.of) return "100%";
    const double value = std::round(100 * share.rate());
    return fmt::format("{}%", static_cast<int>(std::clamp(value, 1.0, 99.0)));
}

// "80% of 40 objects", "none of 25 objects"
std::string share_text(const Share& share, std::string_view noun) {
    if (share.count == 0) return fmt::format("none of {}", counted(share.of, noun));
    return fmt::format("{} of {}", percent(share), counted(share.of, noun));
}

std::string joined(const std::vector<std::string>& items) {
    if (items.empty()) return "nothing";
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ", ";
        out += item;
    }
    return out;
}

std::string where(const learn::Location& at) {
    return at.line ? fmt::format("{}:{}", at.source, at.line) : at.source;
}

json location_json(const learn::Location& at) {
    return {{"source", at.source}, {"line", at.line}, {"pointer", at.pointer}};
}

json share_json(const Share& share) {
    return {{"count", share.count}, {"of", share.of}};
}

} // namespace

std::string drift_message(const learn::Change& change) {
    const Share& was = change.before;
    const Share& now = change.after;
    switch (change.kind) {
    case ChangeKind::event_type_added:
        return fmt::format("event type added: {} of {}", counted(now.count, "document"),
                           counted(now.of, "document"));
    case ChangeKind::event_type_vanished:
        return fmt::format("event type vanished: was {} of {}, now none of {}",
                           counted(was.count, "document"), counted(was.of, "document"),
                           counted(now.of, "document"));
    case ChangeKind::field_added:
        return fmt::format("field added: in {} ({})", share_text(now, "object"),
                           joined(change.now));
    case ChangeKind::field_vanished:
        return fmt::format("field vanished: was in {} ({}), now in {}", share_text(was, "object"),
                           joined(change.was), share_text(now, "object"));
    case ChangeKind::presence_changed:
        return fmt::format("presence changed: was in {}, now in {}", share_text(was, "object"),
                           share_text(now, "object"));
    case ChangeKind::null_rate_changed:
        return fmt::format("null rate changed: was {}, now {}", share_text(was, "value"),
                           share_text(now, "value"));
    case ChangeKind::type_extended:
        return fmt::format("type extended: now also {} ({}); was {}", joined(change.added),
                           share_text(now, "value"), joined(change.was));
    case ChangeKind::type_narrowed:
        return fmt::format("type narrowed: no longer {} (was {}); now {}", joined(change.removed),
                           share_text(was, "value"), joined(change.now));
    case ChangeKind::type_changed:
        return fmt::format("type changed: was {}, now {} ({} {})", joined(change.was),
                           joined(change.now), joined(change.added), share_text(now, "value"));
    case ChangeKind::enum_extended:
        if (change.now_open)
            return fmt::format(
                "enum extended: no longer a closed set (more than {} values); was {}",
                learn::k_value_cap, joined(change.was));
        return fmt::format("enum extended: new {} ({}); was {}", joined(change.added),
                           share_text(now, "value"), joined(change.was));
    case ChangeKind::enum_narrowed:
        return fmt::format("enum narrowed: no longer {} (was {}); now {}", joined(change.removed),
                           share_text(was, "value"), joined(change.now));
    case ChangeKind::format_changed:
        return fmt::format("format changed: was {}, now {} ({} {})", joined(change.was),
                           joined(change.now),
                           joined(change.added.empty() ? change.removed : change.added),
                           share_text(change.added.empty() ? was : now, "string"));
    case ChangeKind::prefix_changed:
        return fmt::format("prefix changed: was {}, now {} ({} {})", joined(change.was),
                           joined(change.now),
                           joined(change.added.empty() ? change.removed : change.added),
                           share_text(change.added.empty() ? was : now, "string"));
    }
    return {};
}

// delivery.json:3: breaking: job.created /data/object/title: field vanished: ... [field-vanished]
void drift_text(std::string& out, const DriftReport& report, bool color) {
    const learn::Drift& drift = report.drift;
    for (const learn::Change& change : drift.changes) {
        append_painted(out, printable(where(change.first)) + ":", Tone::strong, color);
        out += ' ';
        const bool breaking = change.impact == Impact::breaking;
        append_painted(out, std::string(learn::to_string(change.impact)) + ":",
                       breaking ? Tone::alert : Tone::info, color);
        out += ' ';
        out += change.event;
        if (!change.pointer.empty()) out += ' ' + printable(change.pointer);
        out += fmt::format(": {} [{}]\n", printable(drift_message(change)),
                           learn::to_string(change.kind));
    }
    const std::size_t breaking = drift.breaking();
    out += fmt::format("drift: {} breaking, {} in {} of {} ({} then {})\n", breaking,
                       counted(drift.changes.size() - breaking, "additive change"),
                       drift.changed_event_types(), counted(drift.event_types, "event type"),
                       counted(drift.before_documents, "document"),
                       counted(drift.after_documents, "document"));
}

void drift_json(std::string& out, const DriftReport& report) {
    const learn::Drift& drift = report.drift;
    for (const learn::Change& change : drift.changes) {
        json record = {{"record", "change"},
                       {"event", change.event},
                       {"pointer", change.pointer},
                       {"change", learn::to_string(change.kind)},
                       {"impact", learn::to_string(change.impact)},
                       {"old", share_json(change.before)},
                       {"new", share_json(change.after)},
                       {"was", change.was},
                       {"now", change.now},
                       {"added", change.added},
                       {"removed", change.removed}};
        if (change.kind == ChangeKind::enum_extended) record["now_open"] = change.now_open;
        record["first"] = location_json(change.first);
        record["message"] = drift_message(change);
        out += json_text(record);
        out += '\n';
    }
    const std::size_t breaking = drift.breaking();
    out += json_text(json{{"record", "summary"},
                          {"breaking", breaking},
                          {"additive", drift.changes.size() - breaking},
                          {"event_types", drift.event_types},
                          {"changed_event_types", drift.changed_event_types()},
                          {"old_documents", drift.before_documents},
                          {"new_documents", drift.after_documents}});
    out += '\n';
}

} // namespace atshook::report
