#include "atshook/learn/profile_file.hpp"

#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/json_text.hpp"
#include "atshook/validation.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace atshook::learn {
namespace {

// Read: the tree parse_json_tree builds (simdjson checks the text first), members in file order.
using json = nlohmann::ordered_json;
using ordered = nlohmann::ordered_json; // written: members in a fixed order, format first

constexpr std::string_view k_format = "ats-hook-profile";

ordered caps_json() {
    return {{"values", k_value_cap},
            {"prefixes", k_prefix_cap},
            {"key_kinds", k_key_pattern_cap},
            {"pointers", k_pointer_cap},
            {"value_bytes", k_kept_value_bytes}};
}

// [count, source, line, pointer]
ordered counted_json(const Counted& counted) {
    return ordered::array(
        {counted.count, counted.first.source, counted.first.line, counted.first.pointer});
}

ordered capped_json(const CappedCounts& counts) {
    if (counts.overflowed) return "overflowed";
    ordered out = ordered::object();
    for (const auto& [key, counted] : counts.entries) out[key] = counted_json(counted);
    return out;
}

std::string hex(const DistinctSketch& sketch) {
    std::string out;
    for (const std::uint8_t r : sketch.registers) out += fmt::format("{:02x}", r);
    return out;
}

ordered stats_json(const PointerStats& stats) {
    ordered out = ordered::object();
    out["present"] = counted_json(stats.present);
    ordered types = ordered::object();
    for (std::size_t i = 0; i < k_json_types; ++i)
        if (stats.types[i].count)
            types[std::string(to_string(static_cast<JsonType>(i)))] = counted_json(stats.types[i]);
    out["types"] = std::move(types);
    if (stats.empty_string.count) out["empty_string"] = counted_json(stats.empty_string);
    if (stats.types[static_cast<std::size_t>(JsonType::string)].count)
        out["length"] = ordered::array({stats.min_length, stats.max_length});
    if (stats.has_number) out["range"] = ordered::array({stats.min_number, stats.max_number});
    if (stats.formats.overflowed || !stats.formats.entries.empty())
        out["formats"] = capped_json(stats.formats);
    if (stats.prefixes.overflowed || !stats.prefixes.entries.empty())
        out["prefixes"] = capped_json(stats.prefixes);
    if (stats.values.overflowed || !stats.values.entries.empty())
        out["values"] = capped_json(stats.values);
    if (stats.key_kinds.overflowed || !stats.key_kinds.entries.empty())
        out["key_kinds"] = capped_json(stats.key_kinds);
    if (!stats.distinct.empty()) out["distinct"] = hex(stats.distinct);
    if (stats.policy == ValuePolicy::all) out["keeps"] = "all";
    return out;
}

// Reading: every member checked, each problem named by its place in the file.
class Reader {
public:
    explicit Reader(std::string_view source) : m_source(source) {}

    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw Error(fmt::format("{}: {}{}{}", m_source, where, where.empty() ? "" : ": ", what));
    }

    const json& member(const json& object, const char* name, const std::string& where) const {
        const auto found = object.find(name);
        if (found == object.end()) fail(where, fmt::format("missing \"{}\"", name));
        return *found;
    }

    std::uint64_t count(const json& value, const std::string& where) const {
        if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<std::int64_t>() >= 0))
            fail(where, "expected a count (a whole number of 0 or more)");
        return value.get<std::uint64_t>();
    }

    std::string text(const json& value, const std::string& where) const {
        if (!value.is_string()) fail(where, "expected a string");
        return value.get<std::string>();
    }

    Counted counted(const json& value, const std::string& where) const {
        if (!value.is_array() || value.size() != 4)
            fail(where, "expected [count, source, line, pointer]");
        Counted out;
        out.count = count(value[0], where);
        out.first.source = text(value[1], where);
        out.first.line = count(value[2], where);
        out.first.pointer = text(value[3], where);
        return out;
    }

    CappedCounts capped(const json& value, const std::string& where, std::size_t cap) const {
        CappedCounts out;
        if (value == "overflowed") {
            out.overflowed = true;
            return out;
        }
        if (!value.is_object()) fail(where, "expected an object or \"overflowed\"");
        if (value.size() > cap) fail(where, fmt::format("more than {} entries", cap));
        for (const auto& [key, item] : value.items())
            out.entries.emplace(key, counted(item, where + "/" + key));
        return out;
    }

    DistinctSketch sketch(const json& value, const std::string& where) const {
        DistinctSketch out;
        const std::string digits = text(value, where);
        if (digits.size() != out.registers.size() * 2) fail(where, "expected 128 hex digits");
        for (std::size_t i = 0; i < out.registers.size(); ++i) {
            unsigned r = 0;
            for (std::size_t j = 0; j < 2; ++j) {
                const char c = digits[2 * i + j];
                const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (v < 0) fail(where, "expected 128 hex digits");
                r = r * 16 + static_cast<unsigned>(v);
            }
            if (r > 64) fail(where, "a register above 64");
            out.registers[i] = static_cast<std::uint8_t>(r);
        }
        return out;
    }

    PointerStats stats(const json& value, const std::string& where) const {
        if (!value.is_object()) fail(where, "expected an object");
        PointerStats out;
        out.present = counted(member(value, "present", where), where + "/present");
        const json& types = member(value, "types", where);
        if (!types.is_object()) fail(where + "/types", "expected an object");
        for (const auto& [name, item] : types.items()) {
            std::size_t i = 0;
            while (i < k_json_types && to_string(static_cast<JsonType>(i)) != name) ++i;
            if (i == k_json_types) fail(where + "/types", fmt::format("unknown type \"{}\"", name));
            out.types[i] = counted(item, where + "/types/" + name);
        }
        for (const auto& [key, item] : value.items()) {
            const std::string at = where + "/" + key;
            if (key == "present" || key == "types") continue;
            if (key == "empty_string") out.empty_string = counted(item, at);
            else if (key == "length") {
                if (!item.is_array() || item.size() != 2) fail(at, "expected [min, max]");
                out.min_length = count(item[0], at);
                out.max_length = count(item[1], at);
            } else if (key == "range") {
                if (!item.is_array() || item.size() != 2 || !item[0].is_number() || !item[1].is_number())
                    fail(at, "expected [min, max]");
                out.has_number = true;
                out.min_number = item[0].get<double>();
                out.max_number = item[1].get<double>();
            } else if (key == "formats") out.formats = capped(item, at, k_value_cap);
            else if (key == "prefixes") out.prefixes = capped(item, at, k_prefix_cap);
            else if (key == "values") out.values = capped(item, at, k_value_cap);
            else if (key == "key_kinds") out.key_kinds = capped(item, at, k_key_pattern_cap);
            else if (key == "distinct") out.distinct = sketch(item, at);
            else if (key == "keeps") {
                if (item != "all") fail(at, "expected \"all\"");
                out.policy = ValuePolicy::all;
            } else fail(at, "unknown member");
        }
        return out;
    }

private:
    std::string_view m_source;
};

} // namespace

std::string profile_json(const Profile& profile) {
    ordered events = ordered::object();
    for (const auto& [name, event] : profile.events) {
        ordered pointers = ordered::object();
        for (const auto& [pointer, stats] : event.pointers) pointers[pointer] = stats_json(stats);
        events[name] = {{"documents", counted_json(event.documents)},
                        {"pointers_capped", event.pointers_capped},
                        {"pointers", std::move(pointers)}};
    }
    // The format and version first, so that looks_like_profile sees them in the first bytes of a
    // profile of any size (and of a truncated one); below them, keys are sorted.
    const ordered out = {{"format", k_format},
                      {"version", k_profile_version},
                      {"schema_version", profile.schema_version},
                      {"show_values", profile.show_values},
                      {"caps", caps_json()},
                      {"documents", profile.documents},
                      {"unreadable", counted_json(profile.unreadable)},
                      {"unknown_type", counted_json(profile.unknown_type)},
                      {"events", std::move(events)}};
    return json_text(out, 1) + "\n";
}

bool looks_like_profile(std::string_view bytes) {
    const std::size_t start = bytes.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || bytes[start] != '{') return false;
    return bytes.substr(0, 4096).find("\"ats-hook-profile\"") != std::string_view::npos;
}

Profile parse_profile(std::string_view bytes, std::string_view source) {
    if (bytes.size() > k_profile_file_bytes)
        throw Error(fmt::format("{}: a profile is at most {} MiB", source, k_profile_file_bytes >> 20));
    const auto tree = parse_json_tree(bytes, 16);
    if (const auto* problem = std::get_if<JsonProblem>(&tree)) {
        const LineColumn at = line_column(bytes, problem->offset);
        throw Error(fmt::format("{}:{}:{}: not a profile: {}", source, at.line, at.column,
                                problem->message));
    }
    const json& document = std::get<json>(tree);
    const Reader read(source);
    if (!document.is_object() || document.value("format", "") != k_format)
        read.fail("", "not an ats-hook profile (no \"format\": \"ats-hook-profile\"); "
                      "`ats-hook learn --save-profile FILE` writes one");
    const json& version = read.member(document, "version", "");
    if (!version.is_number_integer()) read.fail("/version", "expected a whole number");
    if (version.get<std::int64_t>() > k_profile_version)
        read.fail("", fmt::format("made by a newer ats-hook (profile version {}); this ats-hook "
                                  "reads version {}: upgrade it, or learn again with this one",
                                  version.get<std::int64_t>(), k_profile_version));
    if (version.get<std::int64_t>() != k_profile_version)
        read.fail("/version", fmt::format("unknown profile version {}", version.dump()));
    if (nlohmann::json::parse(read.member(document, "caps", "").dump()) !=
        nlohmann::json::parse(caps_json().dump())) // the same caps, in any order
        read.fail("/caps", "made with other caps than this ats-hook's: learn again");
    Profile out;
    out.schema_version = read.text(read.member(document, "schema_version", ""), "/schema_version");
    const json& show = read.member(document, "show_values", "");
    if (!show.is_boolean()) read.fail("/show_values", "expected true or false");
    out.show_values = show.get<bool>();
    out.documents = read.count(read.member(document, "documents", ""), "/documents");
    out.unreadable = read.counted(read.member(document, "unreadable", ""), "/unreadable");
    out.unknown_type = read.counted(read.member(document, "unknown_type", ""), "/unknown_type");
    const json& events = read.member(document, "events", "");
    if (!events.is_object()) read.fail("/events", "expected an object");
    for (const auto& [name, event] : events.items()) {
        const std::string where = "/events/" + name;
        if (!find_event(name)) read.fail(where, "not a HireHive event type");
        if (!event.is_object()) read.fail(where, "expected an object");
        EventProfile profile;
        profile.documents = read.counted(read.member(event, "documents", where), where + "/documents");
        const json& capped = read.member(event, "pointers_capped", where);
        if (!capped.is_boolean()) read.fail(where + "/pointers_capped", "expected true or false");
        profile.pointers_capped = capped.get<bool>();
        const json& pointers = read.member(event, "pointers", where);
        if (!pointers.is_object() || pointers.size() > k_pointer_cap)
            read.fail(where + "/pointers", fmt::format("expected an object of at most {} pointers",
                                                        k_pointer_cap));
        for (const auto& [pointer, stats] : pointers.items())
            profile.pointers.emplace(pointer, read.stats(stats, where + "/pointers/" + pointer));
        out.events.emplace(name, std::move(profile));
    }
    return out;
}

} // namespace atshook::learn
