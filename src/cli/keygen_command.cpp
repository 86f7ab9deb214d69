#include "atshook/error.hpp"
#include "atshook/signature/secret.hpp"
#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/secret_source.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace cli {
namespace {

using namespace atshook::signature;

struct KeygenOptions {
    std::size_t bytes = 32;
    bool ed25519 = false;
    std::string output;
};

// Writes `text` to a new file that only its owner can read. Refuses to replace an existing
// file: overwriting a key in use would lock the user out of their own webhooks.
void write_private_file(const std::string& path, const std::string& text) {
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw atshook::Error(errno == EEXIST
                                 ? path + " already exists; keygen does not overwrite a key"
                                 : "cannot create " + path + ": " + std::strerror(errno));
    std::size_t written = 0;
    bool ok = fchmod(fd, 0600) == 0;
    while (ok && written < text.size()) {
        const ssize_t n = write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) written += static_cast<std::size_t>(n);
    }
    const int error = errno;
    if (close(fd) != 0 || !ok) {
        unlink(path.c_str());
        throw atshook::Error("cannot write " + path + ": " + std::strerror(error));
    }
}

// Writes the key text to stdout with write(2), so that no copy of it stays in stdio's buffer.
void write_to_stdout(std::string_view text) {
    std::fflush(stdout);
    while (!text.empty()) {
        const ssize_t n = write(STDOUT_FILENO, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw atshook::Error(std::string("cannot write to stdout: ") + std::strerror(errno));
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

int run_keygen(const KeygenOptions& options) {
    forbid_core_dumps();
    std::string private_text;
    std::string public_text;
    if (options.ed25519) {
        const auto seed = random_bytes(32);
        const auto key = make_ed25519_secret(seed.bytes());
        private_text = format_ed25519_private(key);
        public_text = format_ed25519_public(key) + "\n";
    } else {
        const auto bytes = random_bytes(options.bytes);
        private_text = format_hmac_secret(make_hmac_secret(bytes.bytes()));
    }
    private_text += '\n'; // the text was made with room for it: no reallocated copy is left
    try {
        if (options.output.empty())
            write_to_stdout(private_text);
        else
            write_private_file(options.output, private_text);
    } catch (const atshook::Error&) {
        OPENSSL_cleanse(private_text.data(), private_text.size());
        throw;
    }
    OPENSSL_cleanse(private_text.data(), private_text.size());
    // The public half is not secret: it goes to stdout for the sender's configuration.
    fmt::print("{}", public_text);
    return exit_code::ok;
}

} // namespace

void add_keygen_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<KeygenOptions>();
    CLI::App* app = root.add_subcommand(
        "keygen", "Make a new random whsec_ secret, or an Ed25519 whsk_/whpk_ key pair");
    auto* bytes = app->add_option("--bytes", options->bytes,
                                  "Random bytes in the whsec_ secret: 24 to 64 (default 32)")
                      ->check(CLI::Range(Secret::k_min_bytes, Secret::k_max_bytes))
                      ->type_name("N");
    app->add_flag("--ed25519", options->ed25519,
                  "Make an Ed25519 key pair: whsk_ (private) then whpk_ (public)")
        ->excludes(bytes);
    app->add_option("-o,--output", options->output,
                    "Write the secret (or whsk_ private key) to FILE, created with mode 0600; it "
                    "must not exist. The whpk_ public key still goes to stdout.")
        ->type_name("FILE");
    commands.push_back({app, [options] { return run_keygen(*options); }});
}

} // namespace cli
