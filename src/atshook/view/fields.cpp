#include "atshook/view/read_object.hpp"

#include <fmt/format.h>

namespace atshook::view::detail {

std::optional<element> at(element e, std::initializer_list<std::string_view> path) {
    for (const auto key : path) {
        simdjson::dom::object object;
        if (e.get(object) != simdjson::SUCCESS) return std::nullopt;
        if (object.at_key(key).get(e) != simdjson::SUCCESS) return std::nullopt;
    }
    if (e.is_null()) return std::nullopt;
    return e;
}

Text text_of(element e) {
    switch (e.type()) {
    case simdjson::dom::element_type::STRING:
        return std::string(std::string_view(e));
    case simdjson::dom::element_type::NULL_VALUE:
        return std::nullopt;
    default:
        return simdjson::minify(e);
    }
}

Text text_at(element e, std::initializer_list<std::string_view> path) {
    const auto found = at(e, path);
    return found ? text_of(*found) : std::nullopt;
}

std::optional<bool> bool_at(element e, std::initializer_list<std::string_view> path) {
    const auto found = at(e, path);
    bool value = false;
    if (!found || found->get(value) != simdjson::SUCCESS) return std::nullopt;
    return value;
}

std::optional<double> number_at(element e, std::initializer_list<std::string_view> path) {
    const auto found = at(e, path);
    if (!found) return std::nullopt;
    double value = 0;
    // get_double reads integers too; a numeric string ("4") is accepted as well, since showing a
    // rating of "4" as four stars is what the reader wants.
    if (found->get(value) == simdjson::SUCCESS) return value;
    std::string_view text;
    if (found->get(text) == simdjson::SUCCESS) {
        try {
            std::size_t used = 0;
            const double parsed = std::stod(std::string(text), &used);
            if (used == text.size()) return parsed;
        } catch (const std::logic_error&) {
            // Not a number: the field reads as absent.
        }
    }
    return std::nullopt;
}

When date_time_at(element e, std::initializer_list<std::string_view> path) {
    auto text = text_at(e, path);
    if (!text) return std::nullopt;
    auto parsed = time::parse_date_time(*text);
    return DateTimeValue{std::move(*text), parsed};
}

std::optional<IdName> id_name_at(element e, std::initializer_list<std::string_view> path) {
    const auto found = at(e, path);
    if (!found) return std::nullopt;
    if (!found->is_object()) return IdName{std::nullopt, text_of(*found)};
    IdName value{text_at(*found, {"id"}), text_at(*found, {"name"})};
    if (!value.id && !value.name) return std::nullopt;
    return value;
}

std::vector<element> array_at(element e, std::initializer_list<std::string_view> path) {
    std::vector<element> items;
    const auto found = at(e, path);
    simdjson::dom::array array;
    if (!found || found->get(array) != simdjson::SUCCESS) return items;
    for (const element item : array) items.push_back(item);
    return items;
}

std::vector<std::string> texts_at(element e, std::initializer_list<std::string_view> path) {
    std::vector<std::string> texts;
    for (const auto item : array_at(e, path))
        if (auto text = text_of(item)) texts.push_back(std::move(*text));
    return texts;
}

} // namespace atshook::view::detail
