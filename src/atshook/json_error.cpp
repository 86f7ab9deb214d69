#include "atshook/json_error.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <optional>

namespace atshook {
namespace {

// Finds where nlohmann's parser stops on a document simdjson refused, without building a tree.
class ErrorLocator : public nlohmann::json_sax<nlohmann::json> {
public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::json::exception& error) override {
        m_position = position;
        m_reason = error.what();
        return false;
    }

    std::optional<std::size_t> position() const { return m_position; }
    // The reason without nlohmann's prefix, location and "last read" tail.
    std::string reason() const {
        std::string_view reason = m_reason;
        if (const auto bracket = reason.find("] "); bracket != reason.npos)
            reason.remove_prefix(bracket + 2);
        if (const auto column = reason.find("column"); column != reason.npos)
            if (const auto colon = reason.find(": ", column); colon != reason.npos)
                reason.remove_prefix(colon + 2);
        if (const auto last_read = reason.find("; last read"); last_read != reason.npos)
            reason = reason.substr(0, last_read);
        return std::string(reason);
    }

private:
    std::optional<std::size_t> m_position;
    std::string m_reason;
};

} // namespace

JsonProblem describe_json_error(std::string_view json, simdjson::error_code code,
                                std::size_t max_depth) {
    JsonProblem out;
    out.code = code;
    if (json.starts_with("\xEF\xBB\xBF")) {
        out.message = "the input starts with a UTF-8 byte order mark (BOM), which JSON does not "
                      "allow: remove the first 3 bytes";
        return out;
    }
    switch (code) {
    case simdjson::EMPTY:
        out.message = "empty input: expected a JSON object";
        return out;
    case simdjson::DEPTH_ERROR:
        out.message = fmt::format("nesting is deeper than {} levels", max_depth);
        return out;
    case simdjson::UTF8_ERROR:
        out.message = "the input is not valid UTF-8";
        break;
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
        out.message = "a number is out of range (beyond 64-bit integers or double precision)";
        break;
    default:
        out.message = fmt::format("not valid JSON ({})", simdjson::error_message(code));
        break;
    }
    ErrorLocator locator;
    nlohmann::json::sax_parse(json.begin(), json.end(), &locator);
    if (!locator.position()) return out;
    out.offset = *locator.position() > 0 ? *locator.position() - 1 : 0;
    // nlohmann's reason would replace the clearer ones above ("number overflow parsing").
    if (code != simdjson::UTF8_ERROR && code != simdjson::NUMBER_ERROR &&
        code != simdjson::NUMBER_OUT_OF_RANGE)
        out.message = "not valid JSON: " + locator.reason();
    return out;
}

} // namespace atshook
