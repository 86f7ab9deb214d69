#include "atshook/render/tone.hpp"

namespace atshook::render {

std::string_view sgr_code(Tone tone) {
    switch (tone) {
    case Tone::plain:
        return "";
    case Tone::strong:
        return "1";
    case Tone::muted:
        return "2";
    case Tone::heading:
        return "1;36";
    case Tone::good:
        return "32";
    case Tone::warn:
        return "33";
    case Tone::bad:
        return "31";
    case Tone::alert:
        return "1;31";
    case Tone::info:
        return "36";
    case Tone::link:
        return "4;36";
    case Tone::code:
        return "2";
    }
    return "";
}

void append_painted(std::string& out, std::string_view text, Tone tone, bool color) {
    const std::string_view code = color ? sgr_code(tone) : std::string_view{};
    if (code.empty() || text.empty()) {
        out += text;
        return;
    }
    out += "\x1b[";
    out += code;
    out += 'm';
    out += text;
    out += "\x1b[0m";
}

} // namespace atshook::render
