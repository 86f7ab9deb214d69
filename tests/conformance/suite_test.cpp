// Runs every file of the official JSON-Schema-Test-Suite (draft7, Debian's
// json-schema-test-suite). Each group either compiles and passes all its tests, or is refused at
// load with a message naming what is not supported: a keyword outside our subset is never
// silently ignored. In the files of the keywords we support, each refused group is listed below
// with the reason.
#include "atshook/error.hpp"
#include "atshook/schema/compiler.hpp"
#include "atshook/schema/walker.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

namespace {

using json = nlohmann::json;

json load(const std::string& relative) {
    std::ifstream in(std::string(ATS_TEST_SUITE_DIR) + "/" + relative);
    REQUIRE_MESSAGE(in, "cannot read suite file " << relative);
    return json::parse(in);
}

// Groups refused on purpose, each with the words its refusal must contain: they need features
// outside the supported subset, and refusing them at load is the promised behaviour.
const std::map<std::string, std::string> k_refused = {
    {"properties.json: properties, patternProperties, additionalProperties interaction",
     "\"patternProperties\" is not supported"},
    {"additionalProperties.json: additionalProperties being false does not allow other properties",
     "\"patternProperties\" is not supported"},
    {"additionalProperties.json: non-ASCII pattern with additionalProperties",
     "\"patternProperties\" is not supported"},
    {"items.json: an array of schemas for items", "tuple validation) is not supported"},
    {"items.json: items with boolean schemas", "tuple validation) is not supported"},
    {"ref.json: relative pointer ref to array", "tuple validation) is not supported"},
    // the referenced schemas sit under member names that are not keywords
    {"ref.json: escaped pointer ref", "keyword \"percent%field\" is not supported"},
    {"ref.json: remote ref, containing refs itself", "points outside the embedded schema files"},
    {"ref.json: Recursive references between schemas", "points outside the embedded schema files"},
    {"definitions.json: valid definition", "points outside the embedded schema files"},
    {"definitions.json: invalid definition", "points outside the embedded schema files"},
};

struct Outcome {
    int passed = 0;                             // tests of compiled groups that passed
    int groups = 0;                             // groups that compiled
    std::map<std::string, std::string> refused; // group -> why
};

Outcome run_file(const std::string& file) {
    Outcome outcome;
    simdjson::dom::parser parser;
    for (const auto& group : load(file)) {
        const std::string name = file + ": " + group["description"].get<std::string>();
        atshook::schema::CheckTree tree;
        try {
            tree = atshook::schema::compile({{"suite.json", group["schema"]}}, "suite.json",
                                            atshook::schema::Mode::standard);
        } catch (const atshook::Error& e) {
            outcome.refused.emplace(name, e.what());
            continue;
        }
        ++outcome.groups;
        for (const auto& test : group["tests"]) {
            const std::string data = test["data"].dump();
            simdjson::dom::element root;
            REQUIRE_MESSAGE(parser.parse(data).get(root) == simdjson::SUCCESS, name << " " << data);
            atshook::Findings findings;
            atshook::schema::walk(tree, root, findings);
            const bool valid = !atshook::has_errors(findings);
            CHECK_MESSAGE(valid == test["valid"].get<bool>(),
                          name << " / " << test["description"].get<std::string>() << " data "
                               << data);
            ++outcome.passed;
        }
    }
    return outcome;
}

// Every .json file of the draft7 folder, optional/ included, as paths relative to it.
std::vector<std::string> suite_files() {
    const std::filesystem::path root(ATS_TEST_SUITE_DIR);
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path().lexically_relative(root).string());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("every draft7 group of the JSON-Schema-Test-Suite passes or is refused at load") {
    // The files of the keywords we support: here a refusal must be one of k_refused.
    const std::set<std::string> supported = {"type.json",
                                             "properties.json",
                                             "required.json",
                                             "additionalProperties.json",
                                             "items.json",
                                             "enum.json",
                                             "const.json",
                                             "minLength.json",
                                             "maxLength.json",
                                             "minimum.json",
                                             "maximum.json",
                                             "pattern.json",
                                             "ref.json",
                                             "anyOf.json",
                                             "boolean_schema.json",
                                             "definitions.json",
                                             "optional/format/date-time.json"};
    const auto files = suite_files();
    REQUIRE(files.size() >= 50);
    int passed = 0, supported_passed = 0, groups = 0;
    std::map<std::string, std::string> refused;
    for (const auto& file : files) {
        CAPTURE(file);
        const Outcome outcome = run_file(file);
        passed += outcome.passed;
        groups += outcome.groups;
        if (supported.count(file)) {
            supported_passed += outcome.passed;
            for (const auto& refusal : outcome.refused) {
                const auto& name = refusal.first;
                const auto& why = refusal.second;
                CAPTURE(why);
                CHECK_MESSAGE(k_refused.count(name) == 1, "refused unexpectedly: " << name);
                if (k_refused.count(name)) CHECK(why.find(k_refused.at(name)) != std::string::npos);
            }
        } else {
            // Refused for a named reason, never compiled with the keyword dropped.
            for (const auto& refusal : outcome.refused) {
                const auto& name = refusal.first;
                const auto& why = refusal.second;
                CAPTURE(name);
                CHECK((why.find("is not supported") != std::string::npos ||
                       why.find("points outside the embedded schema files") != std::string::npos));
            }
        }
        refused.insert(outcome.refused.begin(), outcome.refused.end());
    }
    for (const auto& refusal : k_refused)
        CHECK_MESSAGE(refused.count(refusal.first) == 1, "not refused: " << refusal.first);
    // Every test of the supported keywords' groups, in the suite Debian 12 ships (2.0.0).
    CHECK(supported_passed == 189);
    MESSAGE(files.size() << " files: " << groups << " groups compiled, " << passed
                         << " tests passed; " << refused.size() << " groups refused at load");
}
