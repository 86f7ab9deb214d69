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
        body.size() > k_reserialization_hint_bytes)
        return result;
    const auto tree = parse_json_tree(body);
    if (!std::holds_alternative<nlohmann::ordered_json>(tree)) return result;
    const auto& json = std::get<nlohmann::ordered_json>(tree);
    const auto matches = [&](int indent) {
        const std::string text = json_text(json, indent);
        return text != body && signature::signature_matches_body(headers, text, secrets);
    };
    if (matches(-1))
        result.hints.push_back(signature::Hint::body_matches_compact);
    else if (matches(2) || matches(4))
        result.hints.push_back(signature::Hint::body_matches_indented);
    return result;
}

} // namespace atshook
