#pragma once
#include "atshook/signature/secret.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace cli {

// Where the secrets come from, as given on the command line.
struct SecretOptions {
    std::vector<std::string> files;    // --secret-file, repeatable, one secret per line
    std::vector<std::string> literals; // --secret, repeatable (visible to other local users)
    bool quiet = false;                // --quiet: no warnings either
};

// Registers --secret-file and --secret on `command`, with help that names ATS_HOOK_SECRET.
void add_secret_options(CLI::App& command, SecretOptions& options);

struct LoadedSecrets {
    std::vector<atshook::signature::Secret> secrets;
    std::vector<std::string> origins; // for messages: "keys.txt line 2", "ATS_HOOK_SECRET", ...
};

// Whether any secret was given: --secret-file, --secret, or a non-empty ATS_HOOK_SECRET.
bool secrets_given(const SecretOptions& options);

// Loads the secrets in order: every --secret-file, then every --secret; only when neither is
// given, the environment variable ATS_HOOK_SECRET (one or more secrets separated by white
// space). Warns on stderr, once each: --secret is visible in the process list; a secret file is
// readable by group or others; a key is shorter than 24 bytes. Throws atshook::Error (usage)
// when no secret is given at all, (input) when one cannot be read or parsed. Wipes the
// --secret texts it was given.
// Calls forbid_core_dumps() first.
LoadedSecrets load_secrets(SecretOptions& options);

// Makes this process leave no core dump (RLIMIT_CORE 0) and not be dumpable or traceable by
// other processes of the user (PR_SET_DUMPABLE 0), for the commands that hold a secret: a crash
// after this point cannot write the key to disk.
void forbid_core_dumps();

} // namespace cli
