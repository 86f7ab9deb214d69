#pragma once
// `emit --set PATH=JSON` and `--unset PATH`: edits applied to a built or loaded payload.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace atshook::sample {

struct Override {
    std::string path;                            // as the user wrote it, for messages
    std::string pointer;                         // RFC 6901
    std::optional<nlohmann::ordered_json> value; // absent: remove the field
};

// PATH is a JSON pointer ("/data/object/event/status") or dotted ("data.object.event.status",
// numbers index arrays). Throws atshook::Error (usage) when PATH is empty.
std::string to_pointer(std::string_view path);

// "PATH=JSON": the value is a JSON literal (123, true, null, "text", [1], {"a":1}); anything
// that is not JSON is taken as a string, so `--set data.object.status=closed` works unquoted.
// Throws atshook::Error (usage) when there is no `=`.
Override parse_set(std::string_view assignment);
Override parse_unset(std::string_view path);

// Sets (creating missing objects on the way) or removes the field. Throws atshook::Error
// (usage) when the path runs through a value that is not an object or array, indexes past the
// end of an array, or removes a field that is not there.
void apply_override(nlohmann::ordered_json& document, const Override& edit);

} // namespace atshook::sample
