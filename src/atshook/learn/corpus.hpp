#pragma once
// Reading a corpus for `learn` and `drift`: files, NDJSON logs, stdin, request files and
// directories of them (as `listen --save` writes), every document profiled, on several threads.
#include "atshook/learn/profile.hpp"
#include "atshook/learn/profiler.hpp"
#include "atshook/learn/schema_model.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace atshook::learn {

struct CorpusOptions {
    LearnOptions learn;
    unsigned jobs = 1;
    std::size_t max_bytes = limits::k_payload_bytes;
};

// The files a path names: itself, or for a directory every regular file below it whose name
// does not start with ".", in byte order of their paths (at most 16 levels down). "-" is stdin.
// Throws atshook::Error naming a path that does not exist or cannot be listed.
std::vector<std::string> corpus_files(const std::string& path);

// Whether `path` is a regular file whose first bytes look like a profile (looks_like_profile):
// `drift` reads such a file as a profile and anything else as a corpus. "-" is never one.
bool is_profile_file(const std::string& path);

// Profiles every document of `files` (each a payload, an NDJSON log or a request file whose
// body is the payload). `progress` is called on the calling thread with the bytes and documents
// of each chunk read. Throws atshook::Error naming a file that cannot be read.
Profile profile_files(const std::vector<std::string>& files, const SchemaModels& models,
                      const CorpusOptions& options, const std::string& schema_version,
                      const std::function<void(std::uint64_t bytes, std::uint64_t documents)>&
                          progress = {});

} // namespace atshook::learn
