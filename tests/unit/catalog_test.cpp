#include "atshook/catalog.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

TEST_CASE("the catalog lists the 19 HireHive event types once each") {
    std::set<std::string> names;
    for (const auto& event : atshook::all_events()) names.emplace(event.name);
    CHECK(names.size() == 19);
    CHECK(atshook::all_events().size() == 19);
    CHECK(names.count("interview.cancelled") == 1);
    CHECK(names.count("candidate.note.deleted") == 1);
}

TEST_CASE("exactly the five events whose pages were read are documented") {
    std::set<std::string> documented;
    for (const auto& event : atshook::all_events())
        if (event.provenance == atshook::Provenance::documented) documented.emplace(event.name);
    CHECK(documented == std::set<std::string>{"job.created", "application.deleted",
                                              "candidate.updated", "feedback.submitted",
                                              "interview.created"});
}

TEST_CASE("an unknown type suggests the nearest real one") {
    CHECK(atshook::nearest_event("interview.create") == "interview.created");
    CHECK(atshook::nearest_event("job.status.update") == "job.status.updated");
    CHECK(atshook::nearest_event("candidate.tag.add") == "candidate.tag.added");
    CHECK(atshook::find_event("job.published") == nullptr);
    CHECK(atshook::find_event("job.deleted") != nullptr);
}

TEST_CASE("a type name too long to be a misspelling is quoted in part, with no suggestion") {
    const std::string hostile(16 * 1024 * 1024, 'x');
    CHECK_FALSE(atshook::nearest_event(hostile).has_value());
    const std::string message = atshook::unknown_event_message(hostile);
    CHECK(message ==
          "\"" + std::string(60, 'x') +
              "...\" is not a HireHive event type; (`ats-hook events` lists the 19 types)");
    CHECK(atshook::unknown_event_message("job.create") ==
          "\"job.create\" is not a HireHive event type; did you mean \"job.created\"? "
          "(`ats-hook events` lists the 19 types)");
}
