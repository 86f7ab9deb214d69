#pragma once
#include "atshook/schema/check_tree.hpp"
#include "atshook/schema/compiler.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace atshook::schema {

// The embedded schema files, parsed once, keyed by file name ("objects.json",
// "interview.created.json"). Throws atshook::Error if a file is not valid JSON.
const SchemaDocuments& embedded_documents();

// Compiles the schema of one of the 19 event types.
CheckTree compile_event(std::string_view event, Mode mode);

// A self-contained draft-07 schema for an event, with every $ref bundled into `definitions`,
// for other tools (ajv, IDEs). In standard semantics it says what ats-hook checks in `mode`
// (lenient: optional members may be null and unknown members are allowed; strict: every
// documented member required).
nlohmann::json export_event_schema(std::string_view event, Mode mode);

// One self-contained schema that accepts any of the 19 events (anyOf over them).
nlohmann::json export_all_events_schema(Mode mode);

// "sha256:" and 16 hex digits of SHA-256 over the embedded schema files (each name and text, in
// name order): the same for every build of the same schemas, different when any file changes.
// Overlays record it to say which schemas they were made for.
std::string schema_version();

// "documented" or "inferred", as the event's schema file records it in its $comment.
std::string schema_provenance(std::string_view event);

} // namespace atshook::schema
