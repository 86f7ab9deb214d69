#pragma once
#include <string_view>

namespace cli {

// "ats-hook: error: MESSAGE" and "ats-hook: warning: MESSAGE" on stderr, after flushing stdout
// so the two streams interleave in order on a terminal. The message is made printable first:
// it may quote input (a header line, a type, a file name) that holds terminal escapes.
void print_error(std::string_view message);
void print_warning(std::string_view message);

// Keeps warnings back until release_warnings prints them, for a command whose first stderr
// line is promised to scripts (listen's "listening on ..."). Not thread-safe: set-up only.
void hold_warnings();
void release_warnings();

} // namespace cli
