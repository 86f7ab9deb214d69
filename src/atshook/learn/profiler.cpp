#include "atshook/learn/profiler.hpp"

#include "atshook/error.hpp"
#include "atshook/json_pointer.hpp"

#include <fmt/core.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <set>
#include <charconv>
#include <vector>

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

// The pointer cache of one event type: a node per folded pointer met, with its counters, so
// that walking a document finds each value's counters by its parent and one key, without
// spelling out or looking up the whole pointer. A node's children are found by a hint (the child
// after the one matched last, as documents list their members in the same order) and else by a
// scan. It is only a cache: dropped when it grows past its bound.
struct PointerNode {
    std::string folded;
    PointerStats* stats = nullptr; // null when the pointer was dropped (past k_pointer_cap)
    bool dropped = false;
    std::uint32_t star = UINT32_MAX; // the child for folded indices and keys
    std::vector<std::pair<std::string, std::uint32_t>> children;
    std::size_t hint = 0;
};
constexpr std::size_t k_cache_nodes = 4 * k_pointer_cap;

// One step down from the root: a member name or an array index.
struct Step {
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;
};

struct Profiler::State final : LazyPointer {
    const SchemaModels* models;
    LearnOptions options;
    const EventInfo* forced = nullptr;
    simdjson::dom::parser parser;
    Profile profile;
    std::array<std::vector<PointerNode>, 19> caches;
    // Every source name met, in place for the profiler's life: the same name is the same address
    // (Counted relies on it to skip comparing names).
    std::set<std::string, std::less<>> sources;
    const std::string* last_source = nullptr;

    std::string_view intern(std::string_view name) {
        if (!last_source || *last_source != name) {
            auto found = sources.find(name);
            if (found == sources.end()) found = sources.emplace(name).first;
            last_source = &*found;
        }
        return *last_source;
    }

    // The document being walked.
    const EventModel* model = nullptr;
    EventProfile* event = nullptr;
    std::vector<PointerNode>* nodes = nullptr;
    std::string_view source;
    std::uint64_t line = 0;
    std::vector<Step> path; // reserved for the deepest document at construction
    mutable std::string real; // the pointer spelled out, for the depth it was made at
    mutable std::size_t real_depth = SIZE_MAX;
    std::string scratch;

    std::string_view text() const override {
        if (real_depth != path.size()) {
            real.clear();
            for (const Step& step : path) {
                real += '/';
                if (step.is_index) real += std::to_string(step.index);
                else append_pointer_token(real, step.key);
            }
            real_depth = path.size();
        }
        return real;
    }

    void push(Step step) {
        path.push_back(step);
        real_depth = SIZE_MAX;
    }
    void pop() {
        path.pop_back();
        real_depth = SIZE_MAX;
    }

    LocationView here() const { return {source, line, {}, this}; }

    std::uint32_t make_node(std::string folded) {
        PointerNode node;
        node.folded = std::move(folded);
        nodes->push_back(std::move(node));
        return static_cast<std::uint32_t>(nodes->size() - 1);
    }

    std::uint32_t child(std::uint32_t parent, std::string_view key, bool star) {
        if (star) {
            if ((*nodes)[parent].star == UINT32_MAX) {
                const std::uint32_t made = make_node((*nodes)[parent].folded + "/*");
                (*nodes)[parent].star = made;
            }
            return (*nodes)[parent].star;
        }
        PointerNode& node = (*nodes)[parent];
        auto& children = node.children;
        if (node.hint < children.size() && children[node.hint].first == key)
            return children[node.hint++].second;
        for (std::size_t i = 0; i < children.size(); ++i) {
            if (children[i].first == key) {
                node.hint = i + 1;
                return children[i].second;
            }
        }
        std::string folded = node.folded;
        folded += '/';
        append_pointer_token(folded, key);
        const std::uint32_t made = make_node(std::move(folded));
        PointerNode& again = (*nodes)[parent]; // make_node may have moved the nodes
        again.children.emplace_back(std::string(key), made);
        again.hint = again.children.size();
        return made;
    }

    PointerStats* stats_of(std::uint32_t index) {
        PointerNode& node = (*nodes)[index];
        if (node.stats) return node.stats;
        if (node.dropped) return nullptr;
        auto& pointers = event->pointers;
        if (pointers.size() >= k_pointer_cap) {
            event->pointers_capped = true;
            if (node.folded > std::prev(pointers.end())->first) {
                node.dropped = true;
                return nullptr;
            }
            const auto last = std::prev(pointers.end());
            if (last->second.cache_slot < nodes->size()) (*nodes)[last->second.cache_slot].stats = nullptr;
            pointers.erase(last);
        }
        PointerStats& stats = pointers[node.folded];
        stats.policy = options.show_values ? ValuePolicy::all : model->policy(node.folded);
        stats.cache_slot = index;
        node.stats = &stats;
        return node.stats;
    }

    void keep_value(PointerStats& stats, std::string_view text, char kind) {
        stats.values.add(text, here(), k_value_cap);
        stats.distinct.add(text, kind);
    }

    void walk(element value, std::uint32_t node_index, std::size_t depth) {
        PointerStats* stats = stats_of(node_index);
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
            keep_value(*stats, flag ? "true" : "false", 'b');
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
            if (stats->policy == ValuePolicy::all) {
                keep_value(*stats, text, 'n');
            } else {
                stats->values.overflow();
                stats->distinct.add(text, 'n');
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
            simdjson::dom::array items;
            if (value.get_array().get(items) != simdjson::SUCCESS) return;
            const std::uint32_t item_node = child(node_index, {}, true);
            std::size_t index = 0;
            for (const element item : items) {
                push({{}, index++, true});
                walk(item, item_node, depth + 1);
                pop();
            }
            return;
        }
        case element_type::OBJECT: {
            stats->types[static_cast<std::size_t>(JsonType::object)].add(1, at);
            if (depth >= options.max_depth) return;
            simdjson::dom::object object;
            if (value.get_object().get(object) != simdjson::SUCCESS) return;
            // An object keyed by ids or numbers is a map: its keys fold to "*".
            bool fold = false;
            const auto first = object.begin();
            if (first != object.end() && (all_digits(first.key()) || !id_prefix(first.key()).empty())) {
                fold = true;
                for (const auto field : object)
                    if (id_prefix(field.key).empty() && !all_digits(field.key)) {
                        fold = false;
                        break;
                    }
            }
            for (const auto field : object) {
                if (fold) {
                    const std::string_view prefix = id_prefix(field.key);
                    stats->key_kinds.add(prefix.empty() ? std::string("number")
                                                        : "id:" + std::string(prefix),
                                         at, k_key_pattern_cap);
                }
                const std::uint32_t member = child(node_index, field.key, fold);
                push({field.key, 0, false});
                walk(field.value, member, depth + 1);
                pop();
                stats = stats_of(node_index); // a member may have pushed this pointer out
                if (!stats) return;
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
        stats.distinct.add(text, 's');
        if (stats.values.overflowed) return;
        const bool keep = stats.policy == ValuePolicy::all ? text.size() <= k_kept_value_bytes
                                                           : looks_like_identifier(text);
        if (!keep) {
            stats.values.overflow();
            return;
        }
        scratch.clear();
        append_json_string(scratch, text);
        stats.values.add(scratch, at, k_value_cap);
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
    m_state->path.reserve(m_state->options.max_depth + 2);
    if (m_state->parser.allocate(1 << 16, m_state->options.max_depth + 1) != simdjson::SUCCESS)
        throw Error("cannot allocate the JSON parser");
}

Profiler::~Profiler() = default;
Profiler::Profiler(Profiler&&) noexcept = default;
Profiler& Profiler::operator=(Profiler&&) noexcept = default;

Profile& Profiler::profile() { return m_state->profile; }

void Profiler::add_unreadable(std::string_view source, std::uint64_t line) {
    source = m_state->intern(source);
    ++m_state->profile.documents;
    m_state->profile.unreadable.add(1, {source, line, "", nullptr});
}

void Profiler::add(std::string_view json, std::string_view source, std::uint64_t line) {
    State& s = *m_state;
    source = s.intern(source);
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
        s.profile.unknown_type.add(1, {source, line, "/type", nullptr});
        return;
    }
    s.model = &s.models->at(*event);
    s.event = &s.profile.events[std::string(event->name)];
    s.event->documents.add(1, {source, line, "", nullptr});
    s.source = source;
    s.line = line;
    s.path.clear();
    s.real_depth = SIZE_MAX;
    s.nodes = &s.caches[static_cast<std::size_t>(event - all_events().data())];
    if (s.nodes->empty() || s.nodes->size() > k_cache_nodes) { // start afresh: only a cache
        for (auto& [pointer, stats] : s.event->pointers) stats.cache_slot = UINT32_MAX;
        s.nodes->clear();
        s.make_node("");
    }
    s.walk(root, 0, 1);
}

} // namespace atshook::learn
