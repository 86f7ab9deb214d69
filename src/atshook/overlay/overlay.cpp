#include "atshook/overlay/overlay.hpp"

#include "atshook/error.hpp"
#include "atshook/json_error.hpp"
#include "atshook/limits.hpp"
#include "atshook/validation.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace atshook::overlay {
namespace {

using json = nlohmann::json;

bool is_extension(const std::string& key) {
    return key.starts_with("x-");
}

const char* type_name(const json& value) {
    switch (value.type()) {
    case json::value_t::object:
        return "an object";
    case json::value_t::array:
        return "an array";
    case json::value_t::string:
        return "a string";
    case json::value_t::boolean:
        return "a boolean";
    case json::value_t::null:
        return "null";
    default:
        return "a number";
    }
}

// Throws for a member of `object` (at `where`) that is neither in `known` nor an extension.
void refuse_unknown(const json& object, std::initializer_list<std::string_view> known,
                    const std::string& where) {
    for (const auto& [key, _] : object.items()) {
        if (is_extension(key) || std::find(known.begin(), known.end(), key) != known.end())
            continue;
        throw Error(fmt::format("{}: unknown member \"{}\" (allowed: {}, and x- extensions)", where,
                                key, fmt::join(known, ", ")));
    }
}

std::string required_string(const json& object, const char* key, const std::string& where) {
    const auto member = object.find(key);
    if (member == object.end()) throw Error(fmt::format("{}: \"{}\" is missing", where, key));
    if (!member->is_string())
        throw Error(
            fmt::format("{}: \"{}\" must be a string, not {}", where, key, type_name(*member)));
    return member->get<std::string>();
}

std::string schema_version_of(const json& object, const std::string& where) {
    const auto member = object.find("x-ats-hook-schema-version");
    if (member == object.end()) return "";
    if (!member->is_string())
        throw Error(fmt::format("{}: \"x-ats-hook-schema-version\" must be a string, not {}", where,
                                type_name(*member)));
    return member->get<std::string>();
}

OverlayAction parse_action(const json& action, const std::string& where) {
    if (!action.is_object())
        throw Error(fmt::format("{}: an action is an object, not {}", where, type_name(action)));
    refuse_unknown(action, {"target", "description", "update", "remove"}, where);
    OverlayAction out;
    const std::string target = required_string(action, "target", where);
    try {
        out.target = parse_json_path(target);
    } catch (const Error& e) {
        throw Error(fmt::format("{}: {}", where, e.what()));
    }
    if (const auto description = action.find("description");
        description != action.end() && !description->is_string())
        throw Error(fmt::format("{}: \"description\" must be a string", where));
    if (const auto remove = action.find("remove"); remove != action.end()) {
        if (!remove->is_boolean())
            throw Error(fmt::format("{}: \"remove\" must be true or false, not {}", where,
                                    type_name(*remove)));
        // openapi-overlays-js removes the target whenever "remove" is present, even false: an
        // overlay that said so would mean two things, so it says one.
        if (!remove->get<bool>())
            throw Error(fmt::format("{}: \"remove\": false is the default; leave \"remove\" out "
                                    "(other overlay tools remove the target when it is present)",
                                    where));
        out.remove = true;
    }
    if (const auto update = action.find("update"); update != action.end()) out.update = *update;
    if (!out.remove && !out.update)
        throw Error(fmt::format("{}: an action needs \"update\" or \"remove\": true", where));
    if (out.remove && out.target.segments.empty())
        throw Error(fmt::format("{}: the whole document cannot be removed", where));
    out.schema_version = schema_version_of(action, where);
    return out;
}

// Merges `update` into `node` as openapi-overlays-js does (mergician with appendArrays).
void merge(json& node, const json& update) {
    for (const auto& [key, value] : update.items()) {
        const auto existing = node.find(key);
        if (existing == node.end())
            node[key] = value;
        else if (existing->is_object() && value.is_object())
            merge(*existing, value);
        else if (existing->is_array() && value.is_array())
            existing->insert(existing->end(), value.begin(), value.end());
        else
            *existing = value;
    }
}

std::string pointer_text(const json::json_pointer& pointer) {
    const std::string text = pointer.to_string();
    return text.empty() ? "the document" : text;
}

// The deepest nesting of arrays and objects in JSON text (strings skipped), and where it first
// passes `limit` (or npos): nlohmann's parser and copies recurse, so depth is checked first.
std::size_t too_deep_at(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

// A corrected schema may grow, but not without bound: updates can copy a node into every match,
// and each action can match what the last one added.
void check_growth(const json& document, const Overlay& overlay, std::size_t action_index) {
    std::size_t nodes = 0;
    std::vector<std::pair<const json*, std::size_t>> pending{{&document, 1}};
    while (!pending.empty()) {
        const auto [node, depth] = pending.back();
        pending.pop_back();
        if (++nodes > limits::k_overlaid_schema_nodes || depth > limits::k_depth)
            throw Error(fmt::format(
                "{}: the corrected schema grows past {} ({} nodes, {} levels at most)",
                action_place(overlay, action_index),
                nodes > limits::k_overlaid_schema_nodes ? "its size" : "its depth",
                limits::k_overlaid_schema_nodes, limits::k_depth));
        if (node->is_structured())
            for (const auto& child : *node) pending.emplace_back(&child, depth + 1);
    }
}

} // namespace

Overlay parse_overlay(std::string_view bytes, std::string_view name) {
    Overlay out;
    out.name = std::string(name);
    if (bytes.size() > limits::k_overlay_bytes)
        throw Error(fmt::format("{}: larger than the {} MiB an overlay may be", name,
                                limits::k_overlay_bytes / (1024 * 1024)));
    if (const std::size_t deep = too_deep_at(bytes, limits::k_depth); deep != std::string_view::npos) {
        const LineColumn at = line_column(bytes, deep);
        throw Error(fmt::format("{}:{}:{}: nests deeper than {} levels", name, at.line, at.column,
                                limits::k_depth));
    }
    json document;
    try {
        document = json::parse(bytes);
    } catch (const json::parse_error& e) {
        const std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
        const LineColumn at = line_column(bytes, offset);
        std::string reason = e.what();
        if (const auto colon = reason.rfind(": "); colon != std::string::npos)
            reason = reason.substr(colon + 2);
        throw Error(fmt::format("{}:{}:{}: not valid JSON: {}", name, at.line, at.column, reason));
    } catch (const json::out_of_range&) { // a number beyond double ("1e400"): no byte offset
        const JsonProblem problem =
            describe_json_error(bytes, simdjson::NUMBER_OUT_OF_RANGE, limits::k_depth);
        const LineColumn at = line_column(bytes, problem.offset);
        throw Error(
            fmt::format("{}:{}:{}: not valid JSON: {}", name, at.line, at.column, problem.message));
    }
    const std::string file(name);
    if (!document.is_object())
        throw Error(
            fmt::format("{}: an overlay is a JSON object, not {}", name, type_name(document)));
    refuse_unknown(document, {"overlay", "info", "actions", "extends"}, file);
    const std::string version = required_string(document, "overlay", file);
    if (!version.starts_with("1.0."))
        throw Error(
            fmt::format("{}: overlay version \"{}\" is not supported (1.0.x is)", name, version));
    const auto info = document.find("info");
    if (info == document.end() || !info->is_object())
        throw Error(fmt::format("{}: \"info\" must be an object with a title and a version", name));
    const std::string info_where = file + ": info";
    refuse_unknown(*info, {"title", "version"}, info_where);
    out.title = required_string(*info, "title", info_where);
    out.version = required_string(*info, "version", info_where);
    out.schema_version = schema_version_of(*info, info_where);
    if (const auto extends = document.find("extends");
        extends != document.end() && !extends->is_string())
        throw Error(fmt::format("{}: \"extends\" must be a string", name));

    const auto actions = document.find("actions");
    if (actions == document.end() || !actions->is_array() || actions->empty())
        throw Error(fmt::format("{}: \"actions\" must be a non-empty array", name));
    if (actions->size() > limits::k_overlay_actions)
        throw Error(fmt::format("{}: more than {} actions", name, limits::k_overlay_actions));
    for (std::size_t i = 0; i < actions->size(); ++i) {
        const json& action = (*actions)[i];
        std::string where = fmt::format("{}: action {}", name, i + 1);
        if (action.is_object() && action.contains("target") && action["target"].is_string())
            where += fmt::format(" (target \"{}\")", action["target"].get<std::string>());
        out.actions.push_back(parse_action(action, where));
    }
    return out;
}

std::string action_place(const Overlay& overlay, std::size_t action_index) {
    return fmt::format("{}: action {} (target \"{}\")", overlay.name, action_index + 1,
                       overlay.actions.at(action_index).target.text);
}

bool apply_action(const Overlay& overlay, std::size_t action_index, json& document) {
    const OverlayAction& action = overlay.actions.at(action_index);
    const std::vector<json::json_pointer> matches = select(action.target, document);
    if (action.remove) {
        // Every match lies at the same depth, and matches in one array come in index order:
        // removing from the last keeps the earlier pointers true.
        for (auto match = matches.rbegin(); match != matches.rend(); ++match) {
            json& parent = document.at(match->parent_pointer());
            if (parent.is_array())
                parent.erase(static_cast<std::size_t>(std::stoul(match->back())));
            else
                parent.erase(match->back());
        }
        return !matches.empty();
    }
    for (const auto& match : matches) {
        json& node = document.at(match);
        if (node.is_array()) {
            node.push_back(*action.update);
        } else if (node.is_object() && action.update->is_object()) {
            merge(node, *action.update);
        } else {
            throw Error(fmt::format(
                "{}: cannot update {} ({}) with {}: an update is merged into an object (when it is "
                "an object) or appended to an array; to replace a value, update its parent",
                action_place(overlay, action_index), pointer_text(match), type_name(node),
                type_name(*action.update)));
        }
    }
    if (!matches.empty()) check_growth(document, overlay, action_index);
    return !matches.empty();
}

void apply_overlay(const Overlay& overlay, json& document) {
    for (std::size_t i = 0; i < overlay.actions.size(); ++i) apply_action(overlay, i, document);
}

} // namespace atshook::overlay
