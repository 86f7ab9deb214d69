#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/input.hpp"
#include "atshook/limits.hpp"
#include "atshook/report/report_stream.hpp"
#include "atshook/reserialization.hpp"
#include "atshook/signature/verify.hpp"
#include "cli/color_option.hpp"
#include "cli/command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"
#include "cli/format_option.hpp"
#include "cli/input_paths.hpp"
#include "cli/overlay_option.hpp"
#include "cli/raw_input.hpp"
#include "cli/report_output.hpp"
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
    std::vector<std::string> files; // the body, or with --request more request files
    std::vector<std::string> request_files;
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
    std::string source;           // the request or body file, as reports name it
    std::size_t body_line = 0;    // the line of `source` the body starts on (0: it is the file)
    bool from_flags = false;
};

Delivery read_request(const std::string& path, const VerifyCommandOptions& options) {
    Delivery delivery;
    delivery.source = input_name(path);
    const std::string bytes =
        read_raw_input(path, options.max_bytes + atshook::limits::k_request_head_bytes,
                       "--max-bytes plus 64 KiB for the request line and headers");
    auto request = atshook::parse_http_request(bytes, delivery.source);
    if (request.ignored_trailing_bytes > 0)
        print_warning(fmt::format("{}: {} byte(s) after the Content-Length body ignored",
                                  delivery.source, request.ignored_trailing_bytes));
    delivery.headers = find_delivery_headers(request.headers, delivery.source);
    delivery.body_line = request.body_line;
    delivery.body = std::move(request.body);
    return delivery;
}

Delivery read_delivery(const VerifyCommandOptions& options, const CLI::App& app) {
    Delivery delivery;
    const std::string body_file = options.files.empty() ? "-" : options.files.front();
    if (body_file == "-" && options.headers_file == "-")
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
    delivery.body = read_raw_input(body_file, options.max_bytes, "--max-bytes");
    delivery.source = input_name(body_file);
    delivery.body_line = 1;
    return delivery;
}

// The request files --request names: each file as given, each directory's .http files below it.
std::vector<std::string> request_paths(const VerifyCommandOptions& options) {
    std::vector<std::string> named; // a bare --request leaves an empty value behind
    for (const auto& list : {options.request_files, options.files})
        for (const auto& path : list)
            if (!path.empty()) named.push_back(path);
    if (named.empty())
        throw atshook::Error("--request needs a request file or a directory of them",
                             atshook::Error::Kind::usage);
    return files_named(named, {".http"});
}

// What verifying one delivery came to: its exit code and its line in the report.
struct Outcome {
    int exit_code = exit_code::ok;
    atshook::report::Tally tally;
};

Outcome verify_one(const Delivery& delivery, const VerifyCommandOptions& options,
                   const LoadedSecrets& loaded, const atshook::ValidateOptions& validate,
                   std::int64_t now, const atshook::report::Emitter* emitter, bool several,
                   std::string& text) {
    const auto result = atshook::verify_with_hints(
        delivery.headers, delivery.body, loaded.secrets,
        atshook::signature::VerifyOptions{now, options.tolerance, !options.ignore_timestamp});
    const atshook::report::VerifyContext context{loaded.origins, options.tolerance,
                                                 delivery.from_flags};
    // The body is validated only once its signature passed: an unsigned body proves nothing.
    std::optional<atshook::DocumentResult> validation;
    if (options.validate && result.ok())
        validation = atshook::Validator(validate).validate(delivery.body);
    if (emitter) {
        std::optional<atshook::report::DocumentReport> body;
        if (validation) {
            body = atshook::report::document_report(
                delivery.source, atshook::Document{delivery.body, 0, false}, *validation);
            for (auto& diagnostic : body->diagnostics) // at their lines in the request file
                diagnostic.where.line = delivery.body_line;
        }
        emitter->verification(text, {result, delivery.headers, context, body ? &*body : nullptr,
                                     delivery.source, several});
    }
    Outcome outcome;
    outcome.tally.documents = 1;
    outcome.exit_code = exit_code_for(result.reason);
    if (validation && validation->status == atshook::DocumentResult::Status::unreadable)
        outcome.exit_code = exit_code::bad_input;
    if (validation && validation->status == atshook::DocumentResult::Status::invalid)
        outcome.exit_code = exit_code::failed;
    if (outcome.exit_code == exit_code::ok)
        ++outcome.tally.valid;
    else if (outcome.exit_code == exit_code::bad_input)
        ++outcome.tally.unreadable;
    else
        ++outcome.tally.invalid;
    return outcome;
}

int run_verify(VerifyCommandOptions& options, const CLI::App& app) {
    const bool requests = app.count("--request") > 0;
    if (!requests && options.files.size() > 1)
        throw atshook::Error("verify takes one BODY_FILE; to verify several deliveries, give "
                             "their request files to --request",
                             atshook::Error::Kind::usage);
    const std::string body_file = options.files.empty() ? "-" : options.files.front();
    std::vector<std::pair<std::string, std::string>> readers{
        {"--headers", options.headers_file}, {"the body", requests ? std::string() : body_file}};
    if (requests)
        for (const auto& file : options.files)
            readers.emplace_back("--request", file);
    for (const auto& request : options.request_files)
        if (!request.empty()) readers.emplace_back("--request", request);
    for (const auto& secret_file : options.secrets.files)
        readers.emplace_back("--secret-file", secret_file);
    require_stdin_once(readers);
    const std::int64_t now = unix_seconds_option(options.now, "--now");
    atshook::ValidateOptions validate;
    if (options.validate) validate.overlays = load_overlays(options.overlays);
    const auto emitter =
        options.quiet ? nullptr : make_command_emitter(options.format, options.color, "verify");
    const auto write = [](std::string_view text) {
        std::fwrite(text.data(), 1, text.size(), stdout);
    };
    std::optional<atshook::report::ReportStream> stream;
    if (emitter) stream.emplace(*emitter, write);

    if (!requests) {
        const Delivery delivery = read_delivery(options, app);
        const LoadedSecrets loaded = load_secrets(options.secrets);
        std::string text;
        const Outcome outcome =
            verify_one(delivery, options, loaded, validate, now, emitter.get(), false, text);
        if (stream) {
            stream->records(text, outcome.tally);
            stream->end_input(delivery.source);
            stream->finish(outcome.tally, true);
            write_job_summary(*emitter, outcome.tally);
        }
        return outcome.exit_code;
    }

    const std::vector<std::string> paths = request_paths(options);
    const bool several = paths.size() > 1;
    const LoadedSecrets loaded = load_secrets(options.secrets);
    atshook::report::Tally total;
    int exit = exit_code::ok;
    for (const auto& path : paths) {
        std::string text;
        Outcome outcome;
        if (!several) { // one request: a file that cannot be read is the command's error
            outcome = verify_one(read_request(path, options), options, loaded, validate, now,
                                 emitter.get(), false, text);
        } else {
            try {
                outcome = verify_one(read_request(path, options), options, loaded, validate, now,
                                     emitter.get(), true, text);
            } catch (const atshook::Error& e) {
                std::fflush(stdout);
                if (!options.quiet) print_error(e.what());
                if (emitter) emitter->unopenable(text, input_name(path), e.what());
                outcome.exit_code = exit_code::for_error(e.kind());
                outcome.tally.documents = outcome.tally.unreadable = outcome.tally.errors = 1;
            }
        }
        if (exit == exit_code::ok) exit = outcome.exit_code; // the first failure decides
        total.add(outcome.tally);
        if (stream) {
            stream->records(text, outcome.tally);
            stream->end_input(input_name(path));
        }
    }
    if (stream) {
        stream->finish(total, true);
        write_job_summary(*emitter, total);
    }
    return exit;
}

} // namespace

void add_verify_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<VerifyCommandOptions>();
    CLI::App* app = root.add_subcommand(
        "verify", "Check a delivery's Standard Webhooks signature over its exact body bytes");
    app->footer("Exit codes: 0 verified; 1 no matching signature (or, with --validate, an invalid "
                "body);\n2 usage error; 3 malformed header, timestamp, secret or request file, "
                "unreadable input\n(or, with --validate, a body that is not JSON); 4 timestamp "
                "outside the tolerance;\n5 missing header. With several requests: 0 if all "
                "passed, else the code of the\nfirst that did not.");
    app->add_option("FILE", options->files,
                    "The raw body (default: stdin); with --request, more request files or "
                    "directories")
        ->type_name("FILE|-");
    auto* request = app->add_option("--request", options->request_files,
                                    "Captured HTTP requests (request line, headers, blank line, "
                                    "body; CRLF or LF; Content-Length honoured), or directories "
                                    "of .http files; FILE arguments count as requests too")
                        ->expected(0, CLI::detail::expected_max_vector_size)
                        ->type_name("FILE|DIR");
    auto* headers = app->add_option("--headers", options->headers_file,
                                    "A file of 'Name: value' header lines; body from FILE "
                                    "or stdin")
                        ->type_name("FILE");
    auto* id = app->add_option("--id", options->id, "The webhook-id value")->type_name("ID");
    auto* timestamp = app->add_option("--timestamp", options->timestamp,
                                      "The webhook-timestamp value (Unix seconds)")
                          ->type_name("UNIX");
    auto* signature = app->add_option("--signature", options->signature,
                                      "The webhook-signature value, e.g. 'v1,<base64>'")
                          ->type_name("SIG");
    request->excludes(headers)->excludes(id)->excludes(timestamp)->excludes(signature);
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
    app->add_option("--format", options->format,
                    "Output: text (default), json, github (workflow annotations), gitlab (Code "
                    "Quality), junit or sarif")
        ->check(format_check(atshook::report::Subject::verification))
        ->type_name("FORMAT");
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
