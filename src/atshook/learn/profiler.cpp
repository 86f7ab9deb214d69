#include "atshook/learn/profiler.hpp"

#include "atshook/error.hpp"
#include "atshook/json_pointer.hpp"

#include <fmt/core.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>

namespace atshook::learn {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// A string as the JSON text it would be written as: the key of PointerStats::values.
void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += fmt::format("\\u{:04x}", u);
        } else {
            out += c;
        }
    }
    out += '"';
}

bool all_digits(std::string_view key) {
    return !key.empty() && key.size() <= 18 &&
           std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

struct Profiler::State {
    const SchemaModels* models;
    LearnOptions options;
    const EventInfo* forced = nullptr;
    simdjson::dom::parser parser;
    Profile profile;

    // The document being walked.
    const EventModel* model = nullptr;
    EventProfile* event = nullptr;
    std::string_view source;
    std::uint64_t line = 0;
    std::string folded; // the pointer with indices and id keys as "*"
    std::string real;   // the pointer as it is
    std::string scratch;

    LocationView here() const { return {source, line, real}; }

    PointerStats* stats_for() {
        auto& pointers = event->pointers;
        auto found = pointers.find(folded);
        if (found != pointers.end()) return &found->second;
        if (pointers.size() >= k_pointer_cap) {
            event->pointers_capped = true;
            if (folded > std::prev(pointers.end())->first) return nullptr;
            pointers.erase(std::prev(pointers.end()));
        }
        PointerStats& stats = pointers[folded];
        stats.policy = options.show_values ? ValuePolicy::all : model->policy(folded);
        return &stats;
    }

    void keep_value(PointerStats& stats, std::string_view text) {
        stats.values.add(text, here(), k_value_cap);
        stats.distinct.add(text);
    }

    void walk(element value, std::size_t depth) {
        PointerStats* stats = stats_for();
        if (!stats) return; // past the cap of pointers: this one and what is below it
        const LocationView at = here();
        stats->present.add(1, at);
        switch (value.type()) {
        case element_type::NULL_VALUE:
            stats->types[static_cast<std::size_t>(JsonType::null)].add(1, at);
            return;
        case element_type::BOOL: {
            stats->types[static_cast<std::size_t>(JsonType::boolean)].add(1, at);
            bool flag = false;
            if (value.get_bool().get(flag) != simdjson::SUCCESS) return;
            keep_value(*stats, flag ? "true" : "false");
            return;
        }
        case element_type::INT64:
        case element_type::UINT64: {
            stats->types[static_cast<std::size_t>(JsonType::integer)].add(1, at);
            const double number = value.get_double().value_unsafe();
            number_range(*stats, number);
            char buffer[24];
            const auto end = value.type() == element_type::INT64
                                 ? std::to_chars(buffer, buffer + sizeof buffer,
                                                 value.get_int64().value_unsafe())
                                 : std::to_chars(buffer, buffer + sizeof buffer,
                                                 value.get_uint64().value_unsafe());
            const std::string_view text(buffer, static_cast<std::size_t>(end.ptr - buffer));
            if (stats->policy == ValuePolicy::all) keep_value(*stats, text);
            else {
                stats->values.overflow();
                stats->distinct.add(text);
            }
            return;
        }
        case element_type::DOUBLE:
            stats->types[static_cast<std::size_t>(JsonType::number)].add(1, at);
            number_range(*stats, value.get_double().value_unsafe());
            stats->values.overflow();
            return;
        case element_type::STRING:
            string_value(*stats, value.get_string().value_unsafe());
            return;
        case element_type::ARRAY: {
            stats->types[static_cast<std::size_t>(JsonType::array)].add(1, at);
            if (depth >= options.max_depth) return;
            std::size_t index = 0;
            simdjson::dom::array items;
            if (value.get_array().get(items) != simdjson::SUCCESS) return;
            for (const element item : items) {
                const std::size_t folded_size = folded.size(), real_size = real.size();
                folded += "/*";
                real += '/';
                real += std::to_string(index++);
                walk(item, depth + 1);
                folded.resize(folded_size);
                real.resize(real_size);
            }
            return;
        }
        case element_type::OBJECT: {
            stats->types[static_cast<std::size_t>(JsonType::object)].add(1, at);
            if (depth >= options.max_depth) return;
            simdjson::dom::object object;
            if (value.get_object().get(object) != simdjson::SUCCESS) return;
            // An object keyed by ids or numbers is a map: its keys fold to "*".
            bool fold = object.size() > 0;
            for (const auto field : object) {
                if (id_prefix(field.key).empty() && !all_digits(field.key)) {
                    fold = false;
                    break;
                }
            }
            for (const auto field : object) {
                const std::size_t folded_size = folded.size(), real_size = real.size();
                if (fold) {
                    const std::string_view prefix = id_prefix(field.key);
                    stats->key_kinds.add(prefix.empty() ? std::string("number")
                                                        : "id:" + std::string(prefix),
                                         at, k_key_pattern_cap);
                    folded += "/*";
                } else {
                    folded += '/';
                    append_pointer_token(folded, field.key);
                }
                real += '/';
                append_pointer_token(real, field.key);
                walk(field.value, depth + 1);
                folded.resize(folded_size);
                real.resize(real_size);
            }
            return;
        }
        }
    }

    static void number_range(PointerStats& stats, double number) {
        if (!stats.has_number) {
            stats.min_number = stats.max_number = number;
            stats.has_number = true;
        } else {
            stats.min_number = std::min(stats.min_number, number);
            stats.max_number = std::max(stats.max_number, number);
        }
    }

    void string_value(PointerStats& stats, std::string_view text) {
        const LocationView at = here();
        Counted& strings = stats.types[static_cast<std::size_t>(JsonType::string)];
        if (strings.count == 0) {
            stats.min_length = stats.max_length = text.size();
        } else {
            stats.min_length = std::min<std::uint64_t>(stats.min_length, text.size());
            stats.max_length = std::max<std::uint64_t>(stats.max_length, text.size());
        }
        strings.add(1, at);
        if (text.empty()) stats.empty_string.add(1, at);
        stats.formats.add(string_format(text), at, k_value_cap);
        if (const std::string_view prefix = id_prefix(text); !prefix.empty())
            stats.prefixes.add(prefix, at, k_prefix_cap);
        scratch.clear();
        append_json_string(scratch, text);
        const bool keep = stats.policy == ValuePolicy::all ? text.size() <= k_kept_value_bytes
                                                           : looks_like_identifier(text);
        if (keep) stats.values.add(scratch, at, k_value_cap);
        else stats.values.overflow();
        stats.distinct.add(scratch);
    }
};

Profiler::Profiler(const SchemaModels& models, LearnOptions options, std::string schema_version)
    : m_state(std::make_unique<State>()) {
    m_state->models = &models;
    m_state->options = std::move(options);
    m_state->profile.show_values = m_state->options.show_values;
    m_state->profile.schema_version = std::move(schema_version);
    if (!m_state->options.forced_event.empty()) {
        m_state->forced = find_event(m_state->options.forced_event);
        if (!m_state->forced)
            throw Error("--event: " + unknown_event_message(m_state->options.forced_event),
                        Error::Kind::usage);
    }
    if (m_state->parser.allocate(1 << 16, m_state->options.max_depth + 1) != simdjson::SUCCESS)
        throw Error("cannot allocate the JSON parser");
}

Profiler::~Profiler() = default;
Profiler::Profiler(Profiler&&) noexcept = default;
Profiler& Profiler::operator=(Profiler&&) noexcept = default;

Profile& Profiler::profile() { return m_state->profile; }

void Profiler::add_unreadable(std::string_view source, std::uint64_t line) {
    ++m_state->profile.documents;
    m_state->profile.unreadable.add(1, {source, line, ""});
}

void Profiler::add(std::string_view json, std::string_view source, std::uint64_t line) {
    State& s = *m_state;
    element root;
    // simdjson copies from data(), which an empty string_view may leave null: "" is as empty.
    const char* bytes = json.empty() ? "" : json.data();
    if (s.parser.parse(bytes, json.size()).get(root) != simdjson::SUCCESS || !root.is_object()) {
        add_unreadable(source, line);
        return;
    }
    ++s.profile.documents;
    const EventInfo* event = s.forced;
    if (!event) {
        std::string_view type;
        if (root["type"].get(type) == simdjson::SUCCESS) event = find_event(type);
    }
    if (!event) {
        s.profile.unknown_type.add(1, {source, line, "/type"});
        return;
    }
    s.model = &s.models->at(*event);
    s.event = &s.profile.events[std::string(event->name)];
    s.event->documents.add(1, {source, line, ""});
    s.source = source;
    s.line = line;
    s.folded.clear();
    s.real.clear();
    s.walk(root, 1);
}

} // namespace atshook::learn
