#pragma once
#include <stdexcept>
#include <string>

namespace atshook {

// Input the tool cannot use: an unreadable file, a malformed header, a bad secret. The message
// is written for the user and names the thing (file, line:column, header) and what would fix it.
class Error : public std::runtime_error {
public:
    enum class Kind {
        input,          // unreadable or malformed input (exit 3)
        usage,          // a bad option value the parser could not catch (exit 2)
        missing_header, // a required header is absent (exit 5)
    };
    explicit Error(std::string message, Kind kind = Kind::input)
        : std::runtime_error(std::move(message)), m_kind(kind) {}
    Kind kind() const noexcept { return m_kind; }

private:
    Kind m_kind;
};

} // namespace atshook
