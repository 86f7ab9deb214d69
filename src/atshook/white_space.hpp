#pragma once
#include <string_view>

namespace atshook {

// `text` without the spaces, tabs, CRs and LFs at either end: HTTP's optional white space
// around a header value, and the padding around a line of a secret file.
constexpr std::string_view trim_white_space(std::string_view text) {
    constexpr std::string_view k_white = " \t\r\n";
    const auto first = text.find_first_not_of(k_white);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(k_white) - first + 1);
}

} // namespace atshook
