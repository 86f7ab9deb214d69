#pragma once
// Every rule a finding, verdict or learn finding of ats-hook can carry, with a sentence for
// people: SARIF lists them as its driver's rules, the man page as what `keyword` can be.
#include "atshook/report/diagnostic.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace atshook::report {

struct Rule {
    std::string_view id; // the finding's keyword, verify's reason, learn's kind
    std::string_view summary;
    Severity level; // the usual severity; a finding states its own
};

std::span<const Rule> rules();

// The index of rule `id` in rules(), if it is one.
std::optional<std::size_t> rule_index(std::string_view id);

} // namespace atshook::report
