#include "atshook/report/rules.hpp"

#include <array>

namespace atshook::report {
namespace {

constexpr std::array k_rules{
    Rule{"type", "A value has a JSON type its schema does not allow", Severity::error},
    Rule{"enum", "A value is not one of the values its schema lists", Severity::error},
    Rule{"const", "A value differs from the one value its schema allows", Severity::error},
    Rule{"required", "A member the schema requires is missing", Severity::error},
    Rule{"additionalProperties",
         "A member the schema does not name (a warning unless --strict)", Severity::warning},
    Rule{"format", "A string is not in its schema's format (RFC 3339 date-time)", Severity::error},
    Rule{"pattern", "A string does not match its schema's pattern (an id's prefix, say)",
         Severity::error},
    Rule{"minLength", "A string is shorter than its schema allows", Severity::error},
    Rule{"maxLength", "A string is longer than its schema allows", Severity::error},
    Rule{"minimum", "A number is below its schema's minimum", Severity::error},
    Rule{"maximum", "A number is above its schema's maximum", Severity::error},
    Rule{"false", "A value where the schema allows none", Severity::error},
    Rule{"event", "The payload's type is not one of HireHive's 19 event types", Severity::error},
    Rule{"unreadable", "The input is not JSON, too large or too deep, or cannot be opened",
         Severity::error},
    Rule{"missing_header", "A webhook-id, webhook-timestamp or webhook-signature header is missing",
         Severity::error},
    Rule{"malformed", "A signature header, the timestamp or the request file is malformed",
         Severity::error},
    Rule{"too_old", "The timestamp is older than the tolerance allows", Severity::error},
    Rule{"too_new", "The timestamp is further ahead than the tolerance allows", Severity::error},
    Rule{"no_matching_signature", "No signature matches the body with any of the secrets",
         Severity::error},
    Rule{"undocumented-field", "learn: traffic holds a member the schema does not name",
         Severity::warning},
    Rule{"never-seen", "learn: a member the schema names never appeared", Severity::note},
    Rule{"type-mismatch", "learn: traffic holds a JSON type the schema does not allow",
         Severity::error},
    Rule{"null-not-allowed", "learn: traffic holds null where the schema does not allow it",
         Severity::error},
    Rule{"enum-value-unknown", "learn: traffic holds a value outside the schema's enum",
         Severity::error},
    Rule{"format-mismatch", "learn: a date-time in a form HireHive is not known to send",
         Severity::error},
    Rule{"prefix-mismatch", "learn: an id with another prefix than the schema's", Severity::error},
    Rule{"required-but-absent", "learn: a required member missing from traffic", Severity::error},
};

} // namespace

std::span<const Rule> rules() {
    return k_rules;
}

std::optional<std::size_t> rule_index(std::string_view id) {
    for (std::size_t i = 0; i < k_rules.size(); ++i)
        if (k_rules[i].id == id) return i;
    return std::nullopt;
}

} // namespace atshook::report
