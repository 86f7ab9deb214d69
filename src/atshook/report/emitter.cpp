#include "atshook/report/emitter.hpp"

#include "atshook/error.hpp"

#include <array>

namespace atshook::report {

std::span<const std::string_view> format_names(Subject subject) {
    static constexpr std::array<std::string_view, 2> k_text_json{"text", "json"};
    switch (subject) {
    case Subject::documents:
    case Subject::verification:
    case Subject::send_run:
    case Subject::deliveries:
    case Subject::event_types:
    case Subject::learning:
    case Subject::drift:
        return k_text_json;
    }
    return k_text_json;
}

Format parse_format(std::string_view name) {
    if (name == "text") return Format::text;
    if (name == "json") return Format::json;
    throw Error("unknown report format '" + std::string(name) + "'", Error::Kind::usage);
}

void Emitter::attempt(std::string& out, const delivery::Outgoing& outgoing,
                      const delivery::Attempt& attempt) const {
    out += attempt_line(outgoing, attempt);
    out += '\n';
}

std::unique_ptr<Emitter> make_emitter(Format format, bool color) {
    return format == Format::json ? make_json_emitter() : make_text_emitter(color);
}

} // namespace atshook::report
