#pragma once
#include "atshook/finding.hpp"
#include "atshook/schema/check_tree.hpp"

#include <simdjson.h>

namespace atshook::schema {

// Walks a parsed document over a check tree and appends every finding (not just the first) to
// `out`. Messages and pointers are built only when a finding is made.
void walk(const CheckTree& tree, simdjson::dom::element document, Findings& out);

} // namespace atshook::schema
