#pragma once
// The bytes of a chunk of input. Unlike std::string it does not zero what it grows into before a
// read overwrites it, and it keeps k_parse_padding readable bytes after its contents, so that a
// document inside it can be parsed where it lies (simdjson reads up to 64 bytes past a
// document's end) instead of being copied first.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

namespace atshook {

// At least simdjson::SIMDJSON_PADDING (input.cpp checks); the bytes are zeros.
constexpr std::size_t k_parse_padding = 64;

class PaddedBuffer {
public:
    PaddedBuffer() = default;
    PaddedBuffer(PaddedBuffer&& other) noexcept
        : m_data(std::move(other.m_data)), m_size(std::exchange(other.m_size, 0)),
          m_capacity(std::exchange(other.m_capacity, 0)) {}
    PaddedBuffer& operator=(PaddedBuffer&& other) noexcept {
        m_data = std::move(other.m_data);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
        return *this;
    }
    PaddedBuffer(const PaddedBuffer& other) { append(other.view()); }
    PaddedBuffer& operator=(const PaddedBuffer& other) {
        if (this != &other) {
            clear();
            append(other.view());
        }
        return *this;
    }

    // Null until something is reserved.
    const char* data() const { return m_data.get(); }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    // Bytes it holds without allocating again (the padding not counted).
    std::size_t capacity() const { return m_capacity; }
    std::string_view view() const { return {m_data.get(), m_size}; }

    // Keeps the allocation, for the next chunk.
    void clear() { truncate(0); }

    void reserve(std::size_t capacity) {
        if (capacity <= m_capacity && m_data) return;
        capacity = std::max(capacity, 2 * m_capacity);
        auto grown = std::make_unique_for_overwrite<char[]>(capacity + k_parse_padding);
        if (m_size) std::memcpy(grown.get(), m_data.get(), m_size);
        m_data = std::move(grown);
        m_capacity = capacity;
        pad();
    }

    // Room for `count` more bytes at the end, to be written (a read) and then committed.
    char* prepare(std::size_t count) {
        reserve(m_size + count);
        return m_data.get() + m_size;
    }
    // The first `count` bytes of what prepare() offered now belong to the contents.
    void commit(std::size_t count) {
        m_size += count;
        if (m_data) pad();
    }

    void append(std::string_view bytes) {
        if (!bytes.empty()) std::memcpy(prepare(bytes.size()), bytes.data(), bytes.size());
        commit(bytes.size());
    }

    // Drops the contents from `size` on.
    void truncate(std::size_t size) {
        m_size = std::min(size, m_size);
        if (m_data) pad();
    }

private:
    void pad() { std::memset(m_data.get() + m_size, 0, k_parse_padding); }

    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

} // namespace atshook
