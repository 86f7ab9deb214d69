#include "atshook/learn/drift.hpp"

#include "atshook/error.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <set>
#include <tuple>

namespace atshook::learn {
namespace {

constexpr std::string_view k_no_prefix = "(none)";

std::size_t at(JsonType type) {
    return static_cast<std::size_t>(type);
}

std::uint64_t non_empty_strings(const PointerStats& stats) {
    return stats.types[at(JsonType::string)].count - stats.empty_string.count;
}

using Keys = std::set<std::string, std::less<>>;

std::vector<std::string> difference(const Keys& a, const Keys& b) {
    std::vector<std::string> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

std::vector<std::string> listed(const Keys& keys) {
    return {keys.begin(), keys.end()};
}

Keys types_of(const PointerStats& stats) {
    Keys out;
    for (std::size_t i = 0; i < k_json_types; ++i)
        if (i != at(JsonType::null) && stats.types[i].count)
            out.emplace(to_string(static_cast<JsonType>(i)));
    return out;
}

std::uint64_t types_count(const PointerStats& stats, const std::vector<std::string>& names) {
    std::uint64_t out = 0;
    for (std::size_t i = 0; i < k_json_types; ++i)
        if (std::find(names.begin(), names.end(), to_string(static_cast<JsonType>(i))) !=
            names.end())
            out += stats.types[i].count;
    return out;
}

Location first_of_types(const PointerStats& stats, const std::vector<std::string>& names) {
    std::optional<Location> out;
    for (std::size_t i = 0; i < k_json_types; ++i) {
        const Counted& counted = stats.types[i];
        if (!counted.count || std::find(names.begin(), names.end(),
                                        to_string(static_cast<JsonType>(i))) == names.end())
            continue;
        if (!out || comes_before(counted.first, *out)) out = counted.first;
    }
    return out ? *out : stats.present.first;
}

// The string formats of non-empty strings (an empty string's format is "text").
Keys formats_of(const PointerStats& stats) {
    Keys out;
    for (const auto& [key, counted] : stats.formats.entries)
        if (counted.count > (key == "text" ? stats.empty_string.count : 0)) out.insert(key);
    return out;
}

// The prefixes of non-empty strings, with "(none)" for strings that have none.
Keys prefixes_of(const PointerStats& stats) {
    Keys out;
    std::uint64_t prefixed = 0;
    for (const auto& [key, counted] : stats.prefixes.entries) {
        out.insert(key);
        prefixed += counted.count;
    }
    if (non_empty_strings(stats) > prefixed) out.emplace(k_no_prefix);
    return out;
}

Keys values_of(const PointerStats& stats) {
    Keys out;
    for (const auto& [key, counted] : stats.values.entries) out.insert(key);
    return out;
}

// The count and first place of `keys` in a capped set (first: the member's when none).
std::pair<std::uint64_t, Location>
tally(const CappedCounts& counts, const std::vector<std::string>& keys, const PointerStats& stats) {
    std::uint64_t count = 0;
    std::optional<Location> first;
    for (const std::string& key : keys) {
        const auto found = counts.entries.find(key);
        if (found == counts.entries.end()) continue;
        count += found->second.count;
        if (!first || comes_before(found->second.first, *first)) first = found->second.first;
    }
    return {count, first ? *first : stats.present.first};
}

// A member whose values OLD showed as a closed set: strings or booleans (numbers are quantities
// or ids), none an id, each value seen four times on average.
bool enum_like_before(const PointerStats& stats) {
    if (stats.values.overflowed || stats.values.entries.empty()) return false;
    if (stats.prefixes.overflowed || !stats.prefixes.entries.empty()) return false;
    if (stats.types[at(JsonType::integer)].count || stats.types[at(JsonType::number)].count)
        return false;
    std::uint64_t kept = 0;
    for (const auto& [key, counted] : stats.values.entries) kept += counted.count;
    return kept >= 4 * stats.values.entries.size();
}

class Comparer {
public:
    Comparer(const Profile& before, const Profile& after, Drift& out)
        : m_before(before), m_after(after), m_out(out) {}

    void event(const std::string& name, const EventProfile* before, const EventProfile* after) {
        const bool had = before && before->documents.count, has = after && after->documents.count;
        if (!had && !has) return;
        ++m_out.event_types;
        if (!had || !has) {
            Change change = start(
                name, "", has ? ChangeKind::event_type_added : ChangeKind::event_type_vanished);
            change.impact = has ? Impact::additive : Impact::breaking;
            change.before = {had ? before->documents.count : 0, m_before.documents};
            change.after = {has ? after->documents.count : 0, m_after.documents};
            change.first = has ? after->documents.first : before->documents.first;
            m_out.changes.push_back(std::move(change));
            return;
        }
        for (const auto& [pointer, stats] : after->pointers) {
            if (pointer.empty()) continue;
            const auto old = before->pointers.find(pointer);
            if (old != before->pointers.end()) {
                member(name, pointer, *before, old->second, *after, stats);
            } else if (!before->pointers_capped && before->holders(pointer)) {
                Change change = start(name, pointer, ChangeKind::field_added);
                change.impact = Impact::additive;
                change.before = {0, before->holders(pointer)};
                change.after = {stats.present.count, after->holders(pointer)};
                change.now = listed(types_of(stats));
                change.first = stats.present.first;
                m_out.changes.push_back(std::move(change));
            }
        }
        if (after->pointers_capped) return;
        for (const auto& [pointer, stats] : before->pointers) {
            if (pointer.empty() || after->pointers.contains(pointer) || !after->holders(pointer))
                continue;
            Change change = start(name, pointer, ChangeKind::field_vanished);
            change.impact = Impact::breaking;
            change.before = {stats.present.count, before->holders(pointer)};
            change.after = {0, after->holders(pointer)};
            change.was = listed(types_of(stats));
            change.first = stats.present.first;
            m_out.changes.push_back(std::move(change));
        }
    }

private:
    Change start(const std::string& event, const std::string& pointer, ChangeKind kind) const {
        Change change{};
        change.event = event;
        change.pointer = pointer;
        change.kind = kind;
        return change;
    }

    void member(const std::string& event, const std::string& pointer,
                const EventProfile& before_event, const PointerStats& before,
                const EventProfile& after_event, const PointerStats& after) {
        if (!pointer.ends_with("/*"))
            presence(event, pointer, before_event, before, after_event, after);
        nulls(event, pointer, before, after);
        types(event, pointer, before, after);
        values(event, pointer, before, after);
        formats(event, pointer, before, after);
        prefixes(event, pointer, before, after);
    }

    // Absence is what a handler meets: a member always there that goes missing is breaking.
    void presence(const std::string& event, const std::string& pointer,
                  const EventProfile& before_event, const PointerStats& before,
                  const EventProfile& after_event, const PointerStats& after) {
        const Share was{before.present.count, before_event.holders(pointer)};
        const Share now{after.present.count, after_event.holders(pointer)};
        if (was.count > was.of || now.count > now.of) return; // not one member per holder
        if (!rate_changed({was.of - was.count, was.of}, {now.of - now.count, now.of})) return;
        Change change = start(event, pointer, ChangeKind::presence_changed);
        change.impact =
            was.count == was.of && now.count < now.of ? Impact::breaking : Impact::additive;
        change.before = was;
        change.after = now;
        change.first = after.present.first;
        m_out.changes.push_back(std::move(change));
    }

    void nulls(const std::string& event, const std::string& pointer, const PointerStats& before,
               const PointerStats& after) {
        const Share was{before.types[at(JsonType::null)].count, before.present.count};
        const Share now{after.types[at(JsonType::null)].count, after.present.count};
        if (!rate_changed(was, now)) return;
        Change change = start(event, pointer, ChangeKind::null_rate_changed);
        change.impact = was.count == 0 ? Impact::breaking : Impact::additive;
        change.before = was;
        change.after = now;
        change.first = now.count ? after.types[at(JsonType::null)].first : after.present.first;
        m_out.changes.push_back(std::move(change));
    }

    void types(const std::string& event, const std::string& pointer, const PointerStats& before,
               const PointerStats& after) {
        const Keys was = types_of(before), now = types_of(after);
        if (was == now) return;
        Change change = start(event, pointer, ChangeKind::type_changed);
        change.was = listed(was);
        change.now = listed(now);
        change.added = difference(now, was);
        change.removed = difference(was, now);
        if (change.removed.empty())
            change.kind = ChangeKind::type_extended;
        else if (change.added.empty())
            change.kind = ChangeKind::type_narrowed;
        change.impact = change.added.empty() ? Impact::additive : Impact::breaking;
        const auto& shown = change.added.empty() ? change.removed : change.added;
        change.before = {types_count(before, shown), before.present.count};
        change.after = {types_count(after, shown), after.present.count};
        change.first = first_of_types(change.added.empty() ? before : after, shown);
        m_out.changes.push_back(std::move(change));
    }

    void values(const std::string& event, const std::string& pointer, const PointerStats& before,
                const PointerStats& after) {
        if (!enum_like_before(before)) return;
        if (after.values.overflowed) {
            if (types_of(after).empty()) return;
            Change change = start(event, pointer, ChangeKind::enum_extended);
            change.impact = Impact::breaking;
            change.was = listed(values_of(before));
            change.now_open = true;
            change.before = {0, before.present.count};
            change.after = {after.present.count, after.present.count};
            change.first = after.present.first;
            m_out.changes.push_back(std::move(change));
            return;
        }
        const Keys was = values_of(before), now = values_of(after);
        const auto added = difference(now, was), removed = difference(was, now);
        if (!added.empty() || !removed.empty()) {
            Change change =
                start(event, pointer,
                      added.empty() ? ChangeKind::enum_narrowed : ChangeKind::enum_extended);
            change.impact = added.empty() ? Impact::additive : Impact::breaking;
            change.was = listed(was);
            change.now = listed(now);
            change.added = added;
            change.removed = removed;
            const auto& shown = added.empty() ? removed : added;
            const auto [before_count, before_first] = tally(before.values, shown, before);
            const auto [after_count, after_first] = tally(after.values, shown, after);
            change.before = {before_count, before.present.count};
            change.after = {after_count, after.present.count};
            change.first = added.empty() ? before_first : after_first;
            m_out.changes.push_back(std::move(change));
        }
    }

    // Only for members whose every non-empty string in OLD had a format: free text may look like
    // anything.
    void formats(const std::string& event, const std::string& pointer, const PointerStats& before,
                 const PointerStats& after) {
        if (before.formats.overflowed || after.formats.overflowed) return;
        const Keys was = formats_of(before), now = formats_of(after);
        if (was.empty() || was.contains("text") || now.empty()) return;
        set_change(event, pointer, ChangeKind::format_changed, was, now, before.formats,
                   after.formats, before, after);
    }

    // Only for members whose every non-empty string in OLD was an id with a prefix.
    void prefixes(const std::string& event, const std::string& pointer, const PointerStats& before,
                  const PointerStats& after) {
        if (before.prefixes.overflowed || after.prefixes.overflowed) return;
        const Keys was = prefixes_of(before), now = prefixes_of(after);
        if (was.empty() || was.contains(k_no_prefix) || now.empty()) return;
        set_change(event, pointer, ChangeKind::prefix_changed, was, now, before.prefixes,
                   after.prefixes, before, after);
    }

    // A new key is breaking; keys that only went away are additive.
    void set_change(const std::string& event, const std::string& pointer, ChangeKind kind,
                    const Keys& was, const Keys& now, const CappedCounts& before_counts,
                    const CappedCounts& after_counts, const PointerStats& before,
                    const PointerStats& after) {
        if (was == now) return;
        Change change = start(event, pointer, kind);
        change.was = listed(was);
        change.now = listed(now);
        change.added = difference(now, was);
        change.removed = difference(was, now);
        change.impact = change.added.empty() ? Impact::additive : Impact::breaking;
        const auto& shown = change.added.empty() ? change.removed : change.added;
        const std::uint64_t before_strings = non_empty_strings(before),
                            after_strings = non_empty_strings(after);
        auto [before_count, before_first] = tally(before_counts, shown, before);
        auto [after_count, after_first] = tally(after_counts, shown, after);
        // "(none)" is no key of the prefixes: its count is what the prefixes leave.
        if (std::find(shown.begin(), shown.end(), k_no_prefix) != shown.end()) {
            std::uint64_t prefixed = 0;
            for (const auto& [key, counted] : after_counts.entries) prefixed += counted.count;
            after_count += after_strings - prefixed;
        }
        change.before = {before_count, before_strings};
        change.after = {after_count, after_strings};
        change.first = change.added.empty() ? before_first : after_first;
        m_out.changes.push_back(std::move(change));
    }

    const Profile& m_before;
    const Profile& m_after;
    Drift& m_out;
};

} // namespace

std::string_view to_string(ChangeKind kind) {
    static constexpr std::array<std::string_view, 13> k_names = {
        "event-type-added",  "event-type-vanished", "field-added",   "field-vanished",
        "presence-changed",  "type-extended",       "type-narrowed", "type-changed",
        "null-rate-changed", "enum-extended",       "enum-narrowed", "format-changed",
        "prefix-changed"};
    return k_names[static_cast<std::size_t>(kind)];
}

std::string_view to_string(Impact impact) {
    return impact == Impact::breaking ? "breaking" : "additive";
}

bool rate_changed(const Share& before, const Share& after) {
    if (before.of == 0 || after.of == 0) return false;
    if ((before.count == 0) != (after.count == 0)) return true;
    if (before.of < k_rate_observations || after.of < k_rate_observations) return false;
    // Compared in whole products, so that 50% to 40% is exactly 10 points.
    const long double old_count = before.count, old_of = before.of, new_count = after.count,
                      new_of = after.of;
    const long double difference = new_count * old_of - old_count * new_of;
    return (difference < 0 ? -difference : difference) * 100 >= k_rate_points * old_of * new_of;
}

std::size_t Drift::breaking() const {
    return static_cast<std::size_t>(
        std::count_if(changes.begin(), changes.end(),
                      [](const Change& c) { return c.impact == Impact::breaking; }));
}

std::size_t Drift::changed_event_types() const {
    std::set<std::string_view> types;
    for (const Change& change : changes) types.insert(change.event);
    return types.size();
}

void require_comparable(const Profile& before, std::string_view before_name, const Profile& after,
                        std::string_view after_name) {
    if (before.schema_version != after.schema_version)
        throw Error(fmt::format("{} was made for schema version {} and {} for {}: profiles of "
                                "different schemas cannot be compared; learn both again with the "
                                "same ats-hook",
                                before_name, before.schema_version, after_name,
                                after.schema_version));
    if (before.show_values != after.show_values)
        throw Error(fmt::format("{} was made {} --show-values and {} {}: their kept values "
                                "differ; learn both again with the same choice",
                                before_name, before.show_values ? "with" : "without", after_name,
                                after.show_values ? "with it" : "without it"));
}

Drift compare(const Profile& before, const Profile& after, std::string_view only_event) {
    require_comparable(before, "OLD", after, "NEW");
    Drift out;
    out.before_documents = before.documents;
    out.after_documents = after.documents;
    Comparer comparer(before, after, out);
    std::set<std::string, std::less<>> names;
    for (const auto& [name, event] : before.events) names.insert(name);
    for (const auto& [name, event] : after.events) names.insert(name);
    for (const std::string& name : names) {
        if (!only_event.empty() && name != only_event) continue;
        const auto old = before.events.find(name), now = after.events.find(name);
        comparer.event(name, old == before.events.end() ? nullptr : &old->second,
                       now == after.events.end() ? nullptr : &now->second);
    }
    std::stable_sort(out.changes.begin(), out.changes.end(), [](const Change& a, const Change& b) {
        return std::tie(a.impact, a.event, a.pointer, a.kind) <
               std::tie(b.impact, b.event, b.pointer, b.kind);
    });
    return out;
}

} // namespace atshook::learn
