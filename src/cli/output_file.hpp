#pragma once
#include <string>

namespace cli {

// Writes `text` to `path` ("-" is stdout): to a temporary file beside it, then renamed over it,
// so a reader never sees half a file. Throws atshook::Error naming the path when it cannot.
void write_output_file(const std::string& path, const std::string& text);

} // namespace cli
