#pragma once
// What shell completion knows of the command line: commands, options, their values. The CLI
// reads it from its own CLI11 definitions (cli/completion/model.hpp), so that the scripts
// offer what --help shows and cannot drift from it; the writers here know no CLI11.
#include <string>
#include <vector>

namespace atshook::completion {

// What the shell offers for a value, beside any fixed words.
enum class ValueKind {
    free,            // anything: a number, a URL; nothing to offer
    event_type,      // TYPE: one of the catalog's event types
    event_type_list, // TYPE,...: a comma-separated list of them
    file,            // FILE (also FILE|-, FILE|DIR): a path
    directory,       // DIR: a directory
    zone,            // ZONE: a tz database name
};

struct Value {
    ValueKind kind = ValueKind::free;
    std::vector<std::string> words; // fixed choices: a CLI::IsMember set, "all" in TYPE|all
    std::string label;              // the metavariable, "FORMAT" or "TEXT", for zsh's messages
};

struct Option {
    std::vector<std::string> names; // long names, then short ones: "--quiet", "-q"
    std::string help;
    bool takes_value = false; // false: a flag
    Value value;
    bool repeatable = false; // may be given more than once (a vector option)
};

struct Positional {
    std::string name;
    Value value;
    int count = 1; // how many words it takes; -1 for any number
};

struct Command {
    std::string name;
    std::string help;
    std::vector<Option> options;
    std::vector<Positional> positionals;
};

// The program: its own options (--help, --version) and its commands, one level deep as
// ats-hook has them. Hidden options and commands (CLI11's empty group) are left out.
struct Program {
    std::string name;
    std::vector<Option> options;
    std::vector<Command> commands;
};

} // namespace atshook::completion
