#pragma once
#include <string>

namespace cli {

// The exact bytes of a file, or of stdin for "-". Throws atshook::Error naming the file when it
// cannot be read. The buffer is sized from the file before reading, so a secret file's bytes
// are never left behind in a reallocated buffer.
std::string read_raw_input(const std::string &path);

// A name for messages: the path, or "stdin" for "-".
std::string input_name(const std::string &path);

} // namespace cli
