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

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Leaves room for simdjson's padding so documents can be parsed in place.
void finish_buffer(Chunk& chunk) {
    chunk.buffer.reserve(chunk.buffer.size() + simdjson::SIMDJSON_PADDING);
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
    : m_path(name), m_source(name), m_max_bytes(std::min(max_bytes, k_largest_max_bytes)),
      m_pending(bytes), m_eof(true) {
    detect_format();
}

InputReader InputReader::from_bytes(std::string_view bytes, const std::string& name,
                                    std::size_t max_bytes) {
    return InputReader(InMemory{}, bytes, name, max_bytes);
}

InputReader::~InputReader() {
    if (m_owned) std::fclose(m_file);
}

// Reads until at least `want` unread bytes are pending or the input ends.
bool InputReader::fill(std::size_t want) {
    if (m_pos > 0 && m_pending.size() - m_pos < want) {
        m_pending.erase(0, m_pos);
        m_pos = 0;
    }
    while (!m_eof && m_pending.size() < want) {
        const std::size_t old = m_pending.size();
        // Grow by blocks as bytes arrive, so memory follows the input, not the limit asked for.
        const std::size_t block = k_read_block;
        m_pending.resize(old + block);
        const std::size_t got = std::fread(m_pending.data() + old, 1, block, m_file);
        m_pending.resize(old + got);
        if (got < block) {
            if (std::ferror(m_file))
                throw Error(fmt::format("{}: read error: {}", m_source, std::strerror(errno)));
            m_eof = true;
        }
    }
    return m_pending.size() > m_pos;
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

// Hands out the pending bytes up to `position`, counting them as the chunk's input.
void InputReader::consume_to(std::size_t position, Chunk& chunk) {
    chunk.input_bytes += position - m_pos;
    m_pos = position;
}

bool InputReader::next(Chunk& chunk, std::size_t target_bytes) {
    chunk.buffer.clear();
    chunk.documents.clear();
    chunk.input_bytes = 0;
    if (!m_ndjson) {
        if (m_whole_done) return false;
        m_whole_done = true;
        fill(m_max_bytes + 1);
        m_pending.erase(0, m_pos);
        m_pos = 0;
        chunk.input_bytes = m_pending.size();
        chunk.buffer = std::move(m_pending);
        m_pending.clear();
        Document document{chunk.buffer, 0, chunk.buffer.size() > m_max_bytes};
        if (document.too_large) chunk.buffer.resize(m_max_bytes);
        finish_buffer(chunk);
        document.bytes = chunk.buffer;
        chunk.documents.push_back(document);
        return true;
    }

    // Hand out whole lines, about target_bytes at a time. Offsets first: the buffer may grow.
    struct Span {
        std::size_t offset, size, line;
        bool too_large;
    };
    std::vector<Span> spans;
    while (chunk.buffer.size() < target_bytes && fill(1)) {
        std::size_t newline = m_pending.find('\n', m_pos);
        while (newline == std::string::npos && !m_eof && m_pending.size() - m_pos <= m_max_bytes) {
            const std::size_t searched = m_pending.size() - m_pos;
            fill(searched + k_read_block);
            newline = m_pending.find('\n', m_pos + searched);
        }
        const std::size_t end = newline == std::string::npos ? m_pending.size() : newline;
        const std::string_view line(m_pending.data() + m_pos, end - m_pos);
        const bool too_large = line.size() > m_max_bytes;
        if (!is_blank(line)) {
            const std::size_t keep = too_large ? m_max_bytes : line.size();
            spans.push_back({chunk.buffer.size(), keep, m_next_line, too_large});
            chunk.buffer.append(line.substr(0, keep));
            chunk.buffer.push_back('\n');
        }
        ++m_next_line;
        if (newline != std::string::npos) {
            consume_to(newline + 1, chunk);
            continue;
        }
        consume_to(m_pending.size(), chunk);
        if (too_large) {
            // Skip the rest of an oversized line without holding it in memory.
            while (fill(1)) {
                const std::size_t nl = m_pending.find('\n', m_pos);
                if (nl != std::string::npos) {
                    consume_to(nl + 1, chunk);
                    break;
                }
                consume_to(m_pending.size(), chunk);
            }
        }
    }
    finish_buffer(chunk);
    for (const auto& span : spans)
        chunk.documents.push_back({std::string_view(chunk.buffer).substr(span.offset, span.size),
                                   span.line, span.too_large});
    return !chunk.documents.empty();
}

} // namespace atshook
