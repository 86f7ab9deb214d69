#pragma once
// What `drift` reports: one line (or JSON object) per change, breaking first, then a summary.
#include "atshook/learn/drift.hpp"

#include <string>

namespace atshook::report {

struct DriftReport {
    const learn::Drift& drift;
};

// "was in 100% of 30 objects, now in 80% of 40": the change's own words, after its pointer.
std::string drift_message(const learn::Change& change);

void drift_text(std::string& out, const DriftReport& report, bool color);
void drift_json(std::string& out, const DriftReport& report);

} // namespace atshook::report
