#pragma once
// What learn and drift read: a corpus (payloads, NDJSON logs, request files, directories of
// them, stdin) profiled on several threads under a progress line, or a saved profile.
#include "atshook/input.hpp"
#include "atshook/learn/profile.hpp"
#include "atshook/learn/schema_model.hpp"
#include "atshook/progress.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cli {

struct CorpusChoices {
    std::string forced_event; // learn --event: profile every payload as this type
    bool show_values = false;
    std::size_t max_bytes = atshook::k_default_max_bytes;
    unsigned jobs = 0; // 0: one thread per core
    atshook::ProgressChoice progress = atshook::ProgressChoice::automatic;
};

// Registers --max-bytes, -j/--jobs, --progress and --no-progress.
void add_corpus_options(CLI::App& command, CorpusChoices& choices);

// The profile of every document of `inputs` (each a path as corpus_files takes it), made for
// this ats-hook's schemas; `label` names the command on the progress line (none when `quiet`).
atshook::learn::Profile profile_inputs(const std::vector<std::string>& inputs,
                                       const CorpusChoices& choices,
                                       const atshook::learn::SchemaModels& models,
                                       std::string_view label, bool quiet);

// A profile file (`learn --save-profile`); throws atshook::Error naming it when it is none.
atshook::learn::Profile read_profile(const std::string& path);

} // namespace cli
