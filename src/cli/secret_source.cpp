#include "cli/secret_source.hpp"
#include "atshook/white_space.hpp"
#include "cli/diagnostics.hpp"

#include "atshook/error.hpp"
#include "atshook/limits.hpp"
#include "cli/raw_input.hpp"

#include <fmt/core.h>
#include <openssl/crypto.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

namespace cli {
namespace {

using atshook::signature::parse_secret;

constexpr const char* k_environment_variable = "ATS_HOOK_SECRET";

// Set by load_secrets from --quiet for the one load a command makes.
bool g_quiet = false;

void warn(const std::string& message) {
    if (!g_quiet) print_warning(message);
}

// Wipes a string that held secret text (SSO or heap: data() covers both).
void wipe(std::string& text) {
    if (!text.empty()) OPENSSL_cleanse(text.data(), text.size());
    text.clear();
}

void add(LoadedSecrets& loaded, std::string_view text, std::string origin) {
    loaded.secrets.push_back(parse_secret(text, origin));
    if (loaded.secrets.back().is_short())
        warn(origin + ": the key is only " + std::to_string(loaded.secrets.back().key().size()) +
             " bytes; Standard Webhooks secrets are 24 to 64 random bytes");
    loaded.origins.push_back(std::move(origin));
}

void warn_if_others_can_read(const std::string& path) {
    struct stat info {};
    if (path == "-" || stat(path.c_str(), &info) != 0) return;
    if ((info.st_mode & (S_IRGRP | S_IROTH)) != 0)
        warn(fmt::format("secret file {} can be read by group or others (mode {:04o}); "
                         "run: chmod 600 {}",
                         path, info.st_mode & 07777, path));
}

void load_file(LoadedSecrets& loaded, const std::string& path) {
    warn_if_others_can_read(path);
    std::string content =
        read_raw_input(path, atshook::limits::k_secret_file_bytes, "the limit for a secret file");
    const std::size_t before = loaded.secrets.size();
    try {
        std::string_view rest = content;
        for (std::size_t line = 1; !rest.empty(); ++line) {
            const auto end = std::min(rest.find('\n'), rest.size());
            const std::string_view text = atshook::trim_white_space(rest.substr(0, end));
            rest.remove_prefix(std::min(end + 1, rest.size()));
            if (text.empty() || text.front() == '#') continue;
            add(loaded, text, "secret file " + input_name(path) + " line " + std::to_string(line));
        }
    } catch (const atshook::Error&) {
        wipe(content);
        throw;
    }
    wipe(content);
    if (loaded.secrets.size() == before)
        throw atshook::Error("secret file " + input_name(path) +
                             " holds no secret (expected one whsec_... per line)");
}

void load_environment(LoadedSecrets& loaded) {
    const char* value = std::getenv(k_environment_variable);
    if (value == nullptr) return;
    std::string_view rest = value;
    std::size_t index = 0;
    while (!(rest = atshook::trim_white_space(rest)).empty()) {
        const auto end = std::min(rest.find_first_of(" \t\r\n"), rest.size());
        ++index;
        add(loaded, rest.substr(0, end),
            std::string(k_environment_variable) +
                (index > 1 || end < rest.size() ? " secret " + std::to_string(index) : ""));
        rest.remove_prefix(end);
    }
    if (index == 0) throw atshook::Error(std::string(k_environment_variable) + " is set but empty");
}

} // namespace

void add_secret_options(CLI::App& command, SecretOptions& options) {
    command
        .add_option("--secret-file", options.files,
                    "File holding the secret (whsec_..., whsk_... or whpk_...); one per line "
                    "for rotation, # starts a comment. Repeatable.")
        ->type_name("FILE")
        ->allow_extra_args(false); // one value per flag: `--secret-file s body.json` works
    command
        .add_option("--secret", options.literals,
                    "The secret itself. Visible to other local users in the process list: "
                    "prefer --secret-file or ATS_HOOK_SECRET. Repeatable.")
        ->type_name("SECRET")
        ->allow_extra_args(false);
}

bool secrets_given(const SecretOptions& options) {
    const char* env = std::getenv(k_environment_variable);
    return !options.files.empty() || !options.literals.empty() || (env && *env);
}

void forbid_core_dumps() {
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

LoadedSecrets load_secrets(SecretOptions& options) {
    forbid_core_dumps();
    g_quiet = options.quiet;
    LoadedSecrets loaded;
    for (const auto& path : options.files) load_file(loaded, path);
    if (!options.literals.empty())
        warn("--secret makes the secret visible to other local users (ps, /proc) and keeps it "
             "in shell history; prefer --secret-file FILE or ATS_HOOK_SECRET");
    try {
        for (std::size_t i = 0; i < options.literals.size(); ++i)
            add(loaded, options.literals[i],
                "--secret" + (options.literals.size() > 1 ? " " + std::to_string(i + 1) : ""));
    } catch (const atshook::Error&) {
        for (auto& literal : options.literals) wipe(literal);
        throw;
    }
    for (auto& literal : options.literals) wipe(literal);
    if (options.files.empty() && options.literals.empty()) load_environment(loaded);
    if (loaded.secrets.empty())
        throw atshook::Error("no secret given: use --secret-file FILE, set ATS_HOOK_SECRET, or "
                             "pass --secret SECRET",
                             atshook::Error::Kind::usage);
    return loaded;
}

} // namespace cli
