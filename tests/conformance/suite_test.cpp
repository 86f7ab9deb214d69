// Runs the official JSON-Schema-Test-Suite (draft7, Debian's json-schema-test-suite) for every
// keyword our validator supports. A group whose schema uses something outside our subset must
// be refused at compile time, and each such group is listed below with the reason.
#include "atshook/error.hpp"
#include "atshook/schema/compiler.hpp"
#include "atshook/schema/walker.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

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
    int passed = 0;
    std::map<std::string, std::string> refused; // group -> why
};

Outcome run_file(const std::string& file) {
    Outcome outcome;
    simdjson::dom::parser parser;
    for (const auto& group : load(file)) {
        const std::string name =
            file.substr(file.rfind('/') + 1) + ": " + group["description"].get<std::string>();
        atshook::schema::CheckTree tree;
        try {
            tree = atshook::schema::compile({{"suite.json", group["schema"]}}, "suite.json",
                                            atshook::schema::Mode::standard);
        } catch (const atshook::Error& e) {
            outcome.refused.emplace(name, e.what());
            continue;
        }
        for (const auto& test : group["tests"]) {
            const std::string data = test["data"].dump();
            simdjson::dom::element root;
            REQUIRE(parser.parse(data).get(root) == simdjson::SUCCESS);
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

} // namespace

TEST_CASE("the validator passes the JSON-Schema-Test-Suite draft7 files of its keywords") {
    const char* files[] = {"type.json",
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
    std::map<std::string, std::string> refused;
    int passed = 0;
    for (const char* file : files) {
        CAPTURE(file);
        const Outcome outcome = run_file(file);
        passed += outcome.passed;
        refused.insert(outcome.refused.begin(), outcome.refused.end());
    }
    for (const auto& [name, why] : refused) {
        CAPTURE(why);
        REQUIRE_MESSAGE(k_refused.count(name) == 1, "refused unexpectedly: " << name);
        CHECK(why.find(k_refused.at(name)) != std::string::npos);
    }
    for (const auto& [name, why] : k_refused)
        CHECK_MESSAGE(refused.count(name) == 1, "not refused: " << name);
    // Every test of the groups we run, in the suite Debian 12 ships (2.0.0).
    CHECK(passed == 189);
}
