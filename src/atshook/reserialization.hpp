#pragma once
// The most common reason a correct signature fails in a handler: the body was parsed and written
// again (pretty-printed by a logger, compacted by a framework) before it was verified. Finding
// it needs the body read as JSON, which the byte-only signature module does not do.
#include "atshook/signature/secret.hpp"
#include "atshook/signature/verify.hpp"

#include <span>
#include <string_view>

namespace atshook {

// Bodies larger than this are not re-serialized for hints: each variant costs a parse, a dump
// and an HMAC per secret, and hints are for people, who send small bodies by hand.
constexpr std::size_t k_reserialization_hint_bytes = std::size_t{1} << 20;

// verify_delivery, plus on no_matching_signature one body_matches_* hint when the same JSON
// (keys in their order) written compactly, or with 2 or 4 spaces of indentation, with or
// without a final newline, carries a matching signature.
signature::VerifyResult verify_with_hints(const signature::DeliveryHeaders& headers,
                                          std::string_view body,
                                          std::span<const signature::Secret> secrets,
                                          const signature::VerifyOptions& options);

} // namespace atshook
