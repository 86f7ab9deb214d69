#pragma once
// The completion model read from the CLI11 definitions themselves.
#include "atshook/completion/program.hpp"

#include <CLI/CLI.hpp>

namespace cli::completion {

// Reads the program from the CLI11 tree `root` once every command is added. A value's kind
// comes from the metavariable --help shows for it (TYPE, TYPE,..., FILE, DIR, ZONE; lowercase
// words such as "all" in TYPE|all are literal values), its words also from CLI::IsMember checks.
atshook::completion::Program read_program(const CLI::App& root);

} // namespace cli::completion
