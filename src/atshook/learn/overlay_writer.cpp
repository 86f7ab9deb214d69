#include "atshook/learn/overlay_writer.hpp"

#include "atshook/json_pointer.hpp"
#include "atshook/json_text.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <set>

namespace atshook::learn {
namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

struct Evidence {
    std::string event;
    std::string pointer;
    FindingKind kind;
    std::string subject;
    std::uint64_t count = 0;
    std::uint64_t of = 0;
    std::optional<Location> first;
};

// A property or items node replaced by a corrected copy.
struct NodeFix {
    std::string event; // set when the node is in an event's envelope (below /anyOf)
    std::string path, container, key;
    TypeSet add_types = 0;
    std::vector<json> add_values;
    std::set<std::string> add_prefixes;
    bool any_string = false;
    std::optional<std::vector<json>> set_enum; // --tighten
    std::vector<Evidence> evidence;
};

// Members added to an object schema, and changes to its `required`.
struct ObjectFix {
    std::string event;
    std::string path;
    std::map<std::string, TypeSet> add_members;
    std::set<std::string> unrequire, require;
    std::vector<Evidence> evidence;
};

Evidence evidence_of(const LearnFinding& finding) {
    return {finding.event, finding.pointer, finding.kind, finding.subject,
            finding.count,  finding.of,      finding.first};
}

// Adds a finding's evidence to a fix once, though the finding may reach the fix twice (a member
// of both envelope shapes).
void add_evidence(std::vector<Evidence>& list, const LearnFinding& finding) {
    const bool known = std::any_of(list.begin(), list.end(), [&](const Evidence& e) {
        return e.event == finding.event && e.pointer == finding.pointer && e.kind == finding.kind &&
               e.subject == finding.subject;
    });
    if (!known) list.push_back(evidence_of(finding));
}

std::size_t depth_of(std::string_view path) {
    return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
}

bool is_identifier(std::string_view name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
}

std::string quoted_name(std::string_view name) {
    std::string out = "['";
    for (const char c : name) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "']";
}

std::string member(std::string_view name) {
    return is_identifier(name) ? "." + std::string(name) : quoted_name(name);
}

json type_names(TypeSet types) {
    if (types & type_bit(JsonType::number)) types &= static_cast<TypeSet>(~type_bit(JsonType::integer));
    json names = json::array();
    for (std::size_t i = 0; i < k_json_types; ++i)
        if (types & (1u << i)) names.push_back(std::string(to_string(static_cast<JsonType>(i))));
    return names.size() == 1 ? names[0] : names;
}

std::string where(const std::optional<Location>& at) {
    return at ? to_string(*at) : std::string();
}

ordered evidence_json(const std::vector<Evidence>& evidence) {
    ordered list = ordered::array();
    for (const Evidence& e : evidence) {
        ordered item;
        item["event"] = e.event;
        item["pointer"] = e.pointer;
        item["finding"] = to_string(e.kind);
        item["seen"] = e.subject;
        item["count"] = e.count;
        item["of"] = e.of;
        item["first"] = where(e.first);
        list.push_back(std::move(item));
    }
    return list;
}

std::string summary_of(const std::vector<Evidence>& evidence) {
    std::string out;
    for (std::size_t i = 0; i < evidence.size() && i < 3; ++i) {
        if (i) out += "; ";
        out += fmt::format("{} {} {}", evidence[i].event, evidence[i].pointer,
                           to_string(evidence[i].kind));
    }
    if (evidence.size() > 3) out += fmt::format("; and {} more", evidence.size() - 3);
    return out;
}

// The node, loosened (or tightened) as `fix` says.
json corrected(json node, const NodeFix& fix) {
    if (fix.set_enum && node.is_object() && !node.contains("$ref") && !node.contains("enum"))
        node["enum"] = *fix.set_enum;
    std::vector<json> alternatives;
    const bool plain = node.is_object() && !node.contains("$ref") && !node.contains("anyOf") &&
                       !node.contains("const");
    if (!fix.add_values.empty()) {
        if (plain && node.contains("enum") && node["enum"].is_array()) {
            for (const json& value : fix.add_values)
                if (std::find(node["enum"].begin(), node["enum"].end(), value) == node["enum"].end())
                    node["enum"].push_back(value);
        } else {
            alternatives.push_back({{"enum", fix.add_values}});
        }
    }
    TypeSet types = fix.add_types;
    if (types && plain && node.contains("type") && !node.contains("enum")) {
        json& type = node["type"];
        json merged = type.is_array() ? type : json::array({type});
        const json added = type_names(types);
        for (const json& name : added.is_array() ? added : json::array({added}))
            if (std::find(merged.begin(), merged.end(), name) == merged.end()) merged.push_back(name);
        type = merged;
        types = 0;
    } else if ((types & type_bit(JsonType::null)) && plain && node.contains("enum") &&
               node.contains("type")) {
        json& type = node["type"];
        if (!type.is_array()) type = json::array({type});
        if (std::find(type.begin(), type.end(), "null") == type.end()) type.push_back("null");
        if (std::find(node["enum"].begin(), node["enum"].end(), nullptr) == node["enum"].end())
            node["enum"].push_back(nullptr);
        types &= static_cast<TypeSet>(~type_bit(JsonType::null));
    }
    if (types) alternatives.push_back({{"type", type_names(types)}});
    for (const std::string& prefix : fix.add_prefixes)
        alternatives.push_back({{"type", "string"}, {"pattern", "^" + prefix + "[A-Za-z0-9]+$"}});
    if (fix.any_string) alternatives.push_back({{"type", "string"}});
    if (alternatives.empty()) return node;
    json out = json::object();
    if (node.is_object() && node.contains("description")) {
        out["description"] = node["description"];
        node.erase("description");
    }
    json any_of = json::array({node});
    for (auto& alternative : alternatives) any_of.push_back(std::move(alternative));
    out["anyOf"] = std::move(any_of);
    return out;
}

class Writer {
public:
    Writer(const Judgement& judgement, const Profile& profile, const SchemaModels& models,
           const OverlayChoices& choices)
        : m_judgement(judgement), m_profile(profile), m_models(models), m_choices(choices) {}

    ordered run() {
        for (const auto& event : m_judgement.events) {
            for (const auto& finding : event.findings) collect(*event.event, finding);
            if (m_choices.tighten) tighten(event);
        }
        return emit();
    }

private:
    static std::string scope(const std::string& path, std::string_view event) {
        return path.starts_with("/anyOf/") ? std::string(event) : std::string();
    }

    // The key of a fix: its target names both envelope shapes at once ("/anyOf/*/..."), so the
    // two branches' nodes of one member are one fix.
    static std::pair<std::string, std::string> key_of(const std::string& event_scope,
                                                      const std::string& path) {
        if (event_scope.empty()) return {event_scope, path};
        const std::size_t rest = path.find('/', std::string_view("/anyOf/").size());
        return {event_scope, "/anyOf/*" + (rest == std::string::npos ? "" : path.substr(rest))};
    }

    NodeFix& node_fix(const EventInfo& event, const FieldFact& fact) {
        const std::string event_scope = scope(fact.path, event.name);
        NodeFix& fix = m_nodes[key_of(event_scope, fact.path)];
        if (!fix.path.empty()) return fix;
        fix.event = event_scope;
        fix.path = fact.path;
        fix.container = fact.container;
        fix.key = fact.key;
        return fix;
    }

    ObjectFix& object_fix(const EventInfo& event, const std::string& path) {
        const std::string event_scope = scope(path, event.name);
        ObjectFix& fix = m_objects[key_of(event_scope, path)];
        if (!fix.path.empty()) return fix;
        fix.event = event_scope;
        fix.path = path;
        return fix;
    }

    // Whether a schema node is a documented fact of some event: a definition is shared by
    // every event that carries its object, so a correction to it reaches the documented ones too.
    bool documented_somewhere(const std::string& path) {
        if (m_documented_paths.empty()) {
            m_documented_paths.insert(""); // built
            for (const auto& info : all_events()) {
                if (info.provenance != Provenance::documented) continue;
                const EventModel& model = m_models.at(info);
                for (const FieldFact& fact : model.fields()) {
                    if (!fact.documented) continue;
                    m_documented_paths.insert(fact.path);
                    m_documented_paths.insert(fact.container);
                    const std::size_t slash = fact.container.rfind("/properties");
                    if (slash != std::string::npos)
                        m_documented_paths.insert(fact.container.substr(0, slash));
                }
            }
        }
        return path.starts_with("/definitions/") && m_documented_paths.count(path) > 0;
    }

    bool may_loosen(const LearnFinding& finding, const EventModel& model) {
        if (m_choices.accept_deviations) return true;
        if (finding.documented) return false;
        for (const std::size_t index : finding.fields)
            if (documented_somewhere(model.fields()[index].path)) return false;
        for (const std::string& object : finding.objects)
            if (documented_somewhere(object)) return false;
        return true;
    }

    void collect(const EventInfo& event, const LearnFinding& finding) {
        const EventModel& model = m_models.at(event);
        if (!may_loosen(finding, model)) return;
        if (finding.kind == FindingKind::undocumented_field) {
            const std::string name = unescape_pointer_token(finding.pointer.substr(finding.pointer.rfind('/') + 1));
            if (name == "*" && finding.pointer.ends_with("/*")) return; // a folded map: no name
            for (const std::string& object : finding.objects) {
                ObjectFix& fix = object_fix(event, object);
                fix.add_members[name] |= finding.seen_types;
                add_evidence(fix.evidence, finding);
            }
            return;
        }
        for (const std::size_t index : finding.fields) {
            const FieldFact& fact = model.fields()[index];
            switch (finding.kind) {
            case FindingKind::type_mismatch:
                node_fix(event, fact).add_types |= finding.seen_types;
                break;
            case FindingKind::null_not_allowed:
                node_fix(event, fact).add_types |= type_bit(JsonType::null);
                break;
            case FindingKind::enum_value_unknown: {
                if (finding.subject == "many values") continue;
                NodeFix& fix = node_fix(event, fact);
                const json value = json::parse(finding.subject);
                if (std::find(fix.add_values.begin(), fix.add_values.end(), value) ==
                    fix.add_values.end())
                    fix.add_values.push_back(value);
                break;
            }
            case FindingKind::prefix_mismatch:
                node_fix(event, fact).add_prefixes.insert(finding.subject);
                break;
            case FindingKind::format_mismatch:
                if (finding.subject != "not a date-time") continue; // a valid date-time
                node_fix(event, fact).any_string = true;
                break;
            case FindingKind::required_but_absent: {
                const std::size_t slash = fact.container.rfind("/properties");
                if (slash == std::string::npos) continue;
                object_fix(event, fact.container.substr(0, slash)).unrequire.insert(fact.key);
                add_evidence(object_fix(event, fact.container.substr(0, slash)).evidence, finding);
                continue;
            }
            default:
                continue;
            }
            add_evidence(node_fix(event, fact).evidence, finding);
        }
    }

    // --tighten: members in every object that could hold them become required; strings with a
    // few identifiers seen many times get them as their enum.
    void tighten(const EventJudgement& event) {
        const EventModel& model = m_models.at(*event.event);
        for (const FieldJudgement& field : event.fields) {
            if (field.state != FactState::confirmed) continue;
            const FieldFact& fact = model.fields()[field.fields.front()];
            const PointerStats& stats = field.evidence;
            const std::uint64_t strings = stats.types[static_cast<std::size_t>(JsonType::string)].count;
            if (!fact.enumeration && fact.prefix.empty() && fact.format.empty() &&
                strings == stats.present.count && enum_like(stats) &&
                stats.values.entries.size() <= 12) {
                for (const std::size_t index : field.fields) {
                    std::vector<json> values;
                    for (const auto& [value, _] : stats.values.entries) values.push_back(json::parse(value));
                    NodeFix& fix = node_fix(*event.event, model.fields()[index]);
                    fix.set_enum = values;
                    fix.evidence.push_back({std::string(event.event->name), field.pointer,
                                            FindingKind::enum_value_unknown, "enum-like",
                                            stats.present.count, stats.present.count,
                                            stats.present.first});
                }
            }
            if (fact.required || fact.key == "items") continue;
            const std::size_t slash = fact.container.rfind("/properties");
            if (slash == std::string::npos) continue;
            const std::uint64_t holders = field.holders;
            if (holders < k_confirming_count || stats.present.count < holders) continue;
            for (const std::size_t index : field.fields) {
                const FieldFact& each = model.fields()[index];
                ObjectFix& fix = object_fix(*event.event, each.container.substr(0, each.container.rfind("/properties")));
                fix.require.insert(each.key);
                fix.evidence.push_back({std::string(event.event->name), field.pointer,
                                        FindingKind::required_but_absent, "always present",
                                        stats.present.count, holders, stats.present.first});
            }
        }
    }

    // The working copy of the schema node at `path` for `event` ("" for shared definitions).
    json& working(const std::string& event, const std::string& path) {
        if (path.starts_with("/anyOf/")) {
            const EventInfo* info = find_event(event);
            auto [found, inserted] = m_working.emplace(event, json());
            if (inserted) found->second = m_models.at(*info).schema();
            return found->second.at(json::json_pointer(path));
        }
        if (m_definitions.is_null()) {
            m_definitions = json::object();
            for (const auto& info : all_events())
                for (const auto& [name, definition] : m_models.at(info).schema()["definitions"].items())
                    m_definitions.emplace(name, definition);
        }
        return m_definitions.at(json::json_pointer(path.substr(std::string_view("/definitions").size())));
    }

    void action(ordered& actions, std::string target, std::string description,
                const std::vector<Evidence>& evidence, std::optional<json> update) {
        ordered item;
        item["target"] = std::move(target);
        item["description"] = std::move(description);
        if (update) item["update"] = ordered::parse(update->dump());
        else item["remove"] = true;
        item["x-ats-hook-evidence"] = evidence_json(evidence);
        item["x-ats-hook-schema-version"] = m_profile.schema_version;
        actions.push_back(std::move(item));
    }

    ordered emit() {
        struct Step {
            std::size_t depth;
            std::string path;
            std::string event;
            bool is_object;
        };
        std::vector<Step> steps;
        for (const auto& [key, fix] : m_nodes) steps.push_back({depth_of(key.second), key.second, key.first, false});
        for (const auto& [key, fix] : m_objects)
            steps.push_back({depth_of(key.second) + 1, key.second, key.first, true});
        std::sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
            if (a.depth != b.depth) return a.depth > b.depth;
            if (a.path != b.path) return a.path < b.path;
            if (a.event != b.event) return a.event < b.event;
            return a.is_object < b.is_object;
        });
        ordered actions = ordered::array();
        for (const Step& step : steps) {
            if (step.is_object) emit_object(actions, m_objects.at({step.event, step.path}));
            else emit_node(actions, m_nodes.at({step.event, step.path}));
        }
        return actions;
    }

    void emit_node(ordered& actions, const NodeFix& fix) {
        json& container = working(fix.event, fix.container);
        const json& current = container.at(fix.key); // the properties object, or the array's schema
        json replacement = corrected(current, fix);
        const std::string container_target = json_path_target(fix.container, fix.event);
        const std::string node_target = json_path_target(fix.path, fix.event);
        const std::string summary = summary_of(fix.evidence);
        action(actions, node_target, "Replace the schema of " + fix.evidence.front().pointer +
                                         " with a corrected one (next action): " + summary,
               fix.evidence, std::nullopt);
        action(actions, container_target,
               "The corrected schema of " + fix.evidence.front().pointer + ": " + summary,
               fix.evidence, json{{fix.key, replacement}});
        container[fix.key] = std::move(replacement);
    }

    void emit_object(ordered& actions, const ObjectFix& fix) {
        json& object = working(fix.event, fix.path);
        const std::string target = json_path_target(fix.path, fix.event);
        const std::string summary = summary_of(fix.evidence);
        if (!fix.add_members.empty()) {
            json members = json::object();
            for (const auto& [name, types] : fix.add_members) {
                const Evidence* seen = nullptr;
                for (const Evidence& e : fix.evidence)
                    if (e.kind == FindingKind::undocumented_field &&
                        unescape_pointer_token(e.pointer.substr(e.pointer.rfind('/') + 1)) == name)
                        seen = &e;
                json schema = {{"type", type_names(types)}};
                if (seen)
                    schema["description"] = fmt::format(
                        "Not in the schema: seen {} times in {} (first at {}) by ats-hook learn. "
                        "[observed]",
                        seen->count, seen->event, where(seen->first));
                members[name] = std::move(schema);
                object["properties"][name] = members[name];
            }
            action(actions, target + ".properties", "Add members seen in the traffic: " + summary,
                   fix.evidence, members);
        }
        if (!fix.unrequire.empty() || !fix.require.empty()) {
            std::vector<std::string> required;
            if (object.contains("required"))
                for (const auto& name : object["required"]) required.push_back(name.get<std::string>());
            std::erase_if(required, [&](const std::string& name) { return fix.unrequire.count(name) > 0; });
            for (const std::string& name : fix.require)
                if (std::find(required.begin(), required.end(), name) == required.end())
                    required.push_back(name);
            if (object.contains("required"))
                action(actions, target + ".required", "Replace the required members (next action): " + summary,
                       fix.evidence, std::nullopt);
            if (!required.empty())
                action(actions, target, "The required members, as the traffic shows them: " + summary,
                       fix.evidence, json{{"required", required}});
            if (required.empty()) object.erase("required");
            else object["required"] = required;
        }
    }

    const Judgement& m_judgement;
    const Profile& m_profile;
    const SchemaModels& m_models;
    const OverlayChoices& m_choices;
    std::map<std::pair<std::string, std::string>, NodeFix> m_nodes;
    std::map<std::pair<std::string, std::string>, ObjectFix> m_objects;
    std::map<std::string, json> m_working;
    std::set<std::string> m_documented_paths;
    json m_definitions;
};

} // namespace

std::string json_path_target(std::string_view path, std::string_view event) {
    const std::vector<std::string> tokens = pointer_tokens(path);
    std::string out = "$";
    std::size_t i = 0;
    if (tokens.size() >= 2 && tokens[0] == "anyOf" && !event.empty()) {
        out += fmt::format(".anyOf[?(@.properties.type.const == '{}')]", event);
        i = 2;
    }
    for (; i < tokens.size(); ++i) {
        const bool index = i > 0 && tokens[i - 1] == "anyOf" && !tokens[i].empty() &&
                           std::all_of(tokens[i].begin(), tokens[i].end(),
                                       [](char c) { return c >= '0' && c <= '9'; });
        out += index ? "[" + tokens[i] + "]" : member(tokens[i]);
    }
    return out;
}

ordered overlay_actions(const Judgement& judgement, const Profile& profile,
                        const SchemaModels& models, const OverlayChoices& choices) {
    return Writer(judgement, profile, models, choices).run();
}

std::string overlay_json(const Judgement& judgement, const Profile& profile,
                         const SchemaModels& models, const OverlayChoices& choices) {
    ordered actions = overlay_actions(judgement, profile, models, choices);
    if (actions.empty()) return {};
    ordered document;
    document["overlay"] = "1.0.0";
    document["info"] = {{"title", fmt::format("Corrections to the HireHive schemas learned from {} "
                                              "deliveries by ats-hook learn",
                                              profile.documents)},
                        {"version", "1"},
                        {"x-ats-hook-schema-version", profile.schema_version}};
    document["actions"] = std::move(actions);
    return json_text(document, 2) + "\n";
}

} // namespace atshook::learn
