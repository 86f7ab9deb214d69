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

// Validates every document `reader` yields, on `jobs` threads (each with its own Validator),
// and hands each chunk's report, written by `emitter` (none when null: the tally only), to
// `emit` in input order. At most 2 x jobs chunks are in flight, so memory stays bounded
// whatever the input's size. Throws atshook::Error from the reader; `emit` runs on the calling
// thread.
void validate_input(InputReader& reader, const ValidateOptions& options,
                    const report::Emitter* emitter, unsigned jobs, std::size_t max_bytes,
                    const std::function<void(const ChunkReport&)>& emit);

// Validates one document, turning an oversized one into an unreadable result.
DocumentResult validate_document(Validator& validator, const Document& document,
                                 std::size_t max_bytes);

} // namespace atshook
