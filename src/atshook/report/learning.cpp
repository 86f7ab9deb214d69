#include "atshook/report/learning.hpp"

#include "atshook/json_text.hpp"
#include "atshook/printable.hpp"
#include "atshook/render/tone.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <array>
#include <map>

namespace atshook::report {
namespace {

using json = nlohmann::ordered_json;
using learn::FactState;
using learn::FindingKind;
using learn::JsonType;
using learn::LearnFinding;
using render::append_painted;
using render::Tone;

std::string where(const learn::Location& at) {
    return at.line ? fmt::format("{}:{}", at.source, at.line) : at.source;
}

std::string provenance(const LearnFinding& finding) {
    switch (finding.kind) {
    case FindingKind::undocumented_field:
        return "not in the schema";
    case FindingKind::never_seen:
        return finding.documented ? "documented: unobserved" : "inferred: unobserved";
    default:
        return finding.documented ? "documented: the sender deviates from its documentation"
                                  : "inferred: contradicted";
    }
}

std::string plural(std::uint64_t count, std::string_view noun) {
    return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

json location_json(const learn::Location& at) {
    return {{"source", at.source}, {"line", at.line}, {"pointer", at.pointer}};
}

json counts_json(const learn::CappedCounts& counts) {
    if (counts.overflowed) return "overflowed";
    json out = json::object();
    for (const auto& [key, counted] : counts.entries) out[key] = counted.count;
    return out;
}

std::array<std::uint64_t, 5> tally_states(const learn::EventJudgement& event) {
    std::array<std::uint64_t, 5> out{};
    for (const auto& field : event.fields) ++out[static_cast<std::size_t>(field.state)];
    return out;
}

std::string state_summary(const learn::EventJudgement& event) {
    const auto states = tally_states(event);
    return fmt::format("{} confirmed, {} contradicted, {} deviating from the documentation, {} "
                       "inferred seen fewer than {} times, {} unobserved",
                       states[0], states[3], states[4], states[1], learn::k_confirming_count,
                       states[2]);
}

json pointer_json(const learn::PointerStats& stats, std::uint64_t holder_count, bool show_values) {
    json out = json::object();
    out["present"] = stats.present.count;
    if (holder_count >= stats.present.count) out["absent"] = holder_count - stats.present.count;
    out["null"] = stats.types[static_cast<std::size_t>(JsonType::null)].count;
    out["empty_string"] = stats.empty_string.count;
    json types = json::object();
    for (std::size_t i = 0; i < learn::k_json_types; ++i)
        if (stats.types[i].count)
            types[std::string(learn::to_string(static_cast<JsonType>(i)))] = stats.types[i].count;
    out["types"] = std::move(types);
    if (stats.types[static_cast<std::size_t>(JsonType::string)].count)
        out["length"] = {{"min", stats.min_length}, {"max", stats.max_length}};
    if (stats.has_number) out["range"] = {{"min", stats.min_number}, {"max", stats.max_number}};
    if (!stats.formats.entries.empty() || stats.formats.overflowed)
        out["formats"] = counts_json(stats.formats);
    if (!stats.prefixes.entries.empty() || stats.prefixes.overflowed)
        out["prefixes"] = counts_json(stats.prefixes);
    if (show_values || learn::enum_like(stats)) {
        if (stats.values.overflowed) {
            out["values"] = "overflowed";
        } else if (!stats.values.entries.empty()) {
            json values = json::array();
            for (const auto& [text, counted] : stats.values.entries)
                values.push_back({{"value", json::parse(text)}, {"count", counted.count}});
            out["values"] = std::move(values);
        }
    }
    if (!stats.key_kinds.entries.empty() || stats.key_kinds.overflowed)
        out["keys"] = counts_json(stats.key_kinds);
    if (!stats.distinct.empty())
        out["distinct"] = stats.values.overflowed ? stats.distinct.estimate()
                                                  : stats.values.entries.size();
    if (stats.present.count) out["first"] = location_json(stats.present.first);
    return out;
}

} // namespace

std::string_view severity_of(const LearnFinding& finding) {
    if (finding.kind == FindingKind::never_seen) return "note";
    if (!learn::contradicts(finding.kind)) return "warning";
    return finding.documented ? "error" : "warning";
}

void learning_text(std::string& out, const LearnReport& report, bool color) {
    std::map<std::string, std::string, std::less<>> first_source;
    for (const auto& [name, event] : report.profile.events)
        first_source[name] = where(event.documents.first);
    for (const LearnFinding* finding : report.judgement.findings()) {
        const std::string location =
            finding->first ? where(*finding->first) : first_source[finding->event];
        append_painted(out, printable(location) + ":", Tone::strong, color);
        out += ' ';
        const std::string_view severity = severity_of(*finding);
        append_painted(out, std::string(severity) + ":",
                       severity == "error" ? Tone::alert
                                           : severity == "warning" ? Tone::warn : Tone::info,
                       color);
        out += fmt::format(" {} {}: {}", finding->event, printable(finding->pointer),
                           printable(finding->message));
        if (finding->first && !finding->first->pointer.empty() &&
            finding->first->pointer != finding->pointer)
            out += fmt::format(" (first at {})", printable(finding->first->pointer));
        out += fmt::format(" [{}; {}]\n", learn::to_string(finding->kind), provenance(*finding));
    }
    for (const auto& event : report.judgement.events) {
        if (report.list_facts) {
            for (const auto& field : event.fields)
                out += fmt::format("{} {}: {} ({}, seen {} times)\n", event.event->name,
                                   field.pointer, learn::to_string(field.state),
                                   field.documented ? "documented" : "inferred", field.seen);
        }
        out += fmt::format("{}: {}; {}: {}; {}\n", event.event->name,
                           plural(event.documents, "document"),
                           plural(event.fields.size(), "field"), state_summary(event),
                           plural(event.findings.size(), "finding"));
    }
    std::size_t findings = 0;
    for (const auto& event : report.judgement.events) findings += event.findings.size();
    out += fmt::format("learn: {} of {} ({} unreadable, {} of unknown type); {}\n",
                       plural(report.profile.documents, "document"),
                       plural(report.judgement.events.size(), "event type"),
                       report.profile.unreadable.count, report.profile.unknown_type.count,
                       plural(findings, "finding"));
}

void learning_json(std::string& out, const LearnReport& report) {
    const auto line = [&out](const json& record) {
        out += json_text(record);
        out += '\n';
    };
    for (const LearnFinding* finding : report.judgement.findings()) {
        json record = {{"record", "finding"},
                       {"event", finding->event},
                       {"pointer", finding->pointer},
                       {"finding", learn::to_string(finding->kind)},
                       {"severity", severity_of(*finding)},
                       {"subject", finding->subject},
                       {"count", finding->count},
                       {"of", finding->of},
                       {"message", finding->message}};
        record["first"] = finding->first ? location_json(*finding->first) : json(nullptr);
        record["fact"] = finding->kind == FindingKind::undocumented_field
                             ? json(nullptr)
                             : json(finding->documented ? "documented" : "inferred");
        line(record);
    }
    std::size_t findings = 0;
    for (const auto& event : report.judgement.events) {
        const auto& profile = report.profile.events.at(std::string(event.event->name));
        const auto& model = report.models.at(*event.event);
        for (const auto& field : event.fields) {
            json record = {{"record", "pointer"},
                           {"event", event.event->name},
                           {"pointer", field.pointer},
                           {"in_schema", true},
                           {"fact", field.documented ? "documented" : "inferred"},
                           {"state", learn::to_string(field.state)}};
            record.update(pointer_json(field.evidence, field.holders,
                                       report.profile.show_values));
            line(record);
        }
        for (const auto& [pointer, stats] : profile.pointers) {
            if (pointer.empty() || model.fields_at(pointer)) continue;
            json record = {{"record", "pointer"},
                           {"event", event.event->name},
                           {"pointer", pointer},
                           {"in_schema", false}};
            record.update(pointer_json(stats, profile.holders(pointer), report.profile.show_values));
            line(record);
        }
        const auto states = tally_states(event);
        line({{"record", "event"},
              {"event", event.event->name},
              {"documents", event.documents},
              {"fields",
               {{"confirmed", states[0]},
                {"observed", states[1]},
                {"unobserved", states[2]},
                {"contradicted", states[3]},
                {"deviates", states[4]}}},
              {"findings", event.findings.size()}});
        findings += event.findings.size();
    }
    line({{"record", "summary"},
          {"documents", report.profile.documents},
          {"unreadable", report.profile.unreadable.count},
          {"unknown_type", report.profile.unknown_type.count},
          {"event_types", report.judgement.events.size()},
          {"findings", findings}});
}

} // namespace atshook::report
