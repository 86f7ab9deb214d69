#pragma once
#include "atshook/schema/check_tree.hpp"

#include <map>
#include <string>
#include <string_view>

namespace atshook::schema {

// The schema documents a `$ref` may point into, by file name ("objects.json").
using SchemaDocuments = std::map<std::string, nlohmann::json, std::less<>>;

// Compiles the draft-07 subset ats-hook supports into a check tree, starting at document
// `root_name`. Supported: type, properties, required, additionalProperties, items (one schema),
// enum, const, minLength, maxLength, minimum, maximum, pattern, format "date-time", anyOf,
// $ref ("#/pointer" or "file.json#/pointer" within `documents`), boolean schemas; annotations
// $schema, $id (document root only), $comment, title, description, definitions, examples,
// default. Anything else throws atshook::Error naming the keyword and where it stands.
CheckTree compile(const SchemaDocuments& documents, std::string_view root_name, Mode mode);

} // namespace atshook::schema
