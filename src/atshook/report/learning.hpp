#pragma once
// What `learn` reports: its findings like a compiler's diagnostics (most frequent first), a
// summary per event type, and in JSON one record per finding, per pointer and per type.
#include "atshook/learn/judgement.hpp"
#include "atshook/learn/profile.hpp"
#include "atshook/learn/schema_model.hpp"
#include "atshook/report/diagnostic.hpp"

#include <functional>
#include <optional>
#include <string>

namespace atshook::report {

struct LearnReport {
    const learn::Profile& profile;
    const learn::Judgement& judgement;
    const learn::SchemaModels& models;
    bool list_facts = false; // text: a line per field with its state (--facts)
    // The CI formats' region of a first sighting, when the caller read its document again;
    // without it, a finding is at its line.
    std::function<std::optional<Region>(const learn::Location&)> locate = {};
};

// "error", "warning" or "note": a documented fact contradicted is an error (the sender deviates
// from its documentation), an inferred one a warning, a field never seen a note.
std::string_view severity_of(const learn::LearnFinding& finding);

void learning_text(std::string& out, const LearnReport& report, bool color);
void learning_json(std::string& out, const LearnReport& report);

} // namespace atshook::report
