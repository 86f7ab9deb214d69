#pragma once
// The keys the signature targets verify with: the published test secret of samples/signed, so
// that the signed samples verify, and an Ed25519 key from a fixed seed, for v1a tokens.
#include "atshook/signature/secret.hpp"

#include <array>
#include <vector>

namespace fuzz {

// 1707124468 is the webhook-timestamp of samples/signed/application.created.http.
constexpr std::int64_t k_now = 1707124468;

inline std::vector<atshook::signature::Secret> test_secrets() {
    std::vector<atshook::signature::Secret> secrets;
    secrets.push_back(atshook::signature::parse_secret(
        "whsec_06VTm7M3bNJMOxArkMt57uDpXuAuB0ZU+Ups+6EYTaU=", "the fuzz test secret"));
    std::array<unsigned char, 32> seed{};
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(i);
    secrets.push_back(atshook::signature::make_ed25519_secret(seed));
    return secrets;
}

} // namespace fuzz
