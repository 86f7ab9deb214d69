#include "atshook/sample/random.hpp"

#include <doctest/doctest.h>

#include <set>

using atshook::sample::Random;

TEST_CASE("the generator is xoshiro256** seeded by splitmix64, the same on every platform") {
    // Reference values computed independently (Python, straight from the published algorithms).
    Random zero(0);
    CHECK(zero.next() == 0x99ec5f36cb75f2b4ULL);
    CHECK(zero.next() == 0xbf6e1f784956452aULL);
    CHECK(zero.next() == 0x1a5f849d4933e6e0ULL);
    Random answer(42);
    CHECK(answer.next() == 0x15780b2e0c2ec716ULL);
}

TEST_CASE("bounded draws stay in range and reach both ends") {
    Random random(7);
    std::set<int> seen;
    for (int i = 0; i < 2000; ++i) {
        const int value = random.between(-2, 3);
        CHECK(value >= -2);
        CHECK(value <= 3);
        seen.insert(value);
    }
    CHECK(seen.size() == 6);
    for (int i = 0; i < 100; ++i) CHECK(random.below(1) == 0);
}

TEST_CASE("alphanumeric text uses only [A-Za-z0-9]") {
    Random random(3);
    const std::string text = random.alphanumeric(2000);
    CHECK(text.size() == 2000);
    CHECK(
        text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
        std::string::npos);
}

TEST_CASE("each (seed, type, index) gets its own stream") {
    using atshook::sample::event_seed;
    CHECK(event_seed(1, "job.created", 0) == event_seed(1, "job.created", 0));
    CHECK(event_seed(1, "job.created", 0) != event_seed(1, "job.updated", 0));
    CHECK(event_seed(1, "job.created", 0) != event_seed(1, "job.created", 1));
    CHECK(event_seed(1, "job.created", 0) != event_seed(2, "job.created", 0));
}

TEST_CASE("the id mint's 14 random alphanumerics do not repeat") {
    atshook::sample::IdMint mint;
    Random random(1);
    std::set<std::string> ids;
    for (int i = 0; i < 5000; ++i) {
        const auto id = mint.mint(random, "int_");
        CHECK(id.size() == 4 + 14);
        CHECK(ids.insert(id).second);
    }
}
