#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace atshook {

// Standard base64 (RFC 4648 section 4, alphabet A-Z a-z 0-9 + /), always padded with '='.
std::string base64_encode(std::span<const unsigned char> bytes);
// The same, appended to `out`; it does not reallocate when the caller reserved room, so key
// text can be built without leaving stale copies behind.
void base64_append(std::string& out, std::span<const unsigned char> bytes);
constexpr std::size_t base64_length(std::size_t bytes) {
    return (bytes + 2) / 3 * 4;
}
inline std::string base64_encode(std::string_view bytes) {
    return base64_encode(
        std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));
}

// Why a text is not standard base64; `position` is the 0-based offset of the first bad
// character (or the text's length for a bad length). Deliberately carries no character, so a
// message built from it can never quote part of a secret.
struct Base64Problem {
    enum class Kind { bad_character, url_safe_character, bad_padding, bad_length };
    Kind kind;
    std::size_t position;
};

// Decodes strict standard base64: padding is optional, but when present it must be correct.
// Any character outside the alphabet (whitespace, '-', '_', ...) is rejected, never skipped,
// because skipping it silently yields a short, wrong key.
struct Base64Decoded {
    std::vector<unsigned char> bytes;
    std::optional<Base64Problem> problem;
};
Base64Decoded base64_decode(std::string_view text);

// A sentence for people, e.g. "character 12 is not in the standard base64 alphabet".
std::string describe(const Base64Problem& problem);

} // namespace atshook
