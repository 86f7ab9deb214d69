#include "atshook/json_text.hpp"

#include "atshook/printable.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace atshook {

template <class Json> Json json_tree(simdjson::dom::element element) {
    using simdjson::dom::element_type;
    switch (element.type()) {
    case element_type::OBJECT: {
        Json object = Json::object();
        for (const auto field : simdjson::dom::object(element))
            object[std::string(field.key)] = json_tree<Json>(field.value);
        return object;
    }
    case element_type::ARRAY: {
        Json array = Json::array();
        for (const auto item : simdjson::dom::array(element)) array.push_back(json_tree<Json>(item));
        return array;
    }
    case element_type::STRING:
        return std::string(std::string_view(element));
    case element_type::INT64: {
        const auto value = std::int64_t(element);
        if (value >= 0) return static_cast<std::uint64_t>(value); // as nlohmann reads it
        return value;
    }
    case element_type::UINT64:
        return std::uint64_t(element);
    case element_type::DOUBLE:
        return double(element);
    case element_type::BOOL:
        return bool(element);
    case element_type::NULL_VALUE:
        return nullptr;
    }
    return nullptr;
}

template nlohmann::json json_tree<nlohmann::json>(simdjson::dom::element);
template nlohmann::ordered_json json_tree<nlohmann::ordered_json>(simdjson::dom::element);

std::variant<nlohmann::ordered_json, JsonProblem> parse_json_tree(std::string_view text,
                                                                  std::size_t max_depth) {
    simdjson::dom::parser parser;
    if (parser.allocate(text.size() + 1, max_depth + 1) != simdjson::SUCCESS) // as Validator
        return JsonProblem{"cannot allocate the JSON parser", 0};
    simdjson::dom::element root;
    // simdjson copies from data(), which an empty string_view may leave null: "" is as empty.
    if (const auto code = parser.parse(text.empty() ? "" : text.data(), text.size()).get(root))
        return describe_json_error(text, code, max_depth);
    return json_tree<nlohmann::ordered_json>(root);
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
