#include "atshook/learn/judgement.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <set>

namespace atshook::learn {
namespace {

using json = nlohmann::json;

std::string parent_of(std::string_view pointer) {
    const std::size_t slash = pointer.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(pointer.substr(0, slash));
}

const Counted& of_type(const PointerStats& stats, JsonType type) {
    return stats.types[static_cast<std::size_t>(type)];
}

// The least of several firsts.
void take_first(std::optional<Location>& first, const Counted& counted) {
    if (counted.count == 0) return;
    if (!first || comes_before(counted.first, *first)) first = counted.first;
}

std::string list_values(const std::vector<json>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i == 8) return out + ", ...";
        if (i) out += ", ";
        out += values[i].dump();
    }
    return out;
}

std::string times(std::uint64_t count, std::uint64_t of) {
    return of ? fmt::format("{} of {}", count, of) : fmt::format("{} times", count);
}

// "a Z suffix and 3 fractional digits" for "date-time Z .3".
std::string describe_date_time(std::string_view key) {
    const std::size_t dot = key.rfind('.');
    const std::string_view zone = key.substr(10, dot - 11);
    const std::string_view digits = key.substr(dot + 1);
    const std::string zone_text = zone == "Z" ? "a Z suffix" : fmt::format("a {} offset", zone);
    return fmt::format("{} and {} fractional digit{}", zone_text, digits, digits == "1" ? "" : "s");
}

class EventJudge {
public:
    EventJudge(const EventProfile& profile, const EventModel& model, EventJudgement& out)
        : m_profile(profile), m_model(model), m_out(out) {}

    void run() {
        group_fields();
        for (auto& field : m_out.fields) judge_field(field);
        find_undocumented();
    }

private:
    struct Group {
        std::set<std::string> pointers; // payload pointers seen for it
    };

    void group_fields() {
        std::map<std::string, std::size_t> index;
        for (std::size_t f = 0; f < m_model.fields().size(); ++f) {
            const FieldFact& fact = m_model.fields()[f];
            auto [found, inserted] = index.emplace(fact.pointer, m_out.fields.size());
            if (inserted) {
                m_out.fields.push_back({fact.pointer, fact.documented, FactState::unobserved, 0, {}, {}, 0});
                m_groups.emplace_back();
            }
            m_out.fields[found->second].fields.push_back(f);
        }
        for (const auto& [pointer, stats] : m_profile.pointers) {
            const auto* fields = m_model.fields_at(pointer);
            if (!fields) continue;
            for (const std::size_t f : *fields) {
                const std::size_t g = index.at(m_model.fields()[f].pointer);
                m_groups[g].pointers.insert(pointer);
            }
        }
    }

    void add(LearnFinding finding) {
        finding.event = std::string(m_model.event().name);
        m_out.findings.push_back(std::move(finding));
    }

    void judge_field(FieldJudgement& field) {
        const Group& group = m_groups[static_cast<std::size_t>(&field - m_out.fields.data())];
        const FieldFact& fact = m_model.fields()[field.fields.front()];
        const std::size_t findings_before = m_out.findings.size();
        PointerStats& evidence = field.evidence;
        std::uint64_t& holders = field.holders; // objects that could hold the member
        for (const std::string& pointer : group.pointers) {
            evidence.merge(m_profile.pointers.at(pointer));
            holders += m_profile.holders(pointer);
        }
        if (group.pointers.empty() && fact.key != "items") { // never there: where could it be?
            for (const auto& [pointer, stats] : m_profile.pointers) {
                const auto* objects = m_model.objects_at(pointer);
                if (!objects) continue;
                // The most objects any one place held: one shape's /data/object and the other's
                // /data may be the same documents.
                for (const ObjectFact& object : *objects)
                    if (fact.container == object.path + "/properties") {
                        holders = std::max(holders, of_type(stats, JsonType::object).count);
                        break;
                    }
            }
        }
        field.seen = evidence.present.count;
        const auto base = [&](FindingKind kind) {
            LearnFinding finding;
            finding.pointer = field.pointer;
            finding.kind = kind;
            finding.documented = field.documented;
            finding.fields = field.fields;
            finding.of = evidence.present.count;
            return finding;
        };

        // Types.
        TypeSet wrong = 0;
        LearnFinding types = base(FindingKind::type_mismatch);
        for (std::size_t i = 1; i < k_json_types; ++i) {
            const auto type = static_cast<JsonType>(i);
            const Counted& seen = of_type(evidence, type);
            if (seen.count == 0 || (fact.types & type_bit(type))) continue;
            wrong |= type_bit(type);
            types.count += seen.count;
            take_first(types.first, seen);
        }
        if (wrong) {
            types.seen_types = wrong;
            types.subject = describe_types(wrong);
            types.message = fmt::format("{} where the schema allows {}: {}", describe_types(wrong),
                                        describe_types(fact.types & ~type_bit(JsonType::null)),
                                        times(types.count, types.of));
            add(std::move(types));
        }
        if (const Counted& nulls = of_type(evidence, JsonType::null);
            nulls.count && !(fact.types & type_bit(JsonType::null))) {
            LearnFinding finding = base(FindingKind::null_not_allowed);
            finding.count = nulls.count;
            finding.first = nulls.first;
            finding.subject = "null";
            finding.message = fmt::format("null where the schema allows {}: {}",
                                          describe_types(fact.types), times(nulls.count, finding.of));
            add(std::move(finding));
        }
        // Enum.
        if (fact.enumeration) {
            std::set<std::string> allowed;
            for (const auto& value : *fact.enumeration) allowed.insert(value.dump());
            if (evidence.values.overflowed) {
                LearnFinding finding = base(FindingKind::enum_value_unknown);
                finding.count = evidence.present.count - of_type(evidence, JsonType::null).count;
                finding.first = evidence.present.first;
                finding.subject = "many values";
                finding.message = fmt::format(
                    "more than {} distinct values where the schema allows {}: {}", k_value_cap,
                    list_values(*fact.enumeration), times(finding.count, finding.of));
                add(std::move(finding));
            } else {
                for (const auto& [value, seen] : evidence.values.entries) {
                    if (allowed.count(value)) continue;
                    LearnFinding finding = base(FindingKind::enum_value_unknown);
                    finding.count = seen.count;
                    finding.first = seen.first;
                    finding.subject = value;
                    finding.message = fmt::format("{} is not in the schema's enum ({}): {}", value,
                                                  list_values(*fact.enumeration),
                                                  times(seen.count, finding.of));
                    add(std::move(finding));
                }
            }
        }
        // Format.
        if (fact.format == "date-time") {
            LearnFinding other = base(FindingKind::format_mismatch);
            for (const auto& [key, seen] : evidence.formats.entries) {
                if (key.starts_with("date-time")) {
                    if (is_known_date_time_form(key)) continue;
                    LearnFinding finding = base(FindingKind::format_mismatch);
                    finding.count = seen.count;
                    finding.first = seen.first;
                    finding.subject = key;
                    finding.message = fmt::format(
                        "date-times with {}, where HireHive sends a Z suffix and 0 or 7 "
                        "fractional digits: {}",
                        describe_date_time(key), times(seen.count, finding.of));
                    add(std::move(finding));
                    continue;
                }
                other.count += seen.count;
                take_first(other.first, seen);
            }
            if (other.count) {
                other.subject = "not a date-time";
                other.message = fmt::format("strings that are not RFC 3339 date-times: {}",
                                            times(other.count, other.of));
                add(std::move(other));
            }
        }
        // Id prefix.
        if (!fact.prefix.empty()) {
            for (const auto& [prefix, seen] : evidence.prefixes.entries) {
                if (prefix == fact.prefix) continue;
                LearnFinding finding = base(FindingKind::prefix_mismatch);
                finding.count = seen.count;
                finding.first = seen.first;
                finding.subject = prefix;
                finding.message = fmt::format("ids prefixed \"{}\" where the schema expects \"{}\": {}",
                                              prefix, fact.prefix, times(seen.count, finding.of));
                add(std::move(finding));
            }
        }
        // Presence.
        if (fact.required && holders > evidence.present.count) {
            LearnFinding finding = base(FindingKind::required_but_absent);
            finding.count = holders - evidence.present.count;
            finding.of = holders;
            finding.subject = "absent";
            finding.message = fmt::format("required, but absent from {}",
                                          times(finding.count, holders));
            add(std::move(finding));
        }
        if (evidence.present.count == 0 && fact.key != "items" && !fact.observed &&
            holders >= k_confirming_count) {
            LearnFinding finding = base(FindingKind::never_seen);
            finding.of = holders;
            finding.subject = "absent";
            finding.message = fmt::format("never seen, in {} objects that could hold it", holders);
            add(std::move(finding));
        }

        bool contradicted = false;
        for (std::size_t i = findings_before; i < m_out.findings.size(); ++i)
            contradicted = contradicted || contradicts(m_out.findings[i].kind);
        if (contradicted)
            field.state = field.documented ? FactState::deviates : FactState::contradicted;
        else if (evidence.present.count == 0)
            field.state = FactState::unobserved;
        else // the documentation already backs a documented fact: one sighting confirms it
            field.state = evidence.present.count >= (field.documented ? 1 : k_confirming_count)
                              ? FactState::confirmed
                              : FactState::observed;
    }

    void find_undocumented() {
        for (const auto& [pointer, stats] : m_profile.pointers) {
            if (pointer.empty() || m_model.fields_at(pointer)) continue;
            const std::string parent = parent_of(pointer);
            const auto* objects = m_model.objects_at(parent);
            if (!objects) continue; // below an unknown member or a value of another type
            // A member of an object the schema declares: only where the parent was an object.
            LearnFinding finding;
            finding.pointer = pointer;
            finding.kind = FindingKind::undocumented_field;
            // The members of a documented event's objects are documented: adding one loosens
            // a documented fact.
            finding.documented = m_model.event().provenance == Provenance::documented;
            finding.count = stats.present.count;
            finding.first = stats.present.first;
            finding.of = m_profile.holders(pointer);
            for (std::size_t i = 0; i < k_json_types; ++i)
                if (stats.types[i].count) finding.seen_types |= static_cast<TypeSet>(1u << i);
            for (const ObjectFact& object : *objects) finding.objects.push_back(object.path);
            finding.subject = describe_types(finding.seen_types);
            finding.message = fmt::format("a member the schema does not name ({}): {}",
                                          finding.subject, times(finding.count, finding.of));
            add(std::move(finding));
        }
    }

    const EventProfile& m_profile;
    const EventModel& m_model;
    EventJudgement& m_out;
    std::vector<Group> m_groups;
};

bool more_frequent(const LearnFinding& a, const LearnFinding& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.event != b.event) return a.event < b.event;
    if (a.pointer != b.pointer) return a.pointer < b.pointer;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.subject < b.subject;
}

} // namespace

std::string_view to_string(FindingKind kind) {
    switch (kind) {
    case FindingKind::undocumented_field: return "undocumented-field";
    case FindingKind::never_seen: return "never-seen";
    case FindingKind::type_mismatch: return "type-mismatch";
    case FindingKind::null_not_allowed: return "null-not-allowed";
    case FindingKind::enum_value_unknown: return "enum-value-unknown";
    case FindingKind::format_mismatch: return "format-mismatch";
    case FindingKind::prefix_mismatch: return "prefix-mismatch";
    case FindingKind::required_but_absent: return "required-but-absent";
    }
    return "?";
}

bool contradicts(FindingKind kind) {
    return kind != FindingKind::undocumented_field && kind != FindingKind::never_seen;
}

std::string_view to_string(FactState state) {
    switch (state) {
    case FactState::confirmed: return "confirmed";
    case FactState::observed: return "observed";
    case FactState::unobserved: return "unobserved";
    case FactState::contradicted: return "contradicted";
    case FactState::deviates: return "deviates";
    }
    return "?";
}

bool is_known_date_time_form(std::string_view format_key) {
    return format_key == "date-time Z .0" || format_key == "date-time Z .7";
}

std::vector<const LearnFinding*> Judgement::findings() const {
    std::vector<const LearnFinding*> all;
    for (const auto& event : events)
        for (const auto& finding : event.findings) all.push_back(&finding);
    std::stable_sort(all.begin(), all.end(),
                     [](const LearnFinding* a, const LearnFinding* b) { return more_frequent(*a, *b); });
    return all;
}

Judgement judge(const Profile& profile, const SchemaModels& models) {
    Judgement out;
    for (const auto& event : all_events()) {
        const auto found = profile.events.find(event.name);
        if (found == profile.events.end()) continue;
        EventJudgement& judgement = out.events.emplace_back();
        judgement.event = &event;
        judgement.documents = found->second.documents.count;
        EventJudge(found->second, models.at(event), judgement).run();
        std::stable_sort(judgement.findings.begin(), judgement.findings.end(), more_frequent);
    }
    return out;
}

bool enum_like(const PointerStats& stats) {
    if (stats.values.overflowed || stats.values.entries.empty()) return false;
    if (stats.policy == ValuePolicy::all) return true;
    const std::uint64_t strings = stats.types[static_cast<std::size_t>(JsonType::string)].count;
    return strings >= 4 * stats.values.entries.size();
}

} // namespace atshook::learn
