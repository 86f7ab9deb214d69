#include "cli/corpus_input.hpp"

#include "atshook/learn/corpus.hpp"
#include "atshook/learn/profile_file.hpp"
#include "atshook/schema/store.hpp"
#include "cli/progress.hpp"
#include "cli/raw_input.hpp"

#include <algorithm>
#include <thread>

namespace cli {

void add_corpus_options(CLI::App& command, CorpusChoices& choices) {
    add_max_bytes_option(command, choices.max_bytes);
    command
        .add_option("-j,--jobs", choices.jobs,
                    "Threads (default: all cores); the result is the same")
        ->type_name("N");
    add_progress_options(command, choices.progress);
}

atshook::learn::Profile profile_inputs(const std::vector<std::string>& inputs,
                                       const CorpusChoices& choices,
                                       const atshook::learn::SchemaModels& models,
                                       std::string_view label, bool quiet) {
    std::vector<std::string> files;
    for (const std::string& input : inputs) {
        auto listed = atshook::learn::corpus_files(input);
        files.insert(files.end(), listed.begin(), listed.end());
    }
    atshook::learn::CorpusOptions corpus;
    corpus.learn.forced_event = choices.forced_event;
    corpus.learn.show_values = choices.show_values;
    corpus.jobs = choices.jobs ? choices.jobs : std::max(1u, std::thread::hardware_concurrency());
    corpus.max_bytes = choices.max_bytes;
    ProgressLine progress(choices.progress, quiet,
                          {std::string(label), true, input_size(files), "documents", std::nullopt,
                           atshook::k_progress_large_input});
    atshook::learn::Profile profile = atshook::learn::profile_files(
        files, models, corpus, atshook::schema::schema_version(),
        [&](std::uint64_t bytes, std::uint64_t documents) { progress.add(bytes, documents); });
    progress.finish();
    return profile;
}

atshook::learn::Profile read_profile(const std::string& path) {
    return atshook::learn::parse_profile(
        read_raw_input(path, atshook::learn::k_profile_file_bytes, "profile size"),
        input_name(path));
}

} // namespace cli
