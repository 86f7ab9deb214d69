#pragma once
// For CLI tests of verify, sign and keygen: run the binary and check that nothing it prints
// holds any test secret, even in part; and a scratch folder for files with chosen modes.
#include "cli/run_process.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace test {

// The canonical vector's secret (spec section 5) and a second one for rotation.
inline const std::string k_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
inline const std::string k_other_secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
inline const std::string k_id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
inline const std::string k_body = R"({"test": 2432232314})";
inline const std::string k_signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

// The base64 part of every secret the tests use, including the one in samples/signed.
inline std::vector<std::string> secret_texts() {
    std::vector<std::string> texts = {k_secret.substr(6), k_other_secret.substr(6)};
    std::ifstream sample(source_path("samples/signed/secret.txt"));
    for (std::string line; std::getline(sample, line);)
        if (line.starts_with("whsec_"))
            texts.push_back(line.substr(6));
    return texts;
}

// True when `output` contains any 8-character piece of a secret's base64 text.
inline bool leaks_secret(const std::string &output) {
    for (const auto &secret : secret_texts())
        for (std::size_t i = 0; i + 8 <= secret.size(); ++i)
            if (output.find(secret.substr(i, 8)) != std::string::npos)
                return true;
    return false;
}

// run_ats, then CHECK that neither stdout nor stderr shows a secret.
inline Run run_guarded(const std::vector<std::string> &args, const RunOptions &options = {}) {
    Run run = run_ats(args, options);
    CHECK_MESSAGE(!leaks_secret(run.out), "stdout shows a secret: " << run.out);
    CHECK_MESSAGE(!leaks_secret(run.err), "stderr shows a secret: " << run.err);
    return run;
}

inline RunOptions with_secret_env(const std::string &value, std::string stdin_data = "") {
    RunOptions options;
    options.env["ATS_HOOK_SECRET"] = value;
    options.stdin_data = std::move(stdin_data);
    return options;
}

// A fresh folder below the system's temporary folder, removed with everything in it.
class ScratchDir {
public:
    ScratchDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "ats-hook-test-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        m_path = pattern;
    }
    ~ScratchDir() { std::filesystem::remove_all(m_path); }
    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;

    // Writes `content` byte for byte to `name` with permission bits `mode`; returns the path.
    std::string write(const std::string &name, const std::string &content,
                      mode_t mode = 0600) const {
        const auto path = m_path / name;
        std::ofstream(path, std::ios::binary) << content;
        chmod(path.c_str(), mode);
        return path.string();
    }
    std::string path(const std::string &name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

} // namespace test
