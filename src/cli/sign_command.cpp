#include "atshook/delivery/request_text.hpp"
#include "atshook/error.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/sign.hpp"
#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/raw_input.hpp"
#include "cli/secret_source.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

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
};

std::int64_t signing_time(const SignOptions& options) {
    if (options.timestamp.empty())
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    const auto parsed = parse_moment(options.timestamp);
    if (!parsed.ok())
        throw atshook::Error("--timestamp '" + options.timestamp + "' " + parsed.problem,
                             atshook::Error::Kind::usage);
    return parsed.seconds;
}

void print_output(const SignOptions& options, const SignedHeaders& signed_headers,
                  const std::string& body) {
    const std::vector<atshook::delivery::Header> headers = {
        {"webhook-id", signed_headers.id},
        {"webhook-timestamp", signed_headers.timestamp},
        {"webhook-signature", signed_headers.signature}};
    std::vector<atshook::delivery::Header> request_headers = {{"Content-Type", "application/json"}};
    request_headers.insert(request_headers.end(), headers.begin(), headers.end());
    if (options.format == "json") {
        nlohmann::ordered_json json;
        for (const auto& header : headers) json["headers"][header.name] = header.value;
        fmt::print("{}\n", json.dump(2));
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
    const std::int64_t timestamp = signing_time(options);
    const std::string body = read_raw_input(options.body_file);
    LoadedSecrets loaded = load_secrets(options.secrets);
    if (options.id.find('.') != std::string::npos)
        throw atshook::Error("--id '" + options.id +
                                 "' contains '.', which would make the signed content ambiguous",
                             atshook::Error::Kind::usage);
    // Spaces around it are trimmed by receivers and control characters break the header line.
    if (std::any_of(options.id.begin(), options.id.end(),
                    [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; }))
        throw atshook::Error("--id must not contain spaces or control characters",
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
    commands.push_back({app, [options] { return run_sign(*options); }});
}

} // namespace cli
