#pragma once
#include "atshook/limits.hpp"
#include "atshook/padded_buffer.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atshook {

constexpr std::size_t k_default_max_bytes = limits::k_payload_bytes;
constexpr std::size_t k_largest_max_bytes = limits::k_largest_payload_bytes;

// One payload: a whole file, or one line of an NDJSON log.
struct Document {
    std::string_view bytes;
    std::size_t line = 0;   // 1-based line where it starts; 0 for a whole file
    bool too_large = false; // over max_bytes: `bytes` holds only its start
    // k_parse_padding readable bytes follow `bytes` (so in a Chunk's buffer): it can be parsed
    // where it lies.
    bool padded = false;
};

// A run of whole documents read from one input, backed by its own buffer: the bytes as read,
// which the documents view in place.
struct Chunk {
    PaddedBuffer buffer;
    std::vector<Document> documents;
    // Bytes of the input these documents came from, blank lines and the skipped rest of an
    // oversized line included, for progress: the chunks add up to the input's size (less any
    // blank lines after the last document that a chunk boundary left for a call returning false).
    std::uint64_t input_bytes = 0;
};

// Reads a file or stdin ("-") as documents. A file named *.ndjson or *.jsonl, or whose first
// line is a complete JSON value followed by more text, is NDJSON (one document per non-blank line)
// and is read in chunks of whole lines, so memory stays bounded whatever the file's size; anything
// else is one document.
class InputReader {
public:
    // Throws atshook::Error naming the file when it cannot be opened.
    InputReader(const std::string& path, std::size_t max_bytes = k_default_max_bytes);
    // Reads `bytes` from memory exactly as a file named `name` holding them would be read (a
    // name ending in .ndjson or .jsonl makes it NDJSON), for tests and fuzz targets.
    static InputReader from_bytes(std::string_view bytes, const std::string& name,
                                  std::size_t max_bytes = k_default_max_bytes);
    ~InputReader();
    InputReader(const InputReader&) = delete;
    InputReader& operator=(const InputReader&) = delete;

    // "<stdin>" for "-", else the path as given.
    const std::string& source() const { return m_source; }
    bool is_ndjson() const { return m_ndjson; }

    // Fills `chunk` with the next documents; false once the input is exhausted.
    // Throws atshook::Error on a read error.
    bool next(Chunk& chunk, std::size_t target_bytes = 4 * 1024 * 1024);

private:
    struct InMemory {};
    InputReader(InMemory, std::string_view bytes, const std::string& name, std::size_t max_bytes);
    std::size_t read_some(char* out, std::size_t count);
    bool fill(std::size_t want);
    void read_into(PaddedBuffer& buffer, std::size_t want);
    bool exhausted() const { return m_eof && m_pos == m_pending.size(); }
    bool next_whole(Chunk& chunk);
    std::size_t split_lines(Chunk& chunk, std::size_t start, std::size_t& scanned);
    void add_line(Chunk& chunk, std::size_t start, std::size_t end);
    void skip_rest_of_line(Chunk& chunk);
    void detect_format();

    std::string m_path;
    std::string m_source;
    std::FILE* m_file = nullptr; // null: the input is m_memory
    std::string m_memory;
    std::size_t m_memory_pos = 0;
    bool m_owned = false;
    std::size_t m_max_bytes;
    // Bytes read ahead (while detecting the format, the start of a line a chunk could not hold
    // whole, or all of an input in memory); those from m_pos on are not yet handed out.
    std::string m_pending;
    std::size_t m_pos = 0;
    bool m_eof = false;
    bool m_ndjson = false;
    bool m_whole_done = false;
    std::size_t m_next_line = 1;
};

} // namespace atshook
