#include "atshook/schema/embedded.hpp"
#include "atshook/schema/store.hpp"

#include <fmt/core.h>
#include <openssl/evp.h>

#include <algorithm>
#include <vector>

namespace atshook::schema {

std::string schema_version() {
    std::vector<EmbeddedFile> files(embedded_files().begin(), embedded_files().end());
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
    for (const auto& file : files) {
        EVP_DigestUpdate(context, file.name.data(), file.name.size());
        EVP_DigestUpdate(context, "\0", 1);
        EVP_DigestUpdate(context, file.text.data(), file.text.size());
    }
    unsigned char digest[32];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context, digest, &length);
    EVP_MD_CTX_free(context);
    std::string out = "sha256:";
    for (unsigned i = 0; i < 8; ++i) out += fmt::format("{:02x}", digest[i]);
    return out;
}

} // namespace atshook::schema
