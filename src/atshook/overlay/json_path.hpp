#pragma once
// The JSONPath subset overlay targets use: enough to name a node of a schema, nothing that
// needs a general engine. `$`, `.name`, `['name']`, `["name"]`, `[N]`, `[*]`, `.*`, and a
// filter on a value: `[?(@ == 'v')]`, `[?(@.a.b != 2)]` (string, number, true, false, null).
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace atshook::overlay {

// `[?(@.member... == literal)]` or `!=`: `member_path` empty compares the node itself.
struct PathFilter {
    std::vector<std::string> member_path;
    nlohmann::json literal;
    bool equal = true;
};

struct PathSegment {
    enum class Kind { name, index, wildcard, filter };
    Kind kind = Kind::name;
    std::string name;      // Kind::name
    std::size_t index = 0; // Kind::index
    PathFilter filter;     // Kind::filter
};

struct JsonPath {
    std::string text;
    std::vector<PathSegment> segments; // after the `$`
};

// Throws atshook::Error naming the 1-based character where `text` leaves the subset, e.g.
// `JSONPath "$..a" at character 2: recursive descent ".." is not supported`.
JsonPath parse_json_path(std::string_view text);

// The nodes of `document` that `path` selects, in document order, as JSON pointers. A name
// selects a member of an object, an index an element of an array; `*` and filters look at
// the members of an object and the elements of an array. A filter's member that is absent
// equals nothing (so `!=` selects it), as JavaScript's `undefined` does.
std::vector<nlohmann::json::json_pointer> select(const JsonPath& path,
                                                 const nlohmann::json& document);

} // namespace atshook::overlay
