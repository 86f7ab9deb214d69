#include "atshook/learn/schema_model.hpp"

#include "atshook/error.hpp"
#include "atshook/json_pointer.hpp"
#include "atshook/schema/store.hpp"

#include <fmt/core.h>

namespace atshook::learn {
namespace {

using json = nlohmann::json;

// Schemas nest a few levels; $refs may not lead round in circles past this.
constexpr int k_max_schema_depth = 32;

TypeSet types_named(const json& type) {
    const auto one = [](const json& name) -> TypeSet {
        if (!name.is_string()) return 0;
        const std::string& n = name.get_ref<const std::string&>();
        if (n == "null") return type_bit(JsonType::null);
        if (n == "boolean") return type_bit(JsonType::boolean);
        if (n == "integer") return type_bit(JsonType::integer);
        if (n == "number") return type_bit(JsonType::integer) | type_bit(JsonType::number);
        if (n == "string") return type_bit(JsonType::string);
        if (n == "array") return type_bit(JsonType::array);
        if (n == "object") return type_bit(JsonType::object);
        return 0;
    };
    if (type.is_array()) {
        TypeSet out = 0;
        for (const auto& name : type) out |= one(name);
        return out;
    }
    return one(type);
}

TypeSet type_of_value(const json& value) {
    switch (value.type()) {
    case json::value_t::null:
        return type_bit(JsonType::null);
    case json::value_t::boolean:
        return type_bit(JsonType::boolean);
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return type_bit(JsonType::integer);
    case json::value_t::number_float:
        return type_bit(JsonType::number);
    case json::value_t::string:
        return type_bit(JsonType::string);
    case json::value_t::array:
        return type_bit(JsonType::array);
    default:
        return type_bit(JsonType::object);
    }
}

// "can_" for "^can_[A-Za-z0-9]+$".
std::string prefix_of_pattern(const json& pattern) {
    if (!pattern.is_string()) return {};
    const std::string& p = pattern.get_ref<const std::string&>();
    if (!p.starts_with('^')) return {};
    std::size_t i = 1;
    while (i < p.size() && ((p[i] >= 'a' && p[i] <= 'z') || p[i] == '_')) ++i;
    const std::string prefix = p.substr(1, i - 1);
    return prefix.size() > 1 && prefix.back() == '_' ? prefix : std::string{};
}

bool mentions_inferred(const json& node) {
    const auto description = node.find("description");
    if (description == node.end() || !description->is_string()) return false;
    const std::string& text = description->get_ref<const std::string&>();
    // [observed]: a member an overlay from `learn` added; it was never documented.
    return text.find("[inferred]") != std::string::npos || text.find("[observed]") != std::string::npos;
}

std::string child_pointer(const std::string& pointer, std::string_view name) {
    std::string out = pointer;
    out += '/';
    append_pointer_token(out, name);
    return out;
}

} // namespace

std::string describe_types(TypeSet types) {
    std::vector<std::string> names;
    if ((types & type_bit(JsonType::number)) && (types & type_bit(JsonType::integer)))
        types &= static_cast<TypeSet>(~type_bit(JsonType::integer));
    for (std::size_t i = 0; i < k_json_types; ++i)
        if (types & (1u << i)) names.emplace_back(to_string(static_cast<JsonType>(i)));
    if (names.empty()) return "nothing";
    if (names.size() == k_json_types - 1 && types == (k_any_type & ~type_bit(JsonType::integer)))
        return "any type";
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += i + 1 == names.size() ? " or " : ", ";
        out += names[i];
    }
    return out;
}

EventModel::EventModel(const EventInfo& event, json schema)
    : m_event(&event), m_schema(std::move(schema)) {
    const auto any_of = m_schema.find("anyOf");
    if (any_of != m_schema.end() && any_of->is_array()) {
        for (std::size_t i = 0; i < any_of->size(); ++i)
            walk((*any_of)[i], fmt::format("/anyOf/{}", i), "", 0);
    } else {
        walk(m_schema, "", "", 0);
    }
}

const json& EventModel::resolve(const json& node, std::string& path, int depth) const {
    const json* current = &node;
    while (current->is_object() && current->contains("$ref")) {
        if (++depth > k_max_schema_depth) throw Error("schema $refs nest too deeply");
        const json& ref = (*current)["$ref"];
        if (!ref.is_string() || !ref.get_ref<const std::string&>().starts_with("#"))
            throw Error(fmt::format("cannot follow $ref at {} in the {} schema", path,
                                    m_event->name));
        path = ref.get<std::string>().substr(1);
        current = &m_schema.at(json::json_pointer(path));
    }
    return *current;
}

TypeSet EventModel::types_of(const json& node, int depth) const {
    if (depth > k_max_schema_depth) return k_any_type;
    if (node.is_boolean()) return node.get<bool>() ? k_any_type : 0;
    std::string path;
    const json& target = resolve(node, path, depth);
    if (!target.is_object()) return k_any_type;
    TypeSet types = k_any_type;
    if (const auto type = target.find("type"); type != target.end()) types &= types_named(*type);
    if (const auto constant = target.find("const"); constant != target.end())
        types &= type_of_value(*constant);
    if (const auto values = target.find("enum"); values != target.end() && values->is_array()) {
        TypeSet of_values = 0;
        for (const auto& value : *values) of_values |= type_of_value(value);
        types &= of_values;
    }
    if (const auto any_of = target.find("anyOf"); any_of != target.end() && any_of->is_array()) {
        TypeSet of_any = 0;
        for (const auto& alternative : *any_of) of_any |= types_of(alternative, depth + 1);
        types &= of_any;
    }
    return types;
}

std::optional<std::vector<json>> EventModel::enum_of(const json& node, int depth) const {
    if (depth > k_max_schema_depth || node.is_boolean()) return std::nullopt;
    std::string path;
    const json& target = resolve(node, path, depth);
    if (!target.is_object()) return std::nullopt;
    if (const auto constant = target.find("const"); constant != target.end())
        return std::vector<json>{*constant};
    if (const auto values = target.find("enum"); values != target.end() && values->is_array())
        return std::vector<json>(values->begin(), values->end());
    const auto any_of = target.find("anyOf");
    if (any_of == target.end() || !any_of->is_array()) return std::nullopt;
    std::vector<json> all; // an enum, perhaps with null allowed beside it
    bool found = false;
    for (const auto& alternative : *any_of) {
        if (types_of(alternative, depth + 1) == type_bit(JsonType::null)) {
            all.emplace_back(nullptr);
            continue;
        }
        auto values = enum_of(alternative, depth + 1);
        if (!values) return std::nullopt;
        found = true;
        all.insert(all.end(), values->begin(), values->end());
    }
    return found ? std::optional(all) : std::nullopt;
}

void EventModel::add_field(const json& node, const std::string& path, const std::string& container,
                           const std::string& key, const std::string& pointer,
                           const std::string& parent, bool required, int depth) {
    auto [found, inserted] = m_field_by_path.emplace(path, m_fields.size());
    if (inserted) {
        FieldFact fact;
        fact.path = path;
        fact.container = container;
        fact.key = key;
        fact.pointer = pointer;
        fact.parent = parent;
        fact.required = required;
        fact.documented = m_event->provenance == Provenance::documented && !mentions_inferred(node);
        const auto description = node.find("description");
        fact.observed = description != node.end() && description->is_string() &&
                        description->get_ref<const std::string&>().ends_with("[observed]");
        fact.types = types_of(node, depth);
        fact.enumeration = enum_of(node, depth);
        std::string target_path = path;
        const json& target = resolve(node, target_path, depth);
        if (target.is_object()) {
            if (target.value("format", "") == "date-time") fact.format = "date-time";
            if (const auto pattern = target.find("pattern"); pattern != target.end())
                fact.prefix = prefix_of_pattern(*pattern);
        }
        m_fields.push_back(std::move(fact));
    }
    auto& at = m_by_pointer[pointer];
    if (std::find(at.begin(), at.end(), found->second) == at.end()) at.push_back(found->second);
    walk(node, path, pointer, depth + 1);
}

void EventModel::walk(const json& node, const std::string& node_path, const std::string& pointer,
                      int depth) {
    if (depth > k_max_schema_depth || !node.is_object()) return;
    std::string path = node_path;
    const json& target = resolve(node, path, depth);
    if (!target.is_object()) return;
    if (const auto any_of = target.find("anyOf"); any_of != target.end() && any_of->is_array())
        for (std::size_t i = 0; i < any_of->size(); ++i)
            walk((*any_of)[i], fmt::format("{}/anyOf/{}", path, i), pointer, depth + 1);
    if (const auto properties = target.find("properties");
        properties != target.end() && properties->is_object()) {
        const auto additional = target.find("additionalProperties");
        auto& objects = m_objects[pointer];
        const bool closed = additional != target.end() && additional->is_boolean() &&
                            !additional->get<bool>();
        if (std::none_of(objects.begin(), objects.end(),
                         [&](const ObjectFact& o) { return o.path == path; }))
            objects.push_back({path, closed});
        std::vector<std::string> required;
        if (const auto names = target.find("required"); names != target.end() && names->is_array())
            for (const auto& name : *names)
                if (name.is_string()) required.push_back(name.get<std::string>());
        for (const auto& [name, sub] : properties->items()) {
            const std::string container = path + "/properties";
            add_field(sub, child_pointer(container, name), container, name,
                      child_pointer(pointer, name), pointer,
                      std::find(required.begin(), required.end(), name) != required.end(), depth);
        }
    }
    if (const auto items = target.find("items"); items != target.end() && items->is_object())
        add_field(*items, path + "/items", path, "items", pointer + "/*", pointer, false, depth);
}

const std::vector<std::size_t>* EventModel::fields_at(std::string_view pointer) const {
    const auto found = m_by_pointer.find(pointer);
    return found == m_by_pointer.end() ? nullptr : &found->second;
}

const std::vector<ObjectFact>* EventModel::objects_at(std::string_view pointer) const {
    const auto found = m_objects.find(pointer);
    return found == m_objects.end() ? nullptr : &found->second;
}

ValuePolicy EventModel::policy(std::string_view pointer) const {
    const auto* fields = fields_at(pointer);
    if (!fields) return ValuePolicy::identifiers;
    for (const std::size_t index : *fields) {
        const FieldFact& fact = m_fields[index];
        const TypeSet scalar_closed = type_bit(JsonType::boolean) | type_bit(JsonType::integer) |
                                      type_bit(JsonType::null);
        if (fact.enumeration || (fact.types & ~scalar_closed) == 0) return ValuePolicy::all;
    }
    return ValuePolicy::identifiers;
}

SchemaModels::SchemaModels()
    : SchemaModels([](std::string_view event) {
          return schema::export_event_schema(event, schema::Mode::standard);
      }) {}

SchemaModels::SchemaModels(SchemaSource source) : m_source(std::move(source)) {}

const EventModel& SchemaModels::at(const EventInfo& event) const {
    const auto index = static_cast<std::size_t>(&event - all_events().data());
    std::call_once(m_once.at(index), [&] {
        m_models[index] = std::make_unique<EventModel>(event, m_source(event.name));
    });
    return *m_models[index];
}

} // namespace atshook::learn
