#include "atshook/json_text.hpp"

#include "atshook/printable.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace atshook {

std::variant<nlohmann::ordered_json, JsonProblem> parse_json_tree(std::string_view text,
                                                                  std::size_t max_depth) {
    simdjson::dom::parser parser;
    if (parser.allocate(text.size() + 1, max_depth + 1) != simdjson::SUCCESS) // as Validator
        return JsonProblem{"cannot allocate the JSON parser", 0};
    simdjson::dom::element root;
    // simdjson copies from data(), which an empty string_view may leave null: "" is as empty.
    if (const auto code = parser.parse(text.empty() ? "" : text.data(), text.size()).get(root))
        return describe_json_error(text, code, max_depth);
    auto tree = nlohmann::ordered_json::parse(text, nullptr, false);
    if (tree.is_discarded()) return JsonProblem{"not valid JSON", 0};
    return tree;
}

std::string quoted_excerpt(std::string_view text, std::size_t max_code_points) {
    std::size_t cut = 0, count = 0;
    while (cut < text.size() && count < max_code_points) {
        next_code_point(text, cut);
        ++count;
    }
    const nlohmann::json head = std::string(text.substr(0, cut));
    std::string out = json_text(head);
    if (cut < text.size()) out.insert(out.size() - 1, "...");
    return out;
}

std::string indented_json(std::string_view text) {
    auto tree = parse_json_tree(text);
    if (auto* json = std::get_if<nlohmann::ordered_json>(&tree)) return json_text(*json, 2);
    return std::string(text);
}

} // namespace atshook
