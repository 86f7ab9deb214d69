#pragma once
#include <string>
#include <string_view>
#include <vector>

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

// One reference token as the name it stands for ("~1" -> "/", "~0" -> "~").
inline std::string unescape_pointer_token(std::string_view token) {
    std::string out;
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() &&
            (token[i + 1] == '0' || token[i + 1] == '1')) {
            out += token[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

// The names a JSON pointer steps through: none for "" (the root), {"a", "b/c"} for "/a/b~1c".
inline std::vector<std::string> pointer_tokens(std::string_view pointer) {
    std::vector<std::string> tokens;
    std::size_t position = 0;
    while (position < pointer.size()) {
        const std::size_t start = position + 1;
        std::size_t end = pointer.find('/', start);
        if (end == std::string_view::npos) end = pointer.size();
        tokens.push_back(unescape_pointer_token(pointer.substr(start, end - start)));
        position = end;
    }
    return tokens;
}

} // namespace atshook
