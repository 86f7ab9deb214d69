#include "atshook/error.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/sign.hpp"
#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/raw_input.hpp"
#include "cli/secret_source.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

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

// Single quotes for a POSIX shell: nothing inside is expanded.
std::string shell_quote(std::string_view text) {
    std::string quoted = "'";
    for (const char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

struct UrlParts {
    std::string host;
    std::string target;
};

UrlParts split_url(const std::string &url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos || url.size() == scheme_end + 3)
        throw atshook::Error("--url '" + url +
                                 "' is not an absolute URL like "
                                 "http://localhost:8080/webhooks",
                             atshook::Error::Kind::usage);
    const auto path_start = url.find_first_of("/?", scheme_end + 3);
    UrlParts parts;
    parts.host = url.substr(scheme_end + 3, path_start - (scheme_end + 3));
    parts.target = path_start == std::string::npos ? "/" : url.substr(path_start);
    if (parts.target.front() == '?')
        parts.target.insert(0, "/");
    return parts;
}

std::int64_t signing_time(const SignOptions &options) {
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

void print_output(const SignOptions &options, const SignedHeaders &signed_headers,
                  const std::string &body) {
    const std::pair<std::string_view, const std::string &> headers[] = {
        {"webhook-id", signed_headers.id},
        {"webhook-timestamp", signed_headers.timestamp},
        {"webhook-signature", signed_headers.signature}};
    if (options.format == "json") {
        nlohmann::ordered_json json;
        for (const auto &[name, value] : headers)
            json["headers"][std::string(name)] = value;
        fmt::print("{}\n", json.dump(2));
    } else if (options.format == "http") {
        const auto url = split_url(options.url);
        fmt::print("POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n"
                   "Content-Length: {}\r\n",
                   url.target, url.host, body.size());
        for (const auto &[name, value] : headers)
            fmt::print("{}: {}\r\n", name, value);
        fmt::print("\r\n");
        std::fwrite(body.data(), 1, body.size(), stdout);
    } else if (options.format == "curl") {
        split_url(options.url);
        fmt::print("curl --request POST {} \\\n  --header 'content-type: application/json' \\\n",
                   shell_quote(options.url));
        for (const auto &[name, value] : headers)
            fmt::print("  --header {} \\\n", shell_quote(fmt::format("{}: {}", name, value)));
        fmt::print("  --data-binary {}\n", options.body_file == "-"
                                               ? std::string("@-")
                                               : shell_quote("@" + options.body_file));
    } else {
        for (const auto &[name, value] : headers)
            fmt::print("{}: {}\n", name, value);
    }
}

int run_sign(SignOptions &options) {
    const std::int64_t timestamp = signing_time(options);
    const std::string body = read_raw_input(options.body_file);
    LoadedSecrets loaded = load_secrets(options.secrets);
    if (options.id.find('.') != std::string::npos)
        throw atshook::Error("--id '" + options.id +
                                 "' contains '.', which would make the signed content ambiguous",
                             atshook::Error::Kind::usage);
    const std::string id = options.id.empty() ? message_id(random_bytes(27).bytes()) : options.id;
    const auto signed_headers = sign_delivery(loaded.secrets, SignedContent{id, timestamp, body});
    print_output(options, signed_headers, body);
    return exit_code::ok;
}

} // namespace

void add_sign_command(CLI::App &root, Commands &commands) {
    auto options = std::make_shared<SignOptions>();
    CLI::App *app = root.add_subcommand(
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
