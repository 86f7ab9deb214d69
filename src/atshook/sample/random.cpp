#include "atshook/sample/random.hpp"

namespace atshook::sample {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

constexpr std::size_t k_id_length = 14;

} // namespace

Random::Random(std::uint64_t seed) {
    for (auto& word : m_state) word = splitmix64(seed);
}

std::uint64_t Random::next() {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

std::uint64_t Random::below(std::uint64_t bound) {
    // Rejection keeps the draw uniform: values in the incomplete last block are redrawn.
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % bound);
    std::uint64_t value = next();
    while (value >= limit) value = next();
    return value % bound;
}

int Random::between(int low, int high) {
    const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(high) - low + 1);
    return static_cast<int>(low + static_cast<std::int64_t>(below(span)));
}

bool Random::chance(int percent) {
    return between(1, 100) <= percent;
}

namespace {

// Fills `out` with characters of `alphabet`, one draw each; the bound is a constant here, so
// below() needs no division.
template <std::size_t N>
void fill_from(Random& random, std::span<char> out, const char (&alphabet)[N]) {
    for (char& c : out) c = alphabet[random.below(N - 1)];
}

constexpr char k_alphanumeric_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr char k_digit_chars[] = "0123456789";

} // namespace

std::string Random::alphanumeric(std::size_t length) {
    std::string text(length, '\0');
    fill_from(*this, text, k_alphanumeric_chars);
    return text;
}

std::string Random::digits(std::size_t length) {
    std::string text(length, '\0');
    fill_from(*this, text, k_digit_chars);
    return text;
}

std::uint64_t event_seed(std::uint64_t seed, std::string_view type, std::uint64_t index) {
    std::uint64_t hash = 0xcbf29ce484222325ULL; // FNV-1a of the type name
    for (const char c : type) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    std::uint64_t state = seed ^ hash;
    std::uint64_t mixed = splitmix64(state);
    state = mixed ^ index;
    return splitmix64(state);
}

std::string IdMint::mint(Random& random, std::string_view prefix) {
    std::string id(prefix.size() + k_id_length, '\0');
    prefix.copy(id.data(), prefix.size());
    fill_from(random, std::span<char>(id).subspan(prefix.size()), k_alphanumeric_chars);
    return id;
}

} // namespace atshook::sample
