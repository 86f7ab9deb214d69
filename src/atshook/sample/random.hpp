#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace atshook::sample {

// xoshiro256** seeded through splitmix64. Written out here because the standard distributions
// (std::uniform_int_distribution, ...) give different numbers on different standard libraries,
// and `emit --seed N` promises the same bytes everywhere.
class Random {
public:
    explicit Random(std::uint64_t seed);

    std::uint64_t next();
    // Uniform in [0, bound); bound must be > 0.
    std::uint64_t below(std::uint64_t bound);
    // Uniform in [low, high], both inclusive.
    int between(int low, int high);
    bool chance(int percent);
    // `length` characters of [A-Za-z0-9].
    std::string alphanumeric(std::size_t length);
    std::string digits(std::size_t length);

    template <class T> const T& pick(std::span<const T> items) {
        return items[static_cast<std::size_t>(below(items.size()))];
    }
    template <class T, std::size_t N> const T& pick(const std::array<T, N>& items) {
        return items[static_cast<std::size_t>(below(N))];
    }

private:
    std::array<std::uint64_t, 4> m_state;
};

// A seed for one event, so that event i of a type does not depend on which other types were
// asked for in the same run: `emit job.created --seed 3` equals the job.created of `emit all
// --seed 3`.
std::uint64_t event_seed(std::uint64_t seed, std::string_view type, std::uint64_t index);

// Hands out prefixed ids ("int_" + 14 alphanumerics). It remembers none, so `emit --count`
// runs in constant memory: with 62^14 (about 1.2e25) ids per prefix, a repeat among the 3e8
// ids of the largest run (19 million events) has a chance of about 4e-9.
class IdMint {
public:
    std::string mint(Random& random, std::string_view prefix);
};

} // namespace atshook::sample
