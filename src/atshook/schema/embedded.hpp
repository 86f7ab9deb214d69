#pragma once
#include <span>
#include <string_view>

namespace atshook::schema {

// A schema file embedded at build time (see cmake/embed_schemas.cmake).
struct EmbeddedFile {
    std::string_view name; // path below src/atshook/schema/files, e.g. "events/job.created.json"
    std::string_view text;
};

std::span<const EmbeddedFile> embedded_files();

} // namespace atshook::schema
