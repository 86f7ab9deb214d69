#pragma once
// OpenAPI Overlay 1.0 documents (https://spec.openapis.org/overlay/v1.0.0): a list of actions,
// each a JSONPath target and an update to merge in or a removal.
#include "atshook/overlay/json_path.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atshook::overlay {

struct OverlayAction {
    JsonPath target;
    std::optional<nlohmann::json> update; // ignored when `remove`, as the specification says
    bool remove = false;
    std::string schema_version; // x-ats-hook-schema-version, "" when absent
};

struct Overlay {
    std::string name; // the file, for messages
    std::string title;
    std::string version;
    std::string schema_version; // info.x-ats-hook-schema-version, "" when absent
    std::vector<OverlayAction> actions;
};

// Parses an overlay document. `name` names it in messages. Accepted: `overlay` ("1.0.x"),
// `info` (`title`, `version`), `actions` (non-empty; `target`, `update`, `remove`,
// `description`), `extends` (ignored) and `x-` extensions anywhere; anything else throws
// atshook::Error naming the file and the action ("f.json: action 3 (target \"$.a\"): ...").
Overlay parse_overlay(std::string_view bytes, std::string_view name);

// "f.json: action 3 (target \"$.a\")", the prefix of every message about one action.
std::string action_place(const Overlay& overlay, std::size_t action_index);

// Applies one action to `document` in place and says whether its target selected anything.
// `remove` deletes every node selected from its parent. `update` is merged into each selected
// object (members merged recursively where both sides are objects, arrays concatenated where
// both are arrays, any other value replaced) or appended to each selected array. Throws
// atshook::Error when an update meets a node it cannot change (a string, or an object with a
// value that is not an object).
bool apply_action(const Overlay& overlay, std::size_t action_index, nlohmann::json& document);

// Applies every action of `overlay`, in order.
void apply_overlay(const Overlay& overlay, nlohmann::json& document);

} // namespace atshook::overlay
