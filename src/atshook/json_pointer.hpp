#pragma once
#include <string>
#include <string_view>

namespace atshook {

// Appends `token` to `out` escaped as one RFC 6901 JSON pointer reference token ("~" -> "~0",
// "/" -> "~1").
inline void append_pointer_token(std::string& out, std::string_view token) {
    for (const char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out.push_back(c);
    }
}

inline std::string pointer_token(std::string_view token) {
    std::string out;
    append_pointer_token(out, token);
    return out;
}

} // namespace atshook
