#include "atshook/input.hpp"

#include "atshook/error.hpp"

#include <fmt/core.h>
#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace atshook {
namespace {

constexpr std::size_t k_read_block = 1 << 20;
static_assert(k_parse_padding >= simdjson::SIMDJSON_PADDING);

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

} // namespace

InputReader::InputReader(const std::string& path, std::size_t max_bytes)
    : m_path(path), m_source(path == "-" ? "<stdin>" : path),
      m_max_bytes(std::min(max_bytes, k_largest_max_bytes)) {
    if (path == "-") {
        m_file = stdin;
    } else {
        m_file = std::fopen(path.c_str(), "rb");
        if (!m_file) throw Error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
        m_owned = true;
    }
    detect_format();
}

InputReader::InputReader(InMemory, std::string_view bytes, const std::string& name,
                         std::size_t max_bytes)
    : m_path(name), m_source(name), m_memory(bytes),
      m_max_bytes(std::min(max_bytes, k_largest_max_bytes)) {
    detect_format();
}

InputReader InputReader::from_bytes(std::string_view bytes, const std::string& name,
                                    std::size_t max_bytes) {
    return InputReader(InMemory{}, bytes, name, max_bytes);
}

InputReader::~InputReader() {
    if (m_owned) std::fclose(m_file);
}

// Reads up to `count` bytes of the input, fewer only at its end.
std::size_t InputReader::read_some(char* out, std::size_t count) {
    if (!m_file) {
        const std::size_t got = std::min(count, m_memory.size() - m_memory_pos);
        if (got) std::memcpy(out, m_memory.data() + m_memory_pos, got);
        m_memory_pos += got;
        m_eof = got < count;
        return got;
    }
    const std::size_t got = std::fread(out, 1, count, m_file);
    if (got < count) {
        if (std::ferror(m_file))
            throw Error(fmt::format("{}: read error: {}", m_source, std::strerror(errno)));
        m_eof = true;
    }
    return got;
}

// Reads ahead until at least `want` unread bytes are pending or the input ends.
bool InputReader::fill(std::size_t want) {
    if (m_pos > 0 && m_pending.size() - m_pos < want) {
        m_pending.erase(0, m_pos);
        m_pos = 0;
    }
    while (!m_eof && m_pending.size() < want) {
        const std::size_t old = m_pending.size();
        // Grow by blocks as bytes arrive, so memory follows the input, not the limit asked for.
        m_pending.resize(old + k_read_block);
        m_pending.resize(old + read_some(m_pending.data() + old, k_read_block));
    }
    return m_pending.size() > m_pos;
}

// Appends up to `want` more bytes of the input to `buffer`, fewer only at its end: first those
// read ahead, then straight from the input, a block at a time.
void InputReader::read_into(PaddedBuffer& buffer, std::size_t want) {
    if (m_pos < m_pending.size()) {
        const std::size_t take = std::min(want, m_pending.size() - m_pos);
        buffer.append(std::string_view(m_pending).substr(m_pos, take));
        m_pos += take;
        want -= take;
        if (m_pos == m_pending.size()) {
            m_pending.clear();
            m_pos = 0;
        }
    }
    while (want > 0 && !m_eof) {
        const std::size_t block = std::min(want, k_read_block);
        const std::size_t got = read_some(buffer.prepare(block), block);
        buffer.commit(got);
        want -= got;
    }
}

void InputReader::detect_format() {
    // A .ndjson or .jsonl file is NDJSON whatever its first line holds (it may be the broken one).
    if (m_path.ends_with(".ndjson") || m_path.ends_with(".jsonl")) {
        m_ndjson = true;
        return;
    }
    // Otherwise look at the first non-blank line: NDJSON when it is a whole JSON value and more
    // follows.
    std::size_t start = 0;
    for (;;) {
        const std::size_t newline = m_pending.find('\n', start);
        if (newline == std::string::npos) {
            if (m_eof || m_pending.size() > m_max_bytes) return;
            fill(m_pending.size() + k_read_block);
            continue;
        }
        const std::string_view line(m_pending.data() + start, newline - start);
        if (is_blank(line)) {
            start = newline + 1;
            continue;
        }
        fill(newline + 2);
        const std::string_view rest(m_pending.data() + newline + 1,
                                    std::min<std::size_t>(m_pending.size() - newline - 1, 4096));
        if (is_blank(rest)) return;
        simdjson::dom::parser parser;
        simdjson::dom::element ignored;
        m_ndjson = parser.parse(line.data(), line.size()).get(ignored) == simdjson::SUCCESS;
        return;
    }
}

// The whole input as one document (up to max_bytes of it).
bool InputReader::next_whole(Chunk& chunk) {
    if (m_whole_done) return false;
    m_whole_done = true;
    read_into(chunk.buffer, m_max_bytes + 1);
    chunk.input_bytes = chunk.buffer.size();
    const bool too_large = chunk.buffer.size() > m_max_bytes;
    if (too_large) chunk.buffer.truncate(m_max_bytes);
    chunk.buffer.reserve(chunk.buffer.size()); // padded even when empty
    chunk.documents.push_back({chunk.buffer.view(), 0, too_large, true});
    return true;
}

// The line [start, end) of the chunk's buffer, its newline excluded, as a document unless it is
// blank; counts the line either way.
void InputReader::add_line(Chunk& chunk, std::size_t start, std::size_t end) {
    const std::string_view line(chunk.buffer.data() + start, end - start);
    if (!is_blank(line)) {
        const bool too_large = line.size() > m_max_bytes;
        chunk.documents.push_back(
            {too_large ? line.substr(0, m_max_bytes) : line, m_next_line, too_large, true});
    }
    ++m_next_line;
}

// Adds the lines of the chunk's buffer that end in a newline from `start` on; returns where the
// line after them starts. No newline lies before `scanned`, which moves to the buffer's end.
std::size_t InputReader::split_lines(Chunk& chunk, std::size_t start, std::size_t& scanned) {
    const char* const data = chunk.buffer.data();
    const std::size_t size = chunk.buffer.size();
    for (std::size_t from = std::max(start, scanned); from < size;) {
        const void* const found = std::memchr(data + from, '\n', size - from);
        if (!found) break;
        const auto newline = static_cast<std::size_t>(static_cast<const char*>(found) - data);
        add_line(chunk, start, newline);
        chunk.input_bytes += newline + 1 - start;
        start = from = newline + 1;
    }
    scanned = size;
    return start;
}

// Reads past the rest of an oversized line a block at a time, without holding it.
void InputReader::skip_rest_of_line(Chunk& chunk) {
    while (fill(1)) {
        const std::size_t newline = m_pending.find('\n', m_pos);
        const std::size_t end = newline == std::string::npos ? m_pending.size() : newline + 1;
        chunk.input_bytes += end - m_pos;
        m_pos = end;
        if (newline != std::string::npos) return;
    }
}

bool InputReader::next(Chunk& chunk, std::size_t target_bytes) {
    chunk.buffer.clear();
    chunk.documents.clear();
    chunk.input_bytes = 0;
    if (!m_ndjson) return next_whole(chunk);

    // Whole lines, about target_bytes at a time, read into the chunk's buffer and handed out
    // where they lie. Documents view the buffer, so it grows only while it holds none.
    std::size_t start = 0;   // the first byte not yet handed out as a line
    std::size_t scanned = 0; // no newline before it
    for (;;) {
        if (chunk.buffer.size() < target_bytes)
            read_into(chunk.buffer, target_bytes - chunk.buffer.size());
        start = split_lines(chunk, start, scanned);
        const std::size_t rest = chunk.buffer.size() - start; // a line without its newline yet
        if (exhausted()) {
            if (rest) {
                add_line(chunk, start, chunk.buffer.size());
                chunk.input_bytes += rest;
            }
            break;
        }
        if (!chunk.documents.empty()) {
            // The unfinished line starts the next chunk.
            m_pending.replace(0, m_pos, chunk.buffer.data() + start, rest);
            m_pos = 0;
            chunk.buffer.truncate(start);
            break;
        }
        if (rest == 0) { // blank lines only, so far
            chunk.buffer.clear();
            start = scanned = 0;
            continue;
        }
        if (rest > m_max_bytes) {
            // Keep the start of an oversized line, flagged, and skip the rest of it.
            add_line(chunk, start, chunk.buffer.size());
            chunk.input_bytes += rest;
            chunk.buffer.truncate(start + m_max_bytes);
            skip_rest_of_line(chunk);
            break;
        }
        read_into(chunk.buffer, k_read_block); // a line longer than target_bytes
    }
    return !chunk.documents.empty();
}

} // namespace atshook
