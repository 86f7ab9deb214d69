#include "atshook/error.hpp"
#include "atshook/input.hpp"
#include "atshook/report.hpp"
#include "atshook/sample/override.hpp"
#include "atshook/sample/random.hpp"
#include "atshook/sample/sample.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/sign.hpp"
#include "atshook/timestamp.hpp"
#include "atshook/validation.hpp"
#include "cli/command.hpp"
#include "cli/emit_output.hpp"
#include "cli/exit_code.hpp"
#include "cli/secret_source.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <random>

namespace cli {
namespace {

using Json = nlohmann::ordered_json;
namespace sample = atshook::sample;

struct EmitOptions {
    std::vector<std::string> types;
    std::optional<std::uint64_t> seed;
    std::uint64_t count = 1;
    std::string at;
    std::string envelope = "data-object";
    std::vector<std::string> sets;
    std::vector<std::string> unsets;
    std::string from;
    bool allow_invalid = false;
    std::string format = "json";
    std::string url = "http://localhost:8080/webhooks/hirehive";
    bool sign = false;
    SecretOptions secrets;
    std::string timestamp;
    std::string send;
    int retries = 0;
    double retry_scale = 1.0;
    double timeout = 15.0;
};

// --from FILE: one payload, or NDJSON. A payload's own string `id` becomes the webhook-id.
std::vector<sample::Event> load_events(const std::string& path, std::uint64_t seed) {
    atshook::InputReader reader(path);
    sample::Random random(seed);
    std::vector<sample::Event> events;
    atshook::Chunk chunk;
    while (reader.next(chunk)) {
        for (const auto& document : chunk.documents) {
            const std::string where = document.line
                                          ? fmt::format("{}:{}", reader.source(), document.line)
                                          : reader.source();
            Json payload = Json::parse(document.bytes, nullptr, false);
            if (payload.is_discarded() || !payload.is_object())
                throw atshook::Error(where +
                                     ": not a JSON object; --from takes a payload or NDJSON");
            std::string id;
            if (const auto found = payload.find("id"); found != payload.end() && found->is_string())
                id = found->get<std::string>();
            if (id.empty() || id.find('.') != std::string::npos)
                id = "msg_" + random.alphanumeric(24);
            events.push_back({std::move(id), std::move(payload)});
        }
    }
    if (events.empty()) throw atshook::Error(reader.source() + ": no payload in it");
    return events;
}

std::vector<sample::Event> build_events(const EmitOptions& options, std::uint64_t seed) {
    if (!options.from.empty()) {
        if (!options.types.empty())
            throw atshook::Error("give event types or --from FILE, not both",
                                 atshook::Error::Kind::usage);
        if (options.count != 1 || !options.at.empty() || options.envelope != "data-object")
            throw atshook::Error("--count, --at and --envelope shape generated events; with "
                                 "--from, change the payload with --set instead",
                                 atshook::Error::Kind::usage);
        return load_events(options.from, seed);
    }
    if (options.types.empty())
        throw atshook::Error("name at least one event type (or all), or give --from FILE",
                             atshook::Error::Kind::usage);
    const auto types = sample::expand_types(options.types);
    const auto now =
        options.at.empty()
            ? std::chrono::time_point_cast<atshook::Ticks>(std::chrono::system_clock::now())
            : atshook::parse_instant(options.at, "--at");
    sample::Generator generator(
        {seed, now,
         options.envelope == "flat" ? sample::Envelope::flat : sample::Envelope::data_object});
    std::vector<sample::Event> events;
    for (std::uint64_t index = 0; index < options.count; ++index)
        for (const auto& type : types) events.push_back(generator.build(type, index));
    return events;
}

// Generated events promise --strict validity; a --from payload is held to the default rules.
// Returns false when some event is invalid and --allow-invalid was not given.
bool check_events(const std::vector<EmittedEvent>& events, const EmitOptions& options) {
    atshook::ValidateOptions validate;
    validate.strictness =
        options.from.empty() ? atshook::Strictness::strict : atshook::Strictness::lenient;
    atshook::Validator validator(validate);
    std::size_t invalid = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto result = validator.validate(events[i].body);
        const std::string type = events[i].type.empty() ? "event" : events[i].type;
        const std::string source = events.size() == 1 ? type : fmt::format("{} #{}", type, i + 1);
        std::string report;
        atshook::append_text_report(report, {source, 0}, {events[i].body, 0, false}, result);
        if (result.ok())
            report.erase(report.rfind(source + ": valid"));
        else
            ++invalid;
        fmt::print(stderr, "{}", report);
    }
    if (invalid == 0) return true;
    if (options.allow_invalid) {
        fmt::print(stderr,
                   "ats-hook: warning: {} invalid event{} written as --allow-invalid asks\n",
                   invalid, invalid == 1 ? "" : "s");
        return true;
    }
    fmt::print(stderr,
               "ats-hook: error: {} of {} event{} invalid, so nothing was written; add "
               "--allow-invalid to emit {} anyway\n",
               invalid, events.size(), events.size() == 1 ? " is" : "s are",
               invalid == 1 ? "it" : "them");
    return false;
}

atshook::delivery::Signer make_signer(std::shared_ptr<LoadedSecrets> loaded) {
    return [loaded](std::string_view id, std::int64_t timestamp, std::string_view body) {
        return atshook::signature::sign_delivery(loaded->secrets, {id, timestamp, body}).signature;
    };
}

std::int64_t signing_time(const std::string& text) {
    if (text.empty())
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    const auto parsed = atshook::signature::parse_moment(text);
    if (!parsed.ok())
        throw atshook::Error("--timestamp '" + text + "' " + parsed.problem,
                             atshook::Error::Kind::usage);
    return parsed.seconds;
}

int run_emit(EmitOptions& options) {
    const std::uint64_t seed = options.seed ? *options.seed : std::random_device{}();
    std::vector<sample::Override> edits;
    for (const auto& set : options.sets) edits.push_back(sample::parse_set(set));
    for (const auto& unset : options.unsets) edits.push_back(sample::parse_unset(unset));

    std::vector<EmittedEvent> events;
    for (auto& event : build_events(options, seed)) {
        for (const auto& edit : edits) sample::apply_override(event.payload, edit);
        const auto type = event.payload.find("type");
        // The webhook-id is the envelope id, also after --set id=... changed it.
        const auto id = event.payload.find("id");
        std::string message_id =
            id != event.payload.end() && id->is_string() ? id->get<std::string>() : event.id;
        if (message_id.find_first_of(". \t\r\n") != std::string::npos)
            throw atshook::Error("the event id '" + message_id +
                                     "' cannot be a webhook-id: it holds '.' or white space",
                                 atshook::Error::Kind::usage);
        events.push_back(
            {type != event.payload.end() && type->is_string() ? type->get<std::string>() : "",
             std::move(message_id), event.payload.dump(), event.payload.dump(2)});
    }
    if (!check_events(events, options)) return exit_code::failed;

    const bool signs = options.sign || !options.send.empty() || options.format == "http" ||
                       options.format == "curl";
    atshook::delivery::Signer signer;
    if (signs) signer = make_signer(std::make_shared<LoadedSecrets>(load_secrets(options.secrets)));
    if (!options.send.empty()) {
        const auto timeout = std::chrono::milliseconds{std::llround(options.timeout * 1000)};
        return send_events(events, options.send, signer,
                           {options.retries, options.retry_scale, timeout});
    }
    print_events(
        events, {options.format, options.url, signer, signs ? signing_time(options.timestamp) : 0});
    return exit_code::ok;
}

} // namespace

void add_emit_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<EmitOptions>();
    CLI::App* app = root.add_subcommand(
        "emit", "Write realistic, valid HireHive test events, optionally signed, or send them");
    app->add_option("TYPE", options->types, "Event types; all = one of each of the 19")
        ->type_name("TYPE");
    app->add_option("--seed", options->seed,
                    "Random seed; the same seed and --at give the same bytes (default: random)")
        ->check(CLI::Validator(
            [](const std::string& text) -> std::string {
                std::uint64_t value = 0;
                const auto [end, error] =
                    std::from_chars(text.data(), text.data() + text.size(), value);
                if (error == std::errc{} && end == text.data() + text.size()) return {};
                return "'" + text + "' is not a whole number from 0 to 18446744073709551615";
            },
            "N", "seed range"))
        ->type_name("N");
    app->add_option("--count", options->count, "Events of each type (default 1)")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000}))
        ->type_name("N");
    app->add_option("--at", options->at, "Event time: Unix seconds or RFC 3339 (default: now)")
        ->type_name("TIME");
    app->add_option("--envelope", options->envelope,
                    "data-object (default): {id, version, type, timestamp, data: {object}}; "
                    "flat: {type, timestamp, data}")
        ->check(CLI::IsMember({"data-object", "flat"}))
        ->type_name("SHAPE");
    app->add_option("--set", options->sets,
                    "PATH=VALUE: set a field; PATH dotted (data.object.event.status) or a JSON "
                    "pointer; VALUE JSON, or a bare word taken as a string. Repeatable.")
        ->type_name("PATH=VALUE");
    app->add_option("--unset", options->unsets, "PATH: remove a field. Repeatable.")
        ->type_name("PATH");
    app->add_option("--from", options->from,
                    "Start from this payload (JSON or NDJSON; - = stdin) instead of TYPE")
        ->type_name("FILE");
    app->add_flag("--allow-invalid", options->allow_invalid,
                  "Write (or send) events even when they fail validation");
    app->add_option("--format", options->format,
                    "json (default; NDJSON for several events), ndjson, http (a request file "
                    "for verify --request), curl (a command); http and curl sign")
        ->check(CLI::IsMember({"json", "ndjson", "http", "curl"}))
        ->type_name("FORMAT");
    app->add_option("--url", options->url,
                    "Where the http and curl formats send to (default "
                    "http://localhost:8080/webhooks/hirehive)")
        ->type_name("URL");
    app->add_flag("--sign", options->sign,
                  "Sign: json and ndjson then write {\"headers\": {...}, \"body\": \"...\"}");
    add_secret_options(*app, options->secrets);
    app->add_option("--timestamp", options->timestamp,
                    "The webhook-timestamp of the written signature (default: now)")
        ->type_name("UNIX|RFC3339");
    CLI::Option* send =
        app->add_option("--send", options->send,
                        "POST each event, signed, to URL; exit 0 only if every delivery got a 2xx")
            ->type_name("URL");
    app->add_option("--retries", options->retries,
                    "With --send: retry 429, 5xx and network errors up to N times (default 0)")
        ->check(CLI::Range(0, 100))
        ->needs(send)
        ->type_name("N");
    app->add_option("--retry-scale", options->retry_scale,
                    "With --send: multiply the waits (5 s, 5 min, 30 min, ...; Retry-After) by X")
        ->check(CLI::Range(0.0, 1000.0))
        ->needs(send)
        ->type_name("X");
    app->add_option("--timeout", options->timeout,
                    "With --send: seconds to wait for each response (default 15)")
        ->check(CLI::Range(0.001, 3600.0))
        ->needs(send)
        ->type_name("SECONDS");
    commands.push_back({app, [options] { return run_emit(*options); }});
}

} // namespace cli
