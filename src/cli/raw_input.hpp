#pragma once
#include <CLI/CLI.hpp>

#include <cstddef>
#include <vector>
#include <string>
#include <string_view>
#include <utility>

namespace cli {

// The exact bytes of a file, or of stdin for "-". Throws atshook::Error naming the file when it
// cannot be read or holds more than `limit` bytes (`limit_name` says which limit, for the
// message); no more than `limit` + 1 bytes are ever read. The buffer is sized from the file
// before reading, so a secret file's bytes are never left behind in a reallocated buffer.
std::string read_raw_input(const std::string& path, std::size_t limit, std::string_view limit_name);

// Throws a usage error when more than one of `inputs` (option name, path) is "-": stdin can be
// read once, and the second reader would see nothing.
void require_stdin_once(const std::vector<std::pair<std::string, std::string>>& inputs);

// Registers --max-bytes (the largest payload a command reads; 16 MiB by default, at most 4 GiB).
void add_max_bytes_option(CLI::App& command, std::size_t& max_bytes);

// A name for messages: the path, or "stdin" for "-".
std::string input_name(const std::string& path);

} // namespace cli
