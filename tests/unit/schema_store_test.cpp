#include "atshook/catalog.hpp"
#include "atshook/schema/store.hpp"
#include "atshook/schema/walker.hpp"
#include "atshook/validation.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using atshook::schema::Mode;
using json = nlohmann::json;

namespace {

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void collect_refs(const json& schema, std::vector<std::string>& out) {
    if (schema.is_object()) {
        for (const auto& [key, value] : schema.items()) {
            if (key == "$ref" && value.is_string())
                out.push_back(value);
            else if (key != "enum" && key != "const" && key != "examples")
                collect_refs(value, out);
        }
    } else if (schema.is_array()) {
        for (const auto& item : schema) collect_refs(item, out);
    }
}

bool valid_by_exported(const json& exported, const std::string& payload) {
    const auto tree =
        atshook::schema::compile({{"export.json", exported}}, "export.json", Mode::standard);
    simdjson::dom::parser parser;
    atshook::Findings findings;
    atshook::schema::walk(tree, parser.parse(payload).value(), findings);
    return !atshook::has_errors(findings);
}

} // namespace

TEST_CASE("every event schema compiles in every mode") {
    for (const auto& event : atshook::all_events()) {
        CAPTURE(event.name);
        for (const Mode mode : {Mode::standard, Mode::lenient, Mode::strict})
            CHECK_NOTHROW(atshook::schema::compile_event(event.name, mode));
    }
}

TEST_CASE("each schema file records the provenance the catalog shows") {
    for (const auto& event : atshook::all_events()) {
        CAPTURE(event.name);
        CHECK(atshook::schema::schema_provenance(event.name) ==
              atshook::to_string(event.provenance));
    }
}

TEST_CASE("exported schemas are self-contained and judge the samples as ats-hook does") {
    const std::filesystem::path samples = std::string(ATS_HOOK_SOURCE_DIR) + "/samples";
    for (const auto& event : atshook::all_events()) {
        CAPTURE(event.name);
        const json lenient = atshook::schema::export_event_schema(event.name, Mode::lenient);
        const json strict = atshook::schema::export_event_schema(event.name, Mode::strict);
        std::vector<std::string> refs;
        collect_refs(lenient, refs);
        collect_refs(strict, refs);
        for (const auto& ref : refs) CHECK(ref.starts_with("#/definitions/"));
        const std::string sample = read(samples / "valid" / (std::string(event.name) + ".json"));
        CHECK(valid_by_exported(lenient, sample));
        CHECK(valid_by_exported(strict, sample));
    }
    for (const auto& entry : std::filesystem::directory_iterator(samples / "invalid")) {
        if (entry.path().extension() != ".json") continue;
        const std::string payload = read(entry.path());
        const auto type = json::parse(payload).value("type", "");
        if (!atshook::find_event(type)) continue;
        CAPTURE(entry.path().string());
        const json exported = atshook::schema::export_event_schema(type, Mode::lenient);
        CHECK_FALSE(valid_by_exported(exported, payload));
    }
}

TEST_CASE(
    "the exported lenient schema accepts null for optional members, the strict one does not") {
    auto payload =
        json::parse(read(std::string(ATS_HOOK_SOURCE_DIR) + "/samples/valid/job.created.json"));
    payload["data"]["object"]["salary"] = nullptr;
    payload["data"]["object"].erase("job_code");
    const std::string text = payload.dump();
    CHECK(valid_by_exported(atshook::schema::export_event_schema("job.created", Mode::lenient),
                            text));
    CHECK_FALSE(
        valid_by_exported(atshook::schema::export_event_schema("job.created", Mode::strict), text));
    atshook::Validator strict(
        {.strictness = atshook::Strictness::strict, .forced_event = {}, .max_depth = 256});
    CHECK_FALSE(strict.validate(text).ok());
    atshook::Validator lenient;
    CHECK(lenient.validate(text).ok());
}

TEST_CASE("the schema of all events accepts every valid sample") {
    const json all = atshook::schema::export_all_events_schema(Mode::lenient);
    CHECK(all["anyOf"].size() == 19);
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(ATS_HOOK_SOURCE_DIR) + "/samples/valid"))
        CHECK_MESSAGE(valid_by_exported(all, read(entry.path())), entry.path().string());
}
