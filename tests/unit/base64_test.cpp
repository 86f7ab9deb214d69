#include "atshook/base64.hpp"

#include <doctest/doctest.h>

#include <string>

using atshook::base64_decode;
using atshook::base64_encode;
using Kind = atshook::Base64Problem::Kind;

namespace {
std::string decoded_text(std::string_view text) {
    const auto decoded = base64_decode(text);
    REQUIRE_FALSE(decoded.problem);
    return std::string(decoded.bytes.begin(), decoded.bytes.end());
}
} // namespace

TEST_CASE("base64 encodes the RFC 4648 test vectors with padding") {
    CHECK(base64_encode(std::string_view("")) == "");
    CHECK(base64_encode(std::string_view("f")) == "Zg==");
    CHECK(base64_encode(std::string_view("fo")) == "Zm8=");
    CHECK(base64_encode(std::string_view("foo")) == "Zm9v");
    CHECK(base64_encode(std::string_view("foobar")) == "Zm9vYmFy");
    CHECK(base64_encode(std::string_view("\xff\xfe", 2)) == "//4=");
}

TEST_CASE("base64 decodes with or without padding") {
    CHECK(decoded_text("Zm9vYg==") == "foob");
    CHECK(decoded_text("Zm9vYg") == "foob");
    CHECK(decoded_text("Zm9vYmE=") == "fooba");
    CHECK(decoded_text("Zm9vYmE") == "fooba");
    CHECK(decoded_text("") == "");
    CHECK(decoded_text("//4=") == "\xff\xfe");
}

TEST_CASE("base64 rejects characters outside the standard alphabet instead of skipping them") {
    CHECK(base64_decode("Zm9v YmFy").problem->kind == Kind::bad_character);
    CHECK(base64_decode("Zm9v YmFy").problem->position == 4);
    CHECK(base64_decode("Zm9v\nYmFy").problem->kind == Kind::bad_character);
    CHECK(base64_decode("Zm9v!mFy").problem->kind == Kind::bad_character);
    CHECK(base64_decode("__4=").problem->kind == Kind::url_safe_character);
    CHECK(base64_decode("-_4").problem->kind == Kind::url_safe_character);
}

TEST_CASE("base64 rejects misplaced or excess padding and impossible lengths") {
    CHECK(base64_decode("Zg=").problem->kind == Kind::bad_padding);
    CHECK(base64_decode("Zg===").problem->kind == Kind::bad_padding);
    CHECK(base64_decode("Zg=a").problem->kind == Kind::bad_padding);
    CHECK(base64_decode("====").problem->kind == Kind::bad_padding);
    CHECK(base64_decode("Zm9vY").problem->kind == Kind::bad_length);
    CHECK(base64_decode("Z").problem->kind == Kind::bad_length);
}

TEST_CASE("a base64 problem is described without quoting the text") {
    const auto problem = *base64_decode("c2VjcmV0!").problem;
    const std::string message = atshook::describe(problem);
    CHECK(message.find("character 9") != std::string::npos);
    CHECK(message.find('!') == std::string::npos);
    CHECK(message.find("c2Vj") == std::string::npos);
}
