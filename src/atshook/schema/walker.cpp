#include "atshook/schema/walker.hpp"
#include "atshook/json_text.hpp"

#include "atshook/json_pointer.hpp"

#include "atshook/time/date_time.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace atshook::schema {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using json = nlohmann::json;

struct Segment {
    std::string_view key;
    std::size_t index;
    bool is_index;
};

std::uint8_t type_of(element value) {
    switch (value.type()) {
    case element_type::NULL_VALUE:
        return k_null;
    case element_type::BOOL:
        return k_boolean;
    case element_type::INT64:
    case element_type::UINT64:
        return k_integer;
    case element_type::DOUBLE: {
        const double d = value.get_double().value_unsafe();
        return std::isfinite(d) && std::floor(d) == d ? k_integer : k_number;
    }
    case element_type::STRING:
        return k_string;
    case element_type::ARRAY:
        return k_array;
    case element_type::OBJECT:
        return k_object;
    }
    return 0;
}

bool type_matches(std::uint8_t wanted, element value) {
    const std::uint8_t actual = type_of(value);
    if (wanted & actual) return true;
    return actual == k_integer && (wanted & k_number);
}

double number_of(element value) {
    switch (value.type()) {
    case element_type::INT64:
        return static_cast<double>(value.get_int64().value_unsafe());
    case element_type::UINT64:
        return static_cast<double>(value.get_uint64().value_unsafe());
    default:
        return value.get_double().value_unsafe();
    }
}

bool equal(element value, const json& expected) {
    switch (value.type()) {
    case element_type::STRING:
        return expected.is_string() &&
               expected.get_ref<const std::string&>() == value.get_string().value_unsafe();
    case element_type::BOOL:
        return expected.is_boolean() && expected.get<bool>() == value.get_bool().value_unsafe();
    case element_type::NULL_VALUE:
        return expected.is_null();
    case element_type::INT64:
        if (expected.is_number_integer() && !expected.is_number_unsigned())
            return expected.get<std::int64_t>() == value.get_int64().value_unsafe();
        return expected.is_number() && expected.get<double>() == number_of(value);
    case element_type::UINT64:
        if (expected.is_number_unsigned())
            return expected.get<std::uint64_t>() == value.get_uint64().value_unsafe();
        return expected.is_number() && expected.get<double>() == number_of(value);
    case element_type::DOUBLE:
        return expected.is_number() && expected.get<double>() == number_of(value);
    case element_type::ARRAY: {
        const auto array = value.get_array().value_unsafe();
        if (!expected.is_array() || expected.size() != array.size()) return false;
        std::size_t i = 0;
        for (element item : array)
            if (!equal(item, expected[i++])) return false;
        return true;
    }
    case element_type::OBJECT: {
        const auto object = value.get_object().value_unsafe();
        if (!expected.is_object() || expected.size() != object.size()) return false;
        for (auto member : object) {
            const auto it = expected.find(std::string(member.key));
            if (it == expected.end() || !equal(member.value, *it)) return false;
        }
        return true;
    }
    }
    return false;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

std::string quoted(std::string_view text) {
    return quoted_excerpt(text);
}

// A short description of a value for messages: the value itself when small.
std::string describe(element value) {
    switch (value.type()) {
    case element_type::STRING:
        return quoted(value.get_string().value_unsafe());
    case element_type::ARRAY:
        return fmt::format("an array of {}", value.get_array().value_unsafe().size());
    case element_type::OBJECT:
        return "an object";
    case element_type::NULL_VALUE:
        return "null";
    case element_type::BOOL:
        return value.get_bool().value_unsafe() ? "true" : "false";
    default:
        return simdjson::minify(value);
    }
}

std::string_view type_name(element value) {
    switch (type_of(value)) {
    case k_null:
        return "null";
    case k_boolean:
        return "boolean";
    case k_integer:
        return "integer";
    case k_number:
        return "number";
    case k_string:
        return "string";
    case k_array:
        return "array";
    default:
        return "object";
    }
}

class Walker {
public:
    Walker(const CheckTree& tree, Findings& out, std::size_t limit)
        : m_tree(tree), m_out(&out), m_limit(limit) {}

    const OmittedFindings& omitted() const { return m_omitted; }

    void check(NodeId id, element value) {
        const Node& node = m_tree.nodes[id];
        if (node.ref != k_no_node) return check(node.ref, value);
        if (node.always_false) {
            report("false", "no value is allowed here", "nothing", describe(value));
            return;
        }
        if (node.types && !type_matches(node.types, value)) {
            if (!room()) return; // a long array of wrong items: count them, describe none
            report("type",
                   fmt::format("expected {}, found {}", node.type_text, describe_typed(value)),
                   node.type_text, describe_typed(value));
            return; // the other keywords would only repeat the mismatch
        }
        if (!node.enum_values.empty()) check_enum(node, value);
        switch (value.type()) {
        case element_type::STRING:
            check_string(node, value.get_string().value_unsafe());
            break;
        case element_type::INT64:
        case element_type::UINT64:
        case element_type::DOUBLE:
            check_number(node, value);
            break;
        case element_type::OBJECT:
            check_object(node, value.get_object().value_unsafe());
            break;
        case element_type::ARRAY:
            if (node.items != k_no_node) check_items(node.items, value.get_array().value_unsafe());
            break;
        default:
            break;
        }
        if (!node.any_of.empty()) check_any_of(node, value);
    }

private:
    void check_enum(const Node& node, element value) {
        for (const auto& candidate : node.enum_values)
            if (equal(value, candidate)) return;
        if (node.is_const)
            report("const", fmt::format("expected {}, found {}", node.enum_text, describe(value)),
                   node.enum_text, describe(value));
        else
            report("enum", fmt::format("{} is not one of {}", describe(value), node.enum_text),
                   "one of " + node.enum_text, describe(value));
    }

    void check_string(const Node& node, std::string_view text) {
        if (node.min_length || node.max_length) {
            const std::size_t length = code_points(text);
            if (node.min_length && length < *node.min_length)
                report("minLength",
                       fmt::format("{} is shorter than {} character{}", quoted(text),
                                   *node.min_length, *node.min_length == 1 ? "" : "s"),
                       fmt::format("at least {} characters", *node.min_length),
                       fmt::format("{} characters", length));
            if (node.max_length && length > *node.max_length)
                report("maxLength",
                       fmt::format("a string of {} characters is longer than the limit of {}",
                                   length, *node.max_length),
                       fmt::format("at most {} characters", *node.max_length),
                       fmt::format("{} characters", length));
        }
        if (node.pattern && !node.pattern->matches(text)) check_pattern(*node.pattern, text);
        if (node.date_time && !time::is_rfc3339(text))
            report("format", fmt::format("{} is not an RFC 3339 date-time", quoted(text)),
                   "an RFC 3339 date-time such as 2024-01-24T14:59:34.5220878Z", quoted(text));
    }

    void check_pattern(const Pattern& pattern, std::string_view text) {
        const std::string& source = pattern.source();
        if (pattern.is_fast()) {
            // ^prefix[class]+$: name the id prefix, which is what users get wrong.
            const std::string prefix = source.substr(1, source.find('[') - 1);
            const std::string alphabet =
                source.substr(source.find('['), source.size() - 2 - source.find('['));
            if (!text.starts_with(prefix)) {
                report("pattern",
                       fmt::format("{} does not start with the id prefix \"{}\"", quoted(text),
                                   prefix),
                       fmt::format("\"{}\" followed by {}", prefix, alphabet), quoted(text));
                return;
            }
            report("pattern",
                   fmt::format("{} must continue after \"{}\" with {} only", quoted(text), prefix,
                               alphabet),
                   fmt::format("\"{}\" followed by {}", prefix, alphabet), quoted(text));
            return;
        }
        report("pattern", fmt::format("{} does not match the pattern {}", quoted(text), source),
               "a match for " + source, quoted(text));
    }

    void check_number(const Node& node, element value) {
        const double number = number_of(value);
        if (node.minimum && number < *node.minimum)
            report("minimum",
                   fmt::format("{} is less than the minimum {}", describe(value), *node.minimum),
                   fmt::format("at least {}", *node.minimum), describe(value));
        if (node.maximum && number > *node.maximum)
            report("maximum",
                   fmt::format("{} is greater than the maximum {}", describe(value), *node.maximum),
                   fmt::format("at most {}", *node.maximum), describe(value));
    }

    void check_object(const Node& node, simdjson::dom::object object) {
        // Which required properties were seen: a bit per property, up to 64 on the fast path.
        std::uint64_t seen = 0;
        std::vector<bool> seen_more;
        if (node.properties.size() > 64) seen_more.resize(node.properties.size());
        const bool lenient = m_tree.mode == Mode::lenient;

        for (auto member : object) {
            const Property* const property = find_property(node, member.key);
            m_path.push_back({member.key, 0, false});
            if (property) {
                ++m_matched;
                const auto index = static_cast<std::size_t>(property - node.properties.data());
                if (index < 64)
                    seen |= std::uint64_t{1} << index;
                else
                    seen_more[index] = true;
                if (!(lenient && !property->required && member.value.is_null()))
                    check(property->node, member.value);
            } else if (node.additional != k_no_node) {
                check(node.additional, member.value);
            } else if (node.additional_forbidden) {
                report("additionalProperties",
                       fmt::format("unknown member {} (not in HireHive's documentation)",
                                   quoted(member.key)),
                       "only the documented members", quoted(member.key),
                       lenient ? Severity::warning : Severity::error);
            }
            m_path.pop_back();
        }
        if (node.required_count) {
            for (std::size_t i = 0; i < node.properties.size(); ++i) {
                const bool was_seen = i < 64 ? (seen >> i) & 1 : seen_more[i];
                if (node.properties[i].required && !was_seen) missing(node.properties[i].name);
            }
        }
        for (const auto& name : node.required_elsewhere)
            if (object.at_key(name).error()) missing(name);
    }

    void missing(const std::string& name) {
        report("required", fmt::format("missing required member \"{}\"", name),
               fmt::format("a member \"{}\"", name), "absent");
    }

    void check_items(NodeId items, simdjson::dom::array array) {
        std::size_t index = 0;
        for (element item : array) {
            m_path.push_back({{}, index++, true});
            check(items, item);
            m_path.pop_back();
        }
    }

    // The first branch without errors wins. When all fail, report the branch that recognised
    // the most members of the document: it is the shape the sender meant (an envelope with
    // data.object versus the object directly in data). Ties go to fewer errors, then fewer
    // findings (the warnings of a wrong branch are noise).
    void check_any_of(const Node& node, element value) {
        Findings* const outer = m_out;
        const OmittedFindings outer_omitted = m_omitted;
        OmittedFindings best_omitted;
        Findings best;
        std::size_t best_matched = 0, best_errors = SIZE_MAX, best_total = SIZE_MAX;
        std::size_t matched_after_best = m_matched;
        const std::size_t matched_before = m_matched;
        for (const NodeId branch : node.any_of) {
            Findings findings;
            m_out = &findings;
            m_omitted = {};
            m_matched = matched_before;
            check(branch, value);
            const std::size_t matched = m_matched - matched_before;
            const auto errors =
                m_omitted.errors + static_cast<std::size_t>(std::count_if(
                                       findings.begin(), findings.end(), [](const Finding& f) {
                                           return f.severity == Severity::error;
                                       }));
            if (errors == 0) {
                best = std::move(findings);
                best_omitted = m_omitted;
                matched_after_best = m_matched;
                break;
            }
            const bool better =
                best_errors == SIZE_MAX || matched > best_matched ||
                (matched == best_matched &&
                 (errors < best_errors || (errors == best_errors && findings.size() < best_total)));
            if (better) {
                best_matched = matched;
                best_errors = errors;
                best_total = findings.size();
                best = std::move(findings);
                best_omitted = m_omitted;
                matched_after_best = m_matched;
            }
        }
        m_matched = matched_after_best;
        m_out = outer;
        m_omitted = outer_omitted;
        m_omitted.errors += best_omitted.errors;
        m_omitted.warnings += best_omitted.warnings;
        for (auto& finding : best)
            if (room(finding.severity)) m_out->push_back(std::move(finding));
    }

    std::string describe_typed(element value) const {
        const std::string text = describe(value);
        const std::string_view name = type_name(value);
        if (text == name || text.starts_with("an ")) return text;
        return fmt::format("{} {}", name, text);
    }

    std::string pointer() const {
        std::string out;
        for (const auto& segment : m_path) {
            out.push_back('/');
            if (segment.is_index) {
                out += std::to_string(segment.index);
                continue;
            }
            append_pointer_token(out, segment.key);
        }
        return out;
    }

    // Whether one more finding fits under the limit; when not, it is counted as omitted.
    bool room(Severity severity = Severity::error) {
        if (m_out->size() < m_limit) return true;
        ++(severity == Severity::error ? m_omitted.errors : m_omitted.warnings);
        return false;
    }

    void report(std::string keyword, std::string message, std::string expected, std::string actual,
                Severity severity = Severity::error) {
        if (!room(severity)) return;
        m_out->push_back({pointer(), std::move(keyword), std::move(message), std::move(expected),
                          std::move(actual), severity});
    }

    const CheckTree& m_tree;
    Findings* m_out;
    std::vector<Segment> m_path;
    std::size_t m_matched = 0; // members matched to a declared property, for anyOf's choice
    std::size_t m_limit;
    OmittedFindings m_omitted;
};

} // namespace

OmittedFindings walk(const CheckTree& tree, element document, Findings& out, std::size_t limit) {
    Walker walker(tree, out, limit);
    walker.check(tree.root, document);
    return walker.omitted();
}

} // namespace atshook::schema
