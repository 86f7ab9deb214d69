#pragma once
#include <string>
#include <string_view>

// The few colours ats-hook uses, by what they mean, and their ANSI SGR codes: one palette for
// cards, findings and verdicts.
namespace atshook::render {

enum class Tone { plain, strong, muted, heading, good, warn, bad, alert, info, link, code };

// The SGR parameters of `tone` ("1;31"), empty for plain.
std::string_view sgr_code(Tone tone);

// Appends `text`, wrapped in the tone's escape sequence when `color` is set and the tone is not
// plain. `text` must already be printable (escaped): this adds the only escapes.
void append_painted(std::string& out, std::string_view text, Tone tone, bool color);

} // namespace atshook::render
