#include "atshook/schema/compiler.hpp"

#include "atshook/error.hpp"
#include "atshook/json_pointer.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace atshook::schema {
namespace {

using json = nlohmann::json;

constexpr std::string_view k_annotations[] = {"$schema",     "$id",         "$comment", "title",
                                              "description", "definitions", "examples", "default"};

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const std::string hex(text.substr(i + 1, 2));
            if (hex.size() == 2 && std::isxdigit(static_cast<unsigned char>(hex[0])) &&
                std::isxdigit(static_cast<unsigned char>(hex[1]))) {
                out.push_back(static_cast<char>(std::stoi(hex, nullptr, 16)));
                i += 2;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

std::uint8_t type_bit(const json& name, const std::string& where) {
    if (name.is_string()) {
        const auto& s = name.get_ref<const std::string&>();
        if (s == "null") return k_null;
        if (s == "boolean") return k_boolean;
        if (s == "integer") return k_integer;
        if (s == "number") return k_number;
        if (s == "string") return k_string;
        if (s == "array") return k_array;
        if (s == "object") return k_object;
    }
    throw Error(fmt::format("schema {}: \"type\" names {}, which is not a JSON Schema type", where,
                            name.dump()));
}

std::string describe_value(const json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

class Compiler {
public:
    Compiler(const SchemaDocuments& documents, Mode mode) : m_documents(documents) {
        m_tree.mode = mode;
    }

    CheckTree run(std::string_view root_name) {
        const auto it = m_documents.find(root_name);
        if (it == m_documents.end())
            throw Error(fmt::format("schema file {} is not known", root_name));
        m_tree.root = compile_at(it->first, "");
        finish_tree();
        return std::move(m_tree);
    }

private:
    // What the walker reads beyond the keywords: the checks of each node, and each child already
    // at the end of its $ref chain, followed once here instead of at every value.
    void finish_tree() {
        m_tree.root = resolved(m_tree.root);
        for (Node& node : m_tree.nodes) {
            for (Property& property : node.properties) property.node = resolved(property.node);
            node.additional = resolved(node.additional);
            node.items = resolved(node.items);
            for (NodeId& branch : node.any_of) branch = resolved(branch);
            node.checks = static_cast<std::uint8_t>(
                (node.enum_values.empty() ? 0 : k_check_enum) |
                (node.min_length || node.max_length || node.pattern || node.date_time
                     ? k_check_string
                     : 0) |
                (node.minimum || node.maximum ? k_check_number : 0) |
                (!node.properties.empty() || !node.required_elsewhere.empty() ||
                         node.additional_forbidden || node.additional != k_no_node
                     ? k_check_object
                     : 0) |
                (node.items != k_no_node ? k_check_items : 0) |
                (node.any_of.empty() ? 0 : k_check_any_of));
        }
    }

    // The node a chain of $refs from `id` ends at; `id` itself for a cycle of them, which the
    // walker then follows as written.
    NodeId resolved(NodeId id) const {
        NodeId at = id;
        for (std::size_t step = 0; at != k_no_node && step <= m_tree.nodes.size(); ++step) {
            if (m_tree.nodes[at].ref == k_no_node) return at;
            at = m_tree.nodes[at].ref;
        }
        return id;
    }

    // Compiles the schema at `pointer` in `file` once; later references reuse its node, which
    // also makes recursive schemas finite.
    NodeId compile_at(const std::string& file, const std::string& pointer) {
        const std::string key = file + "#" + pointer;
        if (const auto it = m_done.find(key); it != m_done.end()) return it->second;
        const json& document = m_documents.find(file)->second;
        const json* schema = nullptr;
        try {
            schema = &document.at(json::json_pointer(pointer));
        } catch (const json::exception&) {
            throw Error(fmt::format("schema {}: $ref target {} does not exist", file, pointer));
        }
        const auto id = static_cast<NodeId>(m_tree.nodes.size());
        m_tree.nodes.emplace_back();
        m_done.emplace(key, id);
        Node node = compile_node(file, pointer, *schema);
        m_tree.nodes[id] = std::move(node);
        return id;
    }

    NodeId compile_child(const std::string& file, const std::string& pointer) {
        return compile_at(file, pointer);
    }

    Node compile_node(const std::string& file, const std::string& pointer, const json& schema) {
        const std::string where = file + "#" + pointer;
        Node node;
        if (schema.is_boolean()) {
            node.always_false = !schema.get<bool>();
            return node;
        }
        if (!schema.is_object())
            throw Error(fmt::format("schema {}: a schema must be an object or a boolean", where));

        if (const auto ref = schema.find("$ref"); ref != schema.end()) {
            node.ref = resolve_ref(file, where, *ref);
            return node; // draft-07: $ref replaces its siblings
        }
        for (const auto& [keyword, value] : schema.items()) {
            if (keyword == "$id" && !pointer.empty())
                throw Error(fmt::format("schema {}: \"$id\" below the document root (a change of "
                                        "base URI) is not supported",
                                        where));
            if (std::find(std::begin(k_annotations), std::end(k_annotations), keyword) !=
                std::end(k_annotations))
                continue;
            compile_keyword(node, file, pointer, where, keyword, value);
        }
        finish_properties(node, schema, where);
        return node;
    }

    void compile_keyword(Node& node, const std::string& file, const std::string& pointer,
                         const std::string& where, const std::string& keyword, const json& value) {
        const auto child = [&](const std::string& suffix) {
            return compile_child(file, pointer + "/" + suffix);
        };
        if (keyword == "type") {
            const json names = value.is_array() ? value : json::array({value});
            for (const auto& name : names) {
                node.types |= type_bit(name, where);
                node.type_text += (node.type_text.empty() ? "" : " or ") + name.get<std::string>();
            }
        } else if (keyword == "properties") {
            require(value.is_object(), where, keyword, "an object");
            for (const auto& [name, sub] : value.items())
                node.properties.push_back(
                    {name, child("properties/" + pointer_token(name)), false});
            std::sort(node.properties.begin(), node.properties.end(),
                      [](const Property& a, const Property& b) { return a.name < b.name; });
        } else if (keyword == "required") {
            require(value.is_array(), where, keyword, "an array of names");
            // applied in finish_properties, once `properties` is known
        } else if (keyword == "additionalProperties") {
            if (value.is_boolean())
                node.additional_forbidden = !value.get<bool>();
            else
                node.additional = child("additionalProperties");
        } else if (keyword == "items") {
            if (value.is_array())
                throw Error(fmt::format("schema {}: \"items\" as an array (tuple validation) is "
                                        "not supported",
                                        where));
            node.items = child("items");
        } else if (keyword == "enum") {
            require(value.is_array(), where, keyword, "an array");
            node.enum_values.assign(value.begin(), value.end());
            for (const auto& v : value) {
                node.enum_text += (node.enum_text.empty() ? "" : ", ") + describe_value(v);
                if (v.is_string()) node.enum_strings.push_back(v.get<std::string>());
            }
        } else if (keyword == "const") {
            node.enum_values = {value};
            if (value.is_string()) node.enum_strings = {value.get<std::string>()};
            node.is_const = true;
            node.enum_text = value.dump();
        } else if (keyword == "minLength" || keyword == "maxLength") {
            require(value.is_number() && value.get<double>() >= 0 &&
                        std::floor(value.get<double>()) == value.get<double>(),
                    where, keyword, "a non-negative integer");
            (keyword == "minLength" ? node.min_length : node.max_length) =
                static_cast<std::size_t>(value.get<double>());
        } else if (keyword == "minimum" || keyword == "maximum") {
            require(value.is_number(), where, keyword, "a number");
            (keyword == "minimum" ? node.minimum : node.maximum) = value.get<double>();
        } else if (keyword == "pattern") {
            require(value.is_string(), where, keyword, "a string");
            node.pattern.emplace(value.get<std::string>());
        } else if (keyword == "format") {
            if (value != "date-time")
                throw Error(fmt::format("schema {}: format {} is not supported (only date-time)",
                                        where, value.dump()));
            node.date_time = true;
        } else if (keyword == "anyOf") {
            require(value.is_array() && !value.empty(), where, keyword, "a non-empty array");
            for (std::size_t i = 0; i < value.size(); ++i)
                node.any_of.push_back(child("anyOf/" + std::to_string(i)));
        } else {
            throw Error(fmt::format("schema {}: keyword \"{}\" is not supported by ats-hook's "
                                    "validator (it would be ignored, so it is refused)",
                                    where, keyword));
        }
    }

    void finish_properties(Node& node, const json& schema, const std::string& where) {
        const bool all_required = m_tree.mode == Mode::strict;
        if (const auto required = schema.find("required"); required != schema.end()) {
            for (const auto& name : *required) {
                if (!name.is_string())
                    throw Error(fmt::format("schema {}: \"required\" must list names", where));
                const auto& text = name.get_ref<const std::string&>();
                auto it = std::lower_bound(
                    node.properties.begin(), node.properties.end(), text,
                    [](const Property& p, const std::string& n) { return p.name < n; });
                if (it != node.properties.end() && it->name == text)
                    it->required = true;
                else if (std::find(node.required_elsewhere.begin(), node.required_elsewhere.end(),
                                   text) == node.required_elsewhere.end())
                    node.required_elsewhere.push_back(text);
            }
        }
        const auto declared = schema.find("properties");
        for (auto& property : node.properties) {
            // --strict requires what HireHive's pages and objects name, not a member that an
            // overlay from `learn` added because traffic showed it ("[observed]").
            bool observed = false;
            if (all_required && declared != schema.end() && declared->is_object()) {
                const auto member = declared->find(property.name);
                if (member != declared->end() && member->is_object()) {
                    const auto description = member->find("description");
                    observed = description != member->end() && description->is_string() &&
                               description->get_ref<const std::string&>().ends_with("[observed]");
                }
            }
            property.required = property.required || (all_required && !observed);
            node.required_count += property.required ? 1 : 0;
        }
        if (node.properties.empty()) return;
        if (node.properties.size() >= UINT16_MAX)
            throw Error(fmt::format("schema {}: too many properties", where));
        std::size_t size = 4;
        while (size < 2 * node.properties.size()) size *= 2;
        node.property_slots.assign(size, 0);
        for (std::size_t i = 0; i < node.properties.size(); ++i) {
            std::size_t slot = property_hash(node.properties[i].name) & (size - 1);
            while (node.property_slots[slot] != 0) slot = (slot + 1) & (size - 1);
            node.property_slots[slot] = static_cast<std::uint16_t>(i + 1);
        }
    }

    NodeId resolve_ref(const std::string& file, const std::string& where, const json& ref) {
        if (!ref.is_string())
            throw Error(fmt::format("schema {}: \"$ref\" must be a string", where));
        const auto& text = ref.get_ref<const std::string&>();
        const std::size_t hash = text.find('#');
        const std::string target_file = hash == 0 ? file : text.substr(0, hash);
        const std::string fragment = hash == std::string::npos
                                         ? ""
                                         : percent_decode(std::string_view(text).substr(hash + 1));
        if (m_documents.find(target_file) == m_documents.end())
            throw Error(fmt::format("schema {}: $ref \"{}\" points outside the embedded schema "
                                    "files, which is not supported",
                                    where, text));
        if (!fragment.empty() && fragment.front() != '/')
            throw Error(fmt::format("schema {}: $ref \"{}\" uses a plain-name fragment, which is "
                                    "not supported (use a JSON pointer)",
                                    where, text));
        return compile_at(m_documents.find(target_file)->first, fragment);
    }

    static void require(bool ok, const std::string& where, const std::string& keyword,
                        const char* what) {
        if (!ok) throw Error(fmt::format("schema {}: \"{}\" must be {}", where, keyword, what));
    }

    const SchemaDocuments& m_documents;
    CheckTree m_tree;
    std::map<std::string, NodeId> m_done;
};

} // namespace

CheckTree compile(const SchemaDocuments& documents, std::string_view root_name, Mode mode) {
    return Compiler(documents, mode).run(root_name);
}

} // namespace atshook::schema
