#include "atshook/padded_buffer.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

// The k_parse_padding bytes after the contents, which a parser may read.
bool padded_with_zeros(const atshook::PaddedBuffer& buffer) {
    for (std::size_t i = 0; i < atshook::k_parse_padding; ++i)
        if (buffer.data()[buffer.size() + i] != 0) return false;
    return true;
}

} // namespace

TEST_CASE("a padded buffer keeps zeros after its contents as they grow and shrink") {
    atshook::PaddedBuffer buffer;
    CHECK(buffer.empty());
    buffer.append("{\"a\":1}\n");
    CHECK(buffer.view() == "{\"a\":1}\n");
    CHECK(padded_with_zeros(buffer));
    const std::string big(5000, 'x');
    buffer.append(big);
    CHECK(buffer.size() == 8 + big.size());
    CHECK(buffer.view().substr(0, 8) == "{\"a\":1}\n");
    CHECK(padded_with_zeros(buffer));
    buffer.truncate(3);
    CHECK(buffer.view() == "{\"a");
    CHECK(padded_with_zeros(buffer));
}

TEST_CASE("a padded buffer takes a read through prepare and commit") {
    atshook::PaddedBuffer buffer;
    buffer.append("ab");
    char* room = buffer.prepare(100);
    CHECK(buffer.capacity() >= 102);
    room[0] = 'c';
    room[1] = 'd';
    buffer.commit(2);
    CHECK(buffer.view() == "abcd");
    CHECK(padded_with_zeros(buffer));
}

TEST_CASE("clearing a padded buffer keeps its allocation for the next chunk") {
    atshook::PaddedBuffer buffer;
    buffer.append(std::string(1000, 'x'));
    const char* const before = buffer.data();
    const std::size_t capacity = buffer.capacity();
    buffer.clear();
    CHECK(buffer.empty());
    CHECK(padded_with_zeros(buffer));
    buffer.append(std::string(1000, 'y'));
    CHECK(buffer.data() == before);
    CHECK(buffer.capacity() == capacity);
}

TEST_CASE("a padded buffer copies and moves as a value") {
    atshook::PaddedBuffer buffer;
    buffer.append("payload");
    atshook::PaddedBuffer copy = buffer;
    CHECK(copy.view() == "payload");
    CHECK(copy.data() != buffer.data());
    CHECK(padded_with_zeros(copy));
    atshook::PaddedBuffer moved = std::move(buffer);
    CHECK(moved.view() == "payload");
    CHECK(buffer.empty()); // NOLINT(bugprone-use-after-move): a moved-from buffer is empty
    buffer.append("again");
    CHECK(buffer.view() == "again");
}
