#pragma once
// Golden files: expected output kept under tests/data, compared byte for byte. They are
// rewritten only when ATS_HOOK_UPDATE_GOLDEN=1 is set, and every rewrite is read by a person
// before it is committed.
#include <string>

namespace test {

// Compares `actual` with the file at `relative` (below the source tree); with
// ATS_HOOK_UPDATE_GOLDEN=1 writes it instead.
void check_golden(const std::string& relative, const std::string& actual);

} // namespace test
