#include "atshook/delivery/request_text.hpp"
#include "atshook/error.hpp"
#include "atshook/input.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/sign.hpp"
#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/raw_input.hpp"
#include "cli/secret_source.hpp"
#include "cli/time_option.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

namespace cli {
namespace {

using namespace atshook::signature;

struct SignOptions {
    std::string body_file = "-";
    SecretOptions secrets;
    std::string id;
    std::string timestamp;
    std::string format = "headers";
    std::string url = "http://localhost:8080/webhooks/hirehive";
    std::size_t max_bytes = atshook::k_default_max_bytes;
};

void print_output(const SignOptions& options, const SignedHeaders& signed_headers,
                  const std::string& body) {
    const std::vector<atshook::delivery::Header> headers = {
        {"webhook-id", signed_headers.id},
        {"webhook-timestamp", signed_headers.timestamp},
        {"webhook-signature", signed_headers.signature}};
    std::vector<atshook::delivery::Header> request_headers = {{"Content-Type", "application/json"}};
    request_headers.insert(request_headers.end(), headers.begin(), headers.end());
    if (options.format == "json") {
        fmt::print("{}\n", atshook::delivery::delivery_json(headers, std::nullopt, 2));
    } else if (options.format == "http") {
        const std::string request =
            atshook::delivery::http_request_text(options.url, request_headers, body);
        std::fwrite(request.data(), 1, request.size(), stdout);
    } else if (options.format == "curl") {
        // A body read from stdin is gone once signed: the command carries the bytes itself.
        fmt::print("{}", options.body_file == "-"
                             ? atshook::delivery::curl_command(options.url, request_headers, body)
                             : atshook::delivery::curl_command_for_file(
                                   options.url, request_headers, options.body_file));
    } else {
        for (const auto& header : headers) fmt::print("{}: {}\n", header.name, header.value);
    }
}

int run_sign(SignOptions& options) {
    for (const auto& secret_file : options.secrets.files)
        require_stdin_once({{"the body", options.body_file}, {"--secret-file", secret_file}});
    const std::int64_t timestamp = unix_seconds_option(options.timestamp, "--timestamp");
    const std::string body = read_raw_input(options.body_file, options.max_bytes, "--max-bytes");
    LoadedSecrets loaded = load_secrets(options.secrets);
    if (options.id.find('.') != std::string::npos)
        throw atshook::Error("--id '" + options.id +
                                 "' contains '.', which would make the signed content ambiguous",
                             atshook::Error::Kind::usage);
    // A header value: spaces around it are trimmed by receivers, control characters break the
    // line, and bytes past ASCII are read differently by different servers.
    if (std::any_of(options.id.begin(), options.id.end(), [](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return byte <= ' ' || byte >= 0x7f;
        }))
        throw atshook::Error("--id must be printable ASCII, without spaces",
                             atshook::Error::Kind::usage);
    const std::string id = options.id.empty() ? message_id(random_bytes(27).bytes()) : options.id;
    const auto signed_headers = sign_delivery(loaded.secrets, SignedContent{id, timestamp, body});
    print_output(options, signed_headers, body);
    return exit_code::ok;
}

} // namespace

void add_sign_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<SignOptions>();
    CLI::App* app = root.add_subcommand(
        "sign", "Sign a raw body the Standard Webhooks way, for test deliveries");
    app->add_option("BODY_FILE", options->body_file, "The raw body to sign (default: stdin)")
        ->type_name("FILE|-");
    add_secret_options(*app, options->secrets);
    app->add_option("--id", options->id, "The webhook-id (default: a fresh msg_... id)")
        ->type_name("ID");
    app->add_option("--timestamp", options->timestamp,
                    "The webhook-timestamp: Unix seconds or RFC 3339 (default: now)")
        ->type_name("UNIX|RFC3339");
    app->add_option("--format", options->format,
                    "headers (default): 'Name: value' lines; json: {\"headers\": {...}}; http: a "
                    "request file for verify --request; curl: a curl command")
        ->check(CLI::IsMember({"headers", "json", "http", "curl"}))
        ->type_name("FORMAT");
    app->add_option("--url", options->url,
                    "Where the http and curl formats send the request (default "
                    "http://localhost:8080/webhooks/hirehive)")
        ->type_name("URL");
    add_max_bytes_option(*app, options->max_bytes);
    commands.push_back({app, [options] { return run_sign(*options); }});
}

} // namespace cli
