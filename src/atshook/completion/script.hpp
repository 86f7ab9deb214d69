#pragma once
// Completion scripts for bash, zsh and fish, written from the program's model.
#include "atshook/completion/program.hpp"

#include <string>
#include <vector>

namespace atshook::completion {

struct Word {
    std::string text;
    std::string meaning; // shown beside the word by zsh and fish; may be empty
};

// The names a value of each kind can take, embedded in the scripts.
struct Vocabulary {
    std::vector<Word> event_types;          // the catalog's 19 types
    std::vector<std::string> zones;         // the tz database's names
    std::vector<std::string> windows_zones; // Windows' standard names, which hold spaces
};

// The catalog's event types with their meanings, the tz database's names, and the Windows
// standard names that are not also IANA names, sorted.
Vocabulary hirehive_vocabulary();

std::string bash_script(const Program& program, const Vocabulary& vocabulary);
std::string zsh_script(const Program& program, const Vocabulary& vocabulary);
std::string fish_script(const Program& program, const Vocabulary& vocabulary);

} // namespace atshook::completion
