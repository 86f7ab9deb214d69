#pragma once
#include <initializer_list>
#include <string>
#include <utility>

namespace cli {

// The exact bytes of a file, or of stdin for "-". Throws atshook::Error naming the file when it
// cannot be read. The buffer is sized from the file before reading, so a secret file's bytes
// are never left behind in a reallocated buffer.
std::string read_raw_input(const std::string& path);

// Throws a usage error when more than one of `inputs` (option name, path) is "-": stdin can be
// read once, and the second reader would see nothing.
void require_stdin_once(std::initializer_list<std::pair<const char*, std::string>> inputs);

// A name for messages: the path, or "stdin" for "-".
std::string input_name(const std::string& path);

} // namespace cli
