#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/input.hpp"
#include "atshook/limits.hpp"
#include "atshook/report/emitter.hpp"
#include "atshook/reserialization.hpp"
#include "atshook/signature/verify.hpp"
#include "cli/color_option.hpp"
#include "cli/command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"
#include "cli/format_option.hpp"
#include "cli/overlay_option.hpp"
#include "cli/raw_input.hpp"
#include "cli/secret_source.hpp"
#include "cli/time_option.hpp"

#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

namespace cli {
namespace {

using namespace atshook::signature;

// The exit code for a verdict (see exit_code.hpp).
int exit_code_for(Reason reason) {
    switch (reason) {
    case Reason::ok:
        return exit_code::ok;
    case Reason::missing_header:
        return exit_code::missing_header;
    case Reason::malformed:
        return exit_code::bad_input;
    case Reason::too_old:
    case Reason::too_new:
        return exit_code::out_of_window;
    case Reason::no_matching_signature:
        return exit_code::failed;
    }
    return exit_code::failed;
}

struct VerifyCommandOptions {
    std::string body_file = "-";
    std::string request_file;
    std::string headers_file;
    std::string id, timestamp, signature;
    SecretOptions secrets;
    std::int64_t tolerance = 300;
    std::string now;
    bool ignore_timestamp = false;
    bool validate = false;
    std::vector<std::string> overlays;
    std::string format = "text";
    bool quiet = false;
    std::string color = "auto";
    std::size_t max_bytes = atshook::k_default_max_bytes;
};

struct Delivery {
    DeliveryHeaders headers;
    std::string body;
    std::string body_source; // for validation messages
    bool from_flags = false;
};

Delivery read_delivery(const VerifyCommandOptions& options, const CLI::App& app) {
    Delivery delivery;
    if (!options.request_file.empty()) {
        const std::string name = input_name(options.request_file);
        auto request = atshook::parse_http_request(
            read_raw_input(options.request_file,
                           options.max_bytes + atshook::limits::k_request_head_bytes,
                           "--max-bytes plus 64 KiB for the request line and headers"),
            name);
        if (request.ignored_trailing_bytes > 0)
            print_warning(fmt::format("{}: {} byte(s) after the Content-Length body ignored", name,
                                      request.ignored_trailing_bytes));
        delivery.headers = find_delivery_headers(request.headers, name);
        delivery.body = std::move(request.body);
        delivery.body_source = name + " (body)";
        return delivery;
    }
    if (options.body_file == "-" && options.headers_file == "-")
        throw atshook::Error("--headers and the body cannot both come from stdin",
                             atshook::Error::Kind::usage);
    if (!options.headers_file.empty()) {
        const std::string name = input_name(options.headers_file);
        const auto fields = atshook::parse_header_lines(
            read_raw_input(options.headers_file, atshook::limits::k_request_head_bytes,
                           "the limit for a headers file"),
            name);
        delivery.headers = find_delivery_headers(fields, name);
    } else if (app.count("--id") + app.count("--timestamp") + app.count("--signature") > 0) {
        delivery.from_flags = true;
        if (app.count("--id")) delivery.headers.id = HeaderValue{options.id, "--id"};
        if (app.count("--timestamp"))
            delivery.headers.timestamp = HeaderValue{options.timestamp, "--timestamp"};
        if (app.count("--signature"))
            delivery.headers.signature = HeaderValue{options.signature, "--signature"};
    } else {
        throw atshook::Error("say where the delivery is: --request FILE, --headers FILE with the "
                             "body, or --id, --timestamp and --signature with the body",
                             atshook::Error::Kind::usage);
    }
    delivery.body = read_raw_input(options.body_file, options.max_bytes, "--max-bytes");
    delivery.body_source = input_name(options.body_file);
    return delivery;
}

int run_verify(VerifyCommandOptions& options, const CLI::App& app) {
    const bool body_used = options.request_file.empty();
    for (const auto& secret_file : options.secrets.files)
        require_stdin_once({{"--request", options.request_file},
                            {"--headers", options.headers_file},
                            {"the body", body_used ? options.body_file : std::string()},
                            {"--secret-file", secret_file}});
    const std::int64_t now = unix_seconds_option(options.now, "--now");
    atshook::ValidateOptions validate;
    if (options.validate) validate.overlays = load_overlays(options.overlays);
    const Delivery delivery = read_delivery(options, app);
    LoadedSecrets loaded = load_secrets(options.secrets);
    const auto result = atshook::verify_with_hints(
        delivery.headers, delivery.body, loaded.secrets,
        atshook::signature::VerifyOptions{now, options.tolerance, !options.ignore_timestamp});
    const atshook::report::VerifyContext context{loaded.origins, options.tolerance,
                                                 delivery.from_flags};
    // The body is validated only once its signature passed: an unsigned body proves nothing.
    std::optional<atshook::DocumentResult> validation;
    if (options.validate && result.ok())
        validation = atshook::Validator(validate).validate(delivery.body);
    if (!options.quiet) {
        std::optional<atshook::report::DocumentReport> body;
        if (validation)
            body = atshook::report::document_report(
                delivery.body_source, atshook::Document{delivery.body, 0, false}, *validation);
        std::string text;
        atshook::report::make_emitter(atshook::report::parse_format(options.format),
                                      stdout_color(options.color))
            ->verification(text, {result, delivery.headers, context, body ? &*body : nullptr});
        std::fwrite(text.data(), 1, text.size(), stdout);
    }
    if (validation && validation->status == atshook::DocumentResult::Status::unreadable)
        return exit_code::bad_input;
    if (validation && validation->status == atshook::DocumentResult::Status::invalid)
        return exit_code::failed;
    return exit_code_for(result.reason);
}

} // namespace

void add_verify_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<VerifyCommandOptions>();
    CLI::App* app = root.add_subcommand(
        "verify", "Check a delivery's Standard Webhooks signature over its exact body bytes");
    app->footer("Exit codes: 0 verified; 1 no matching signature (or, with --validate, an invalid "
                "body);\n2 usage error; 3 malformed header, timestamp, secret or request file, "
                "unreadable input\n(or, with --validate, a body that is not JSON); 4 timestamp "
                "outside the tolerance;\n5 missing header.");
    auto* body = app->add_option("BODY_FILE", options->body_file,
                                 "The raw body (default: stdin); not with --request")
                     ->type_name("FILE|-");
    auto* request = app->add_option("--request", options->request_file,
                                    "A captured HTTP request: request line, headers, blank "
                                    "line, body (CRLF or LF; Content-Length honoured)")
                        ->type_name("FILE");
    auto* headers = app->add_option("--headers", options->headers_file,
                                    "A file of 'Name: value' header lines; body from BODY_FILE "
                                    "or stdin")
                        ->type_name("FILE");
    auto* id = app->add_option("--id", options->id, "The webhook-id value")->type_name("ID");
    auto* timestamp = app->add_option("--timestamp", options->timestamp,
                                      "The webhook-timestamp value (Unix seconds)")
                          ->type_name("UNIX");
    auto* signature = app->add_option("--signature", options->signature,
                                      "The webhook-signature value, e.g. 'v1,<base64>'")
                          ->type_name("SIG");
    request->excludes(body)->excludes(headers)->excludes(id)->excludes(timestamp)->excludes(
        signature);
    headers->excludes(id)->excludes(timestamp)->excludes(signature);
    add_secret_options(*app, options->secrets);
    auto* tolerance =
        app->add_option("--tolerance", options->tolerance,
                        "Accept timestamps this many seconds before or after now (default 300)")
            ->check(CLI::NonNegativeNumber)
            ->type_name("SECONDS");
    auto* now = app->add_option("--now", options->now,
                                "Verify as of this moment instead of the clock, to check a "
                                "captured delivery: Unix seconds or RFC 3339")
                    ->type_name("UNIX|RFC3339");
    app->add_flag("--ignore-timestamp", options->ignore_timestamp,
                  "Skip the time check (reported as skipped)")
        ->excludes(tolerance)
        ->excludes(now);
    auto* validate =
        app->add_flag("--validate", options->validate,
                      "After the signature passes, also validate the body against the schema of "
                      "its event type (exit 1 if invalid, 3 if not JSON)");
    add_overlay_option(*app, options->overlays)->needs(validate);
    app->add_option("--format", options->format, "Output: text (default) or json")
        ->check(format_check(atshook::report::Subject::verification))
        ->type_name("text|json");
    app->add_flag("-q,--quiet", options->quiet,
                  "Print nothing, not even warnings or errors: the exit code says it all");
    add_color_option(*app, options->color);
    add_max_bytes_option(*app, options->max_bytes);
    commands.push_back({app, [options, app] {
                            if (!options->quiet) return run_verify(*options, *app);
                            // --quiet: the exit code only, errors included.
                            options->secrets.quiet = true;
                            try {
                                return run_verify(*options, *app);
                            } catch (const atshook::Error& e) {
                                return exit_code::for_error(e.kind());
                            }
                        }});
}

} // namespace cli
