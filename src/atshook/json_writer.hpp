#pragma once
// Compact JSON text written straight into a string, members in the order they are written: how
// emit makes events without building a tree. Its bytes are what nlohmann's dump() writes for
// the same values (the same escapes, no spaces), so a tree and the writer can serve one format.
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace atshook {

class JsonWriter {
public:
    // Appends to `out`, which must be empty or end where a new value may begin (a value of an
    // array, or after a newline).
    explicit JsonWriter(std::string& out) : m_out(out) {}

    // A member name in an object. Names are the caller's literals: they are not escaped.
    JsonWriter& key(std::string_view name) {
        separate();
        m_out += '"';
        m_out += name;
        m_out += "\":";
        return *this;
    }

    // Strings must be UTF-8; quotes, backslashes and control characters are escaped.
    void value(std::string_view text);
    void value(const char* text) { value(std::string_view(text)); }
    void value(const std::string& text) { value(std::string_view(text)); }
    void value(bool flag) {
        separate();
        m_out += flag ? "true" : "false";
    }
    void value(std::nullptr_t) {
        separate();
        m_out += "null";
    }
    template <std::integral Number>
    requires(!std::same_as<Number, bool>) void value(Number number) {
        if constexpr (std::is_signed_v<Number>)
            integer(static_cast<std::int64_t>(number));
        else
            integer(static_cast<std::uint64_t>(number));
    }
    // A value already written as compact JSON (by another writer).
    void raw(std::string_view json) {
        separate();
        m_out += json;
    }

    void begin_object() {
        separate();
        m_out += '{';
    }
    void end_object() { m_out += '}'; }
    void begin_array() {
        separate();
        m_out += '[';
    }
    void end_array() { m_out += ']'; }

    template <class Value> void member(std::string_view name, const Value& value) {
        key(name);
        this->value(value);
    }
    void object(std::string_view name) {
        key(name);
        m_out += '{';
    }
    void array(std::string_view name) {
        key(name);
        m_out += '[';
    }

private:
    void integer(std::int64_t number);
    void integer(std::uint64_t number);
    // A comma before every value or member but the first of its container.
    void separate() {
        if (m_out.empty()) return;
        const char last = m_out.back();
        if (last != '{' && last != '[' && last != ':' && last != '\n') m_out += ',';
    }

    std::string& m_out;
};

} // namespace atshook
