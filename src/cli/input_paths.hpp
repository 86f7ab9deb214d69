#pragma once
// Directories on the command line: validate and verify --request take a folder of fixtures as
// the files of their kind below it.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

// The files `paths` name, in order: each file (or "-") as given, and for each directory every
// file below it whose name ends in one of `extensions`, in byte order of their paths, hidden
// ones left out (learn::corpus_files). Throws atshook::Error naming a directory that holds none.
std::vector<std::string> files_named(const std::vector<std::string>& paths,
                                     std::initializer_list<std::string_view> extensions);

} // namespace cli
