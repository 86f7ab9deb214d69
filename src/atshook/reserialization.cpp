#include "atshook/reserialization.hpp"
#include "atshook/json_text.hpp"

#include <variant>

namespace atshook {

signature::VerifyResult verify_with_hints(const signature::DeliveryHeaders& headers,
                                          std::string_view body,
                                          std::span<const signature::Secret> secrets,
                                          const signature::VerifyOptions& options) {
    auto result = signature::verify_delivery(headers, body, secrets, options);
    if (result.reason != signature::Reason::no_matching_signature ||
        body.size() > k_reserialization_hint_bytes || !result.hints.empty())
        return result; // a byte-level hint (a newline, CRLF, the key) already names the cause
    const auto tree = parse_json_tree(body);
    if (!std::holds_alternative<nlohmann::ordered_json>(tree)) return result;
    const auto& json = std::get<nlohmann::ordered_json>(tree);
    // Compact first, then the usual indentations; each with and without a final newline, since
    // pretty-printers (and emit, and editors) end files with one and frameworks drop it.
    struct Variant {
        int indent;
        bool final_newline;
        signature::Hint hint;
    };
    using signature::Hint;
    constexpr Variant k_variants[] = {
        {-1, false, Hint::body_matches_compact},
        {-1, true, Hint::body_matches_compact_with_newline},
        {2, false, Hint::body_matches_indented},
        {4, false, Hint::body_matches_indented},
        {2, true, Hint::body_matches_indented_with_newline},
        {4, true, Hint::body_matches_indented_with_newline},
    };
    for (const auto& variant : k_variants) {
        std::string text = json_text(json, variant.indent);
        if (variant.final_newline) text += '\n';
        if (text != body && signature::signature_matches_body(headers, text, secrets)) {
            result.hints.push_back(variant.hint);
            break;
        }
    }
    return result;
}

} // namespace atshook
