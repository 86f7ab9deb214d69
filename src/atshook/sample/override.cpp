#include "atshook/sample/override.hpp"

#include "atshook/error.hpp"
#include "atshook/json_pointer.hpp"
#include "atshook/json_text.hpp"

#include <fmt/format.h>

#include <vector>

namespace atshook::sample {
namespace {

using Json = nlohmann::ordered_json;

std::optional<std::size_t> array_index(const std::string& token) {
    if (token.empty() || token.size() > 9 ||
        token.find_first_not_of("0123456789") != std::string::npos ||
        (token.size() > 1 && token[0] == '0'))
        return std::nullopt;
    return static_cast<std::size_t>(std::stoul(token));
}

[[noreturn]] void fail(const Override& edit, std::string_view why) {
    throw Error(fmt::format("{} {}: {}", edit.value ? "--set" : "--unset", edit.path, why),
                Error::Kind::usage);
}

std::string_view kind_of(const Json& value) {
    if (value.is_string()) return "a string";
    if (value.is_boolean()) return "a boolean";
    if (value.is_number()) return "a number";
    return "null";
}

} // namespace

std::string to_pointer(std::string_view path) {
    if (path.empty()) throw Error("--set/--unset: the path is empty", Error::Kind::usage);
    if (path.front() == '/') return std::string(path);
    std::string pointer;
    std::size_t at = 0;
    for (;;) {
        const auto dot = path.find('.', at);
        pointer += "/" + pointer_token(path.substr(at, dot - at));
        if (dot == std::string_view::npos) break;
        at = dot + 1;
    }
    return pointer;
}

Override parse_set(std::string_view assignment) {
    const auto equals = assignment.find('=');
    if (equals == std::string_view::npos)
        throw Error(fmt::format("--set {}: expected PATH=VALUE, e.g. "
                                "data.object.event.status=cancelled",
                                assignment),
                    Error::Kind::usage);
    const std::string_view path = assignment.substr(0, equals);
    const std::string_view text = assignment.substr(equals + 1);
    auto parsed = parse_json_tree(text);
    if (auto* tree = std::get_if<Json>(&parsed))
        return {std::string(path), to_pointer(path), std::move(*tree)};
    // Not JSON: a bare word, taken as a string, unless it could never be one.
    const auto code = std::get<JsonProblem>(parsed).code;
    if (code == simdjson::DEPTH_ERROR)
        throw Error(
            fmt::format("--set {}: the value nests arrays and objects deeper than {} levels", path,
                        k_max_depth),
            Error::Kind::usage);
    if (code == simdjson::UTF8_ERROR)
        throw Error(fmt::format("--set {}: the value is not valid UTF-8", path),
                    Error::Kind::usage);
    return {std::string(path), to_pointer(path), Json(std::string(text))};
}

Override parse_unset(std::string_view path) {
    return {std::string(path), to_pointer(path), std::nullopt};
}

void apply_override(Json& document, const Override& edit) {
    if (edit.pointer.empty() || edit.pointer == "/") fail(edit, "cannot replace the whole payload");
    const auto tokens = pointer_tokens(edit.pointer);
    Json* node = &document;
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        const std::string& token = tokens[i];
        if (node->is_null() && edit.value) *node = Json::object(); // --set creates what is missing
        if (node->is_object()) {
            if (!edit.value && !node->contains(token))
                fail(edit, fmt::format("no field '{}'", token));
            node = &(*node)[token];
        } else if (node->is_array()) {
            const auto index = array_index(token);
            if (!index || *index >= node->size())
                fail(edit, fmt::format("'{}' is not an index of the {}-element array", token,
                                       node->size()));
            node = &(*node)[*index];
        } else {
            fail(edit,
                 fmt::format("'{}' is {}, not an object or array",
                             i == 0 ? std::string("the payload") : tokens[i - 1], kind_of(*node)));
        }
    }
    const std::string& last = tokens.back();
    if (node->is_null() && edit.value) *node = Json::object();
    if (node->is_object()) {
        if (edit.value)
            (*node)[last] = *edit.value;
        else if (node->erase(last) == 0)
            fail(edit, fmt::format("no field '{}'", last));
        return;
    }
    if (node->is_array()) {
        const auto index = array_index(last);
        if (edit.value && last == "-") {
            node->push_back(*edit.value); // RFC 6901's "past the end": append
            return;
        }
        if (!index || *index >= node->size())
            fail(edit,
                 fmt::format("'{}' is not an index of the {}-element array", last, node->size()));
        if (edit.value)
            (*node)[*index] = *edit.value;
        else
            node->erase(*index);
        return;
    }
    fail(edit,
         fmt::format("'{}' is {}, not an object or array",
                     tokens.size() > 1 ? tokens[tokens.size() - 2] : std::string("the payload"),
                     kind_of(*node)));
}

} // namespace atshook::sample
