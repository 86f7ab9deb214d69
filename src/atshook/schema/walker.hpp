#pragma once
#include "atshook/finding.hpp"
#include "atshook/limits.hpp"
#include "atshook/schema/check_tree.hpp"

#include <simdjson.h>

namespace atshook::schema {

// Walks a parsed document over a check tree and appends every finding (not just the first) to
// `out`, up to `limit` of them; the rest are only counted, so hostile input cannot make the
// findings grow with its size. Messages and pointers are built only when a finding is kept.
OmittedFindings walk(const CheckTree& tree, simdjson::dom::element document, Findings& out,
                     std::size_t limit = limits::k_findings);

} // namespace atshook::schema
