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

// Where a value lies: its member name or array index, and the link to its parent's (null at
// the document's root). Links live on the walker's stack; a pointer is spelled out from them
// only when a finding is written.
struct PathLink {
    const PathLink* parent;
    std::string_view key;
    std::size_t index;
    bool is_index;
};

std::uint8_t type_of(element_type type, element value) {
    switch (type) {
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

std::uint8_t type_of(element value) {
    return type_of(value.type(), value);
}

bool type_matches(std::uint8_t wanted, element_type type, element value) {
    const std::uint8_t actual = type_of(type, value);
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

    void check(NodeId id, element value, const PathLink* at) {
        const Node& node = m_tree.nodes[id];
        if (node.ref != k_no_node) return check(node.ref, value, at); // a cycle of $refs only
        const element_type type = value.type();
        if (node.always_false) {
            if (keep()) add(at, "false", "no value is allowed here", "nothing", describe(value));
            return;
        }
        if (node.types && !type_matches(node.types, type, value)) {
            // A long array of wrong items: count them, describe none.
            if (keep())
                add(at, "type",
                    fmt::format("expected {}, found {}", node.type_text, describe_typed(value)),
                    node.type_text, describe_typed(value));
            return; // the other keywords would only repeat the mismatch
        }
        if (!node.checks) return;
        if (node.checks & k_check_enum) check_enum(node, type, value, at);
        switch (type) {
        case element_type::STRING:
            if (node.checks & k_check_string)
                check_string(node, value.get_string().value_unsafe(), at);
            break;
        case element_type::INT64:
        case element_type::UINT64:
        case element_type::DOUBLE:
            if (node.checks & k_check_number) check_number(node, value, at);
            break;
        case element_type::OBJECT:
            if (node.checks & k_check_object)
                check_object(node, value.get_object().value_unsafe(), at);
            break;
        case element_type::ARRAY:
            if (node.checks & k_check_items)
                check_items(node.items, value.get_array().value_unsafe(), at);
            break;
        default:
            break;
        }
        if (node.checks & k_check_any_of) check_any_of(node, value, at);
    }

private:
    void check_enum(const Node& node, element_type type, element value, const PathLink* at) {
        if (type == element_type::STRING) { // only a string among the values can equal it
            const std::string_view text = value.get_string().value_unsafe();
            for (const auto& candidate : node.enum_strings)
                if (candidate == text) return;
        } else {
            for (const auto& candidate : node.enum_values)
                if (equal(value, candidate)) return;
        }
        if (!keep()) return;
        if (node.is_const)
            add(at, "const", fmt::format("expected {}, found {}", node.enum_text, describe(value)),
                node.enum_text, describe(value));
        else
            add(at, "enum", fmt::format("{} is not one of {}", describe(value), node.enum_text),
                "one of " + node.enum_text, describe(value));
    }

    void check_string(const Node& node, std::string_view text, const PathLink* at) {
        if (node.min_length || node.max_length) {
            const std::size_t length = code_points(text);
            if (node.min_length && length < *node.min_length && keep())
                add(at, "minLength",
                    fmt::format("{} is shorter than {} character{}", quoted(text), *node.min_length,
                                *node.min_length == 1 ? "" : "s"),
                    fmt::format("at least {} characters", *node.min_length),
                    fmt::format("{} characters", length));
            if (node.max_length && length > *node.max_length && keep())
                add(at, "maxLength",
                    fmt::format("a string of {} characters is longer than the limit of {}", length,
                                *node.max_length),
                    fmt::format("at most {} characters", *node.max_length),
                    fmt::format("{} characters", length));
        }
        if (node.pattern && !node.pattern->matches(text) && keep())
            add_pattern(*node.pattern, text, at);
        if (node.date_time && !time::is_rfc3339(text) && keep())
            add(at, "format", fmt::format("{} is not an RFC 3339 date-time", quoted(text)),
                "an RFC 3339 date-time such as 2024-01-24T14:59:34.5220878Z", quoted(text));
    }

    void add_pattern(const Pattern& pattern, std::string_view text, const PathLink* at) {
        const std::string& source = pattern.source();
        if (pattern.is_fast()) {
            // ^prefix[class]+$: name the id prefix, which is what users get wrong.
            const std::string prefix = source.substr(1, source.find('[') - 1);
            const std::string alphabet =
                source.substr(source.find('['), source.size() - 2 - source.find('['));
            if (!text.starts_with(prefix)) {
                add(at, "pattern",
                    fmt::format("{} does not start with the id prefix \"{}\"", quoted(text),
                                prefix),
                    fmt::format("\"{}\" followed by {}", prefix, alphabet), quoted(text));
                return;
            }
            add(at, "pattern",
                fmt::format("{} must continue after \"{}\" with {} only", quoted(text), prefix,
                            alphabet),
                fmt::format("\"{}\" followed by {}", prefix, alphabet), quoted(text));
            return;
        }
        add(at, "pattern", fmt::format("{} does not match the pattern {}", quoted(text), source),
            "a match for " + source, quoted(text));
    }

    void check_number(const Node& node, element value, const PathLink* at) {
        const double number = number_of(value);
        if (node.minimum && number < *node.minimum && keep())
            add(at, "minimum",
                fmt::format("{} is less than the minimum {}", describe(value), *node.minimum),
                fmt::format("at least {}", *node.minimum), describe(value));
        if (node.maximum && number > *node.maximum && keep())
            add(at, "maximum",
                fmt::format("{} is greater than the maximum {}", describe(value), *node.maximum),
                fmt::format("at most {}", *node.maximum), describe(value));
    }

    void check_object(const Node& node, simdjson::dom::object object, const PathLink* at) {
        // Which required properties were seen: a bit per property, up to 64 on the fast path.
        std::uint64_t seen = 0;
        std::vector<bool> seen_more;
        if (node.properties.size() > 64) seen_more.resize(node.properties.size());
        const bool lenient = m_tree.mode == Mode::lenient;

        for (auto member : object) {
            const PathLink here{at, member.key, 0, false};
            const Property* const property = find_property(node, member.key);
            if (property) {
                ++m_matched;
                const auto index = static_cast<std::size_t>(property - node.properties.data());
                if (index < 64)
                    seen |= std::uint64_t{1} << index;
                else
                    seen_more[index] = true;
                if (!(lenient && !property->required && member.value.is_null()))
                    check(property->node, member.value, &here);
            } else if (node.additional != k_no_node) {
                check(node.additional, member.value, &here);
            } else if (node.additional_forbidden) {
                const Severity severity = lenient ? Severity::warning : Severity::error;
                if (keep(severity))
                    add(&here, "additionalProperties",
                        fmt::format("unknown member {} (not in HireHive's documentation)",
                                    quoted(member.key)),
                        "only the documented members", quoted(member.key), severity);
            }
        }
        if (node.required_count) {
            for (std::size_t i = 0; i < node.properties.size(); ++i) {
                const bool was_seen = i < 64 ? (seen >> i) & 1 : seen_more[i];
                if (node.properties[i].required && !was_seen) missing(node.properties[i].name, at);
            }
        }
        for (const auto& name : node.required_elsewhere)
            if (object.at_key(name).error()) missing(name, at);
    }

    void missing(const std::string& name, const PathLink* at) {
        if (keep())
            add(at, "required", fmt::format("missing required member \"{}\"", name),
                fmt::format("a member \"{}\"", name), "absent");
    }

    void check_items(NodeId items, simdjson::dom::array array, const PathLink* at) {
        std::size_t index = 0;
        for (element item : array) {
            const PathLink here{at, {}, index++, true};
            check(items, item, &here);
        }
    }

    // The first branch without errors wins. When all fail, report the branch that recognised
    // the most members of the document: it is the shape the sender meant (an envelope with
    // data.object versus the object directly in data). Ties go to fewer errors, then fewer
    // findings (the warnings of a wrong branch are noise). The branches are tried keeping only
    // the severity of their findings; the one chosen is walked again to write its findings,
    // when it has any.
    void check_any_of(const Node& node, element value, const PathLink* at) {
        Findings* const outer = m_out;
        const OmittedFindings outer_omitted = m_omitted;
        const bool outer_probing = m_probing;
        m_probing = true;
        OmittedFindings best_omitted;
        Findings best;
        NodeId best_branch = k_no_node;
        std::size_t best_matched = 0, best_errors = SIZE_MAX, best_total = SIZE_MAX;
        std::size_t matched_after_best = m_matched;
        const std::size_t matched_before = m_matched;
        for (const NodeId branch : node.any_of) {
            Findings findings;
            m_out = &findings;
            m_omitted = {};
            m_matched = matched_before;
            check(branch, value, at);
            const std::size_t matched = m_matched - matched_before;
            const auto errors =
                m_omitted.errors + static_cast<std::size_t>(std::count_if(
                                       findings.begin(), findings.end(), [](const Finding& f) {
                                           return f.severity == Severity::error;
                                       }));
            if (errors == 0) {
                best = std::move(findings);
                best_branch = branch;
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
                best_branch = branch;
                best_omitted = m_omitted;
                matched_after_best = m_matched;
            }
        }
        m_probing = outer_probing;
        if (!m_probing && !best.empty()) {
            // The same walk, so the same findings, omissions and matches: now with their words.
            best.clear();
            m_out = &best;
            m_omitted = {};
            m_matched = matched_before;
            check(best_branch, value, at);
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

    static std::string pointer(const PathLink* at) {
        std::vector<const PathLink*> links;
        for (; at; at = at->parent) links.push_back(at);
        std::string out;
        for (auto link = links.rbegin(); link != links.rend(); ++link) {
            out.push_back('/');
            if ((*link)->is_index)
                out += std::to_string((*link)->index);
            else
                append_pointer_token(out, (*link)->key);
        }
        return out;
    }

    // Whether one more finding fits under the limit; when not, it is counted as omitted.
    bool room(Severity severity) {
        if (m_out->size() < m_limit) return true;
        ++(severity == Severity::error ? m_omitted.errors : m_omitted.warnings);
        return false;
    }

    // Whether a finding about to be made should be written with add(): it fits under the limit
    // (else it is counted as omitted), and no anyOf branch is being tried (then it is kept with
    // its severity only, which is all the choice of a branch needs).
    bool keep(Severity severity = Severity::error) {
        if (!room(severity)) return false;
        if (!m_probing) return true;
        m_out->emplace_back().severity = severity;
        return false;
    }

    void add(const PathLink* at, std::string keyword, std::string message, std::string expected,
             std::string actual, Severity severity = Severity::error) {
        m_out->push_back({pointer(at), std::move(keyword), std::move(message), std::move(expected),
                          std::move(actual), severity});
    }

    const CheckTree& m_tree;
    Findings* m_out;
    std::size_t m_matched = 0; // members matched to a declared property, for anyOf's choice
    std::size_t m_limit;
    OmittedFindings m_omitted;
    bool m_probing = false; // trying anyOf's branches: findings keep their severity only
};

} // namespace

OmittedFindings walk(const CheckTree& tree, element document, Findings& out, std::size_t limit) {
    Walker walker(tree, out, limit);
    walker.check(tree.root, document, nullptr);
    return walker.omitted();
}

} // namespace atshook::schema
