#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/input.hpp"
#include "atshook/limits.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/sign.hpp"
#include "atshook/signature/verify.hpp"
#include "atshook/view/event.hpp"
#include "cli/command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/emit_output.hpp"
#include "cli/exit_code.hpp"
#include "cli/progress.hpp"
#include "cli/raw_input.hpp"
#include "cli/secret_source.hpp"
#include "cli/send_events.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>

namespace cli {
namespace {

struct ReplayOptions {
    std::vector<std::string> inputs;
    std::string to;
    bool as_is = false;
    bool resign_unverified = false;
    SecretOptions secrets;
    SendOptions sending;
    std::size_t max_bytes = atshook::k_default_max_bytes;
    atshook::ProgressChoice progress = atshook::ProgressChoice::automatic;
};

// Every file to send, in order: files as given; a directory's *.http files in name order.
std::vector<std::string> request_files(const std::vector<std::string>& inputs) {
    std::vector<std::string> files;
    for (const auto& input : inputs) {
        std::error_code error;
        if (!std::filesystem::is_directory(input, error)) {
            files.push_back(input);
            continue;
        }
        std::vector<std::string> found;
        for (const auto& entry : std::filesystem::directory_iterator(input, error)) {
            const std::string name = entry.path().filename().string();
            if (entry.is_regular_file(error) && name.ends_with(".http") && !name.starts_with('.'))
                found.push_back(entry.path().string());
        }
        if (error)
            throw atshook::Error("cannot read the directory " + input + ": " + error.message());
        if (found.empty()) print_warning("directory " + input + " holds no .http request files");
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

// The headers a capture is replayed with under --as-is: all but those of the hop it came over.
std::vector<atshook::delivery::Header> as_is_headers(const atshook::HeaderFields& fields) {
    std::vector<atshook::delivery::Header> headers;
    for (const auto& field : fields)
        if (!atshook::is_hop_by_hop_header(field.name))
            headers.push_back({field.name, field.value});
    return headers;
}

std::string event_type(std::string_view body) {
    try {
        return std::string(atshook::view::read_event(body).type());
    } catch (const atshook::Error&) {
        return "";
    }
}

int run_replay(ReplayOptions& options) {
    const auto files = request_files(options.inputs);
    std::shared_ptr<LoadedSecrets> secrets;
    if (!options.as_is) {
        if (!secrets_given(options.secrets))
            throw atshook::Error("replay re-signs each request with a fresh timestamp: give "
                                 "--secret-file (or ATS_HOOK_SECRET, --secret), or --as-is to "
                                 "send the original headers",
                                 atshook::Error::Kind::usage);
        secrets = std::make_shared<LoadedSecrets>(load_secrets(options.secrets));
    }
    bool unreadable = false, refused = false;
    std::size_t index = 0;
    std::mutex reading; // the driver threads of send_events take the files in turn
    const NextEvent next = [&]() -> std::optional<EmittedEvent> {
        const std::lock_guard lock(reading);
        while (index < files.size()) {
            const std::string& file = files[index++];
            try {
                const std::string name = input_name(file);
                auto request = atshook::parse_http_request(
                    read_raw_input(file, options.max_bytes + atshook::limits::k_request_head_bytes,
                                   "--max-bytes plus 64 KiB for the request line and headers"),
                    name);
                const auto headers =
                    atshook::signature::find_delivery_headers(request.headers, name);
                // Re-signing with the real secret would launder a forged or unsigned capture
                // (listen keeps those too) into a delivery the handler must accept.
                if (!options.as_is && !options.resign_unverified &&
                    !atshook::signature::signature_matches_body(headers, request.body,
                                                                secrets->secrets)) {
                    print_error(name + ": not re-signed: its signature does not match the "
                                       "secret given (forged, unsigned, or signed with another "
                                       "key); --as-is sends it unchanged, --resign-unverified "
                                       "signs it anyway");
                    refused = true;
                    continue;
                }
                EmittedEvent event;
                event.type = event_type(request.body);
                if (headers.id && !headers.id->value.empty()) {
                    event.id = headers.id->value;
                } else {
                    const auto random = atshook::signature::random_bytes(27);
                    event.id = atshook::signature::message_id(random.bytes());
                    if (!options.as_is)
                        print_warning(name + " has no webhook-id; sending it as " + event.id);
                }
                if (options.as_is) event.as_is_headers = as_is_headers(request.headers);
                event.body = std::move(request.body);
                return event;
            } catch (const atshook::Error& e) {
                // One unreadable capture must not stop the others.
                print_error(e.what());
                unreadable = true;
            }
        }
        return std::nullopt;
    };
    options.sending.progress = options.progress;
    const int sent = send_events(next, files.size(), options.to, "--to", secrets, options.sending);
    if (unreadable) return std::max(sent, exit_code::bad_input);
    return refused ? std::max(sent, exit_code::failed) : sent;
}

} // namespace

void add_replay_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<ReplayOptions>();
    CLI::App* app = root.add_subcommand(
        "replay", "Send saved request files to a handler again, re-signed with a fresh timestamp");
    app->add_option("FILE|DIR", options->inputs,
                    "Request files (from listen --save, emit --format http, or by hand); a "
                    "directory sends its *.http files in name order")
        ->required()
        ->type_name("FILE|DIR");
    app->add_option("--to", options->to, "The handler's URL")->required()->type_name("URL");
    app->add_flag("--as-is", options->as_is,
                  "Send the original headers unchanged, old timestamp and signature included, to "
                  "reproduce a failure exactly (default: re-sign, keeping webhook-id and body)");
    app->add_flag("--resign-unverified", options->resign_unverified,
                  "Re-sign requests whose own signature does not match the secret (by default "
                  "they are refused: listen keeps forged deliveries too)")
        ->excludes("--as-is");
    add_secret_options(*app, options->secrets);
    add_send_options(*app, options->sending);
    add_max_bytes_option(*app, options->max_bytes);
    add_progress_options(*app, options->progress);
    app->footer("Exit codes: 0 every request got a 2xx; 1 some delivery failed or a request was\n"
                "not re-signed; 2 usage error;\n"
                "3 a request file or secret could not be read (the other files are still sent).");
    commands.push_back({app, [options] { return run_replay(*options); }});
}

} // namespace cli
