#pragma once
#include "atshook/input.hpp"
#include "atshook/report/emitter.hpp"
#include "atshook/validation.hpp"

#include <functional>
#include <string>

namespace atshook {

// What one chunk of documents produced: its report (what the emitter wrote) and tally, and how
// many bytes of the input it covered (Chunk::input_bytes), for progress.
struct ChunkReport {
    std::string text;
    report::Tally tally;
    std::uint64_t input_bytes = 0;
};

// Documents per chunk of an NDJSON input, in bytes: the unit of work of a thread.
// 1 MB: L2-sized on the machines measured, fine-grained enough to share the work evenly.
constexpr std::size_t k_validation_chunk_bytes = 1024 * 1024;

// Validates every document `reader` yields, on `jobs` threads (each with its own Validator; the
// calling thread is one of them), and hands each chunk's report, written by `emitter` (none when
// null: the tally only), to `emit` in input order. Threads read ahead of the calling thread by
// at most 8 x jobs chunks, and only while the reports waiting hold less than 8 x chunk_bytes,
// so memory stays bounded whatever the input's size. `emit` runs on the calling thread. A read
// error is thrown as atshook::Error once the reports of the chunks before it are emitted.
void validate_input(InputReader& reader, const ValidateOptions& options,
                    const report::Emitter* emitter, unsigned jobs, std::size_t max_bytes,
                    const std::function<void(const ChunkReport&)>& emit,
                    std::size_t chunk_bytes = k_validation_chunk_bytes);

// Validates one document, turning an oversized one into an unreadable result.
DocumentResult validate_document(Validator& validator, const Document& document,
                                 std::size_t max_bytes);

} // namespace atshook
