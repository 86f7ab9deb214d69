#pragma once
#include <cstddef>

// The sizes ats-hook accepts from outside, in one place: each exceeded limit is a clear error
// naming it, never an allocation or a loop that grows with hostile input. The man page lists
// them under LIMITS.
namespace atshook::limits {

// A payload (--max-bytes of validate, verify and sign; also the longest NDJSON line).
constexpr std::size_t k_payload_bytes = 16 * 1024 * 1024;
// simdjson reads documents of up to 4 GiB: the largest --max-bytes.
constexpr std::size_t k_largest_payload_bytes = (std::size_t{1} << 32) - 1;
// Nesting of arrays and objects in a payload. HireHive's deepest field is 6 levels down.
constexpr std::size_t k_depth = 256;
// Findings kept per document; the rest are counted ("and 2999900 more findings").
constexpr std::size_t k_findings = 100;
// A request file (verify --request): the largest payload plus its request line and headers.
constexpr std::size_t k_request_head_bytes = 64 * 1024;
// Header lines in a request or headers file, and the length of one (nginx's default buffer).
constexpr std::size_t k_header_lines = 100;
constexpr std::size_t k_header_line_bytes = 8 * 1024;
// Tokens in a webhook-signature header: a sender rotating keys signs with a few.
constexpr std::size_t k_signature_tokens = 32;
// A secret file: one whsec_/whsk_/whpk_ key per line, with comments.
constexpr std::size_t k_secret_file_bytes = 64 * 1024;
// An overlay file (--overlay): thousands of corrections fit in far less.
constexpr std::size_t k_overlay_bytes = 4 * 1024 * 1024;
// The nodes of one event's schema once overlays are applied (the shipped ones hold a few
// thousand).
constexpr std::size_t k_overlaid_schema_nodes = 200'000;
// Actions in one overlay, and the characters and segments of one JSONPath target.
constexpr std::size_t k_overlay_actions = 10'000;
constexpr std::size_t k_json_path_chars = 4096;
constexpr std::size_t k_json_path_segments = 64;

} // namespace atshook::limits
