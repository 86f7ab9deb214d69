#include "atshook/error.hpp"
#include "atshook/input.hpp"
#include "atshook/json_text.hpp"
#include "atshook/report/emitter.hpp"
#include "atshook/sample/override.hpp"
#include "atshook/sample/random.hpp"
#include "atshook/sample/sample.hpp"
#include "atshook/sample/scenario.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/sign.hpp"
#include "atshook/timestamp.hpp"
#include "atshook/validation.hpp"
#include "cli/command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/emit_output.hpp"
#include "cli/exit_code.hpp"
#include "cli/progress.hpp"
#include "cli/secret_source.hpp"
#include "cli/sending.hpp"
#include "cli/time_option.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <random>

namespace cli {
namespace {

using Json = nlohmann::ordered_json;
namespace sample = atshook::sample;

// Without --progress, writing this many events gets a status line on a terminal.
constexpr std::uint64_t k_many_events = 1000;

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
    bool sends = false; // --send was given, even as "" (an unset variable): refused as a URL
    SendOptions sending;
    std::string scenario; // "hiring"
    std::size_t candidates = 5;
    atshook::ProgressChoice progress = atshook::ProgressChoice::automatic;
};

void check_from_options(const EmitOptions& options) {
    if (!options.scenario.empty()) {
        if (!options.types.empty() || !options.from.empty() || options.count != 1)
            throw atshook::Error("--scenario tells its own story: no event types, --from or "
                                 "--count with it (--candidates sets its size)",
                                 atshook::Error::Kind::usage);
        return;
    }
    if (options.from.empty()) {
        if (options.types.empty())
            throw atshook::Error("name at least one event type (or all), or give --from FILE",
                                 atshook::Error::Kind::usage);
        return;
    }
    if (!options.types.empty())
        throw atshook::Error("give event types or --from FILE, not both",
                             atshook::Error::Kind::usage);
    if (options.count != 1 || !options.at.empty() || options.envelope != "data-object")
        throw atshook::Error("--count, --at and --envelope shape generated events; with "
                             "--from, change the payload with --set instead",
                             atshook::Error::Kind::usage);
}

// Builds (or reads with --from), edits, serialises and checks events one at a time. Generated
// events promise --strict validity; a --from payload is held to the default rules. An invalid
// event ends the stream unless --allow-invalid was given; its findings go to stderr.
class EventStream {
public:
    EventStream(const EmitOptions& options, std::uint64_t seed)
        : m_options(options), m_random(seed), m_validator(validate_options(options)) {
        check_from_options(options);
        for (const auto& set : options.sets) m_edits.push_back(sample::parse_set(set));
        for (const auto& unset : options.unsets) m_edits.push_back(sample::parse_unset(unset));
        if (!options.from.empty()) {
            m_reader.emplace(options.from);
            return;
        }
        const auto now =
            options.at.empty()
                ? std::chrono::time_point_cast<atshook::Ticks>(std::chrono::system_clock::now())
                : atshook::parse_instant(options.at, "--at");
        const auto envelope =
            options.envelope == "flat" ? sample::Envelope::flat : sample::Envelope::data_object;
        if (!options.scenario.empty()) {
            m_scenario.emplace(sample::ScenarioOptions{seed, now, options.candidates, envelope});
            m_total = m_scenario->size();
            return;
        }
        m_types = sample::expand_types(options.types);
        m_generator.emplace(sample::SampleOptions{seed, now, envelope});
        m_total = m_types.size() * options.count;
        // --duration: fresh events for as long as it lasts, the types in turn.
        m_endless = options.sends && !options.sending.duration.empty();
    }

    // Known for generated events, not for --from or --duration.
    std::optional<std::size_t> total() const { return m_endless ? std::nullopt : m_total; }

    std::optional<EmittedEvent> next() {
        if (m_stopped) return std::nullopt;
        auto event = m_reader ? read_next() : build_next();
        if (!event) return std::nullopt;
        for (const auto& edit : m_edits) sample::apply_override(event->payload, edit);
        EmittedEvent emitted = serialise(std::move(*event));
        ++m_count;
        if (check(emitted)) return emitted;
        m_stopped = true;
        return std::nullopt;
    }

    // After the stream ended: the exit code so far (an invalid event stops it with 1), and the
    // error or warning that says so.
    int finish() const {
        if (m_invalid == 0) return exit_code::ok;
        if (m_options.allow_invalid) {
            print_warning(fmt::format("{} invalid event{} written as --allow-invalid asks",
                                      m_invalid, m_invalid == 1 ? "" : "s"));
            return exit_code::ok;
        }
        if (m_count == 1 && m_total == std::optional<std::size_t>{1})
            print_error("1 of 1 event is invalid, so nothing was written; add --allow-invalid to "
                        "emit it anyway");
        else if (m_count == 1)
            print_error(fmt::format("{} is invalid, so nothing was written; add --allow-invalid "
                                    "to emit invalid events anyway",
                                    m_last_source));
        else
            print_error(fmt::format("{} is invalid: the {} event{} before it {} written, none "
                                    "after; add --allow-invalid to emit invalid events anyway",
                                    m_last_source, m_count - 1, m_count == 2 ? "" : "s",
                                    m_count == 2 ? "was" : "were"));
        return exit_code::failed;
    }

private:
    static atshook::ValidateOptions validate_options(const EmitOptions& options) {
        atshook::ValidateOptions validate;
        validate.strictness =
            options.from.empty() ? atshook::Strictness::strict : atshook::Strictness::lenient;
        return validate;
    }

    std::optional<sample::Event> build_next() {
        if (m_scenario) return m_scenario->next();
        if (!m_endless && m_index >= *m_total) return std::nullopt;
        const std::size_t i = m_index++;
        return m_generator->build(m_types[i % m_types.size()], i / m_types.size());
    }

    // --from FILE: one payload, or NDJSON. A payload's own string `id` becomes the webhook-id.
    std::optional<sample::Event> read_next() {
        while (m_position >= m_chunk.documents.size()) {
            if (!m_reader->next(m_chunk)) {
                if (m_count == 0) throw atshook::Error(m_reader->source() + ": no payload in it");
                return std::nullopt;
            }
            m_position = 0;
        }
        const auto& document = m_chunk.documents[m_position++];
        const std::string where = document.line
                                      ? fmt::format("{}:{}", m_reader->source(), document.line)
                                      : m_reader->source();
        if (document.too_large)
            throw atshook::Error(fmt::format("{}: the payload is larger than {} bytes", where,
                                             atshook::k_default_max_bytes));
        auto parsed = atshook::parse_json_tree(document.bytes);
        if (const auto* problem = std::get_if<atshook::JsonProblem>(&parsed)) {
            const auto at = atshook::line_column(document.bytes, problem->offset);
            throw atshook::Error(fmt::format("{}:{}:{}: {}", m_reader->source(),
                                             (document.line ? document.line - 1 : 0) + at.line,
                                             at.column, problem->message));
        }
        Json payload = std::move(std::get<Json>(parsed));
        if (!payload.is_object())
            throw atshook::Error(where + ": not a JSON object; --from takes a payload or NDJSON");
        std::string id;
        if (const auto found = payload.find("id"); found != payload.end() && found->is_string())
            id = found->get<std::string>();
        if (id.empty() || id.find('.') != std::string::npos)
            id = "msg_" + m_random.alphanumeric(24);
        return sample::Event{std::move(id), std::move(payload)};
    }

    static EmittedEvent serialise(sample::Event event) {
        const auto type = event.payload.find("type");
        // The webhook-id is the envelope id, also after --set id=... changed it.
        const auto id = event.payload.find("id");
        std::string message_id =
            id != event.payload.end() && id->is_string() ? id->get<std::string>() : event.id;
        if (message_id.find_first_of(". \t\r\n") != std::string::npos)
            throw atshook::Error("the event id '" + message_id +
                                     "' cannot be a webhook-id: it holds '.' or white space",
                                 atshook::Error::Kind::usage);
        return {type != event.payload.end() && type->is_string() ? type->get<std::string>() : "",
                std::move(message_id), atshook::json_text(event.payload), std::nullopt};
    }

    bool check(const EmittedEvent& event) {
        // A generated event that no --set or --unset changed is valid by construction (the
        // sample tests hold every type to --strict over many seeds): checking it again would
        // cost as much as building it. Edited and --from events are checked.
        if (m_edits.empty() && !m_reader) return true;
        const auto result = m_validator.validate(event.body);
        const std::string type = event.type.empty() ? "event" : event.type;
        m_last_source =
            m_total == std::optional<std::size_t>{1} ? type : fmt::format("{} #{}", type, m_count);
        if (result.ok()) return true;
        ++m_invalid;
        std::string report;
        atshook::report::make_text_emitter(false)->document(
            report,
            atshook::report::document_report(m_last_source, {event.body, 0, false}, result));
        const ProgressPause pause(stderr);
        std::fflush(stdout);
        fmt::print(stderr, "{}", report);
        return m_options.allow_invalid;
    }

    const EmitOptions& m_options;
    sample::Random m_random;
    atshook::Validator m_validator;
    std::vector<sample::Override> m_edits;
    std::vector<std::string> m_types;
    std::optional<sample::Generator> m_generator;
    std::optional<sample::Scenario> m_scenario;
    std::optional<atshook::InputReader> m_reader;
    atshook::Chunk m_chunk;
    std::size_t m_position = 0;
    std::optional<std::size_t> m_total;
    std::size_t m_index = 0;
    bool m_endless = false;
    std::size_t m_count = 0; // events handed out or stopped at
    std::size_t m_invalid = 0;
    bool m_stopped = false;
    std::string m_last_source;
};

int run_emit(EmitOptions& options) {
    const std::uint64_t seed = options.seed ? *options.seed : std::random_device{}();
    options.sending.seed = seed;
    EventStream stream(options, seed);
    const bool signs =
        options.sign || options.sends || options.format == "http" || options.format == "curl";
    std::shared_ptr<LoadedSecrets> secrets;
    if (signs) secrets = std::make_shared<LoadedSecrets>(load_secrets(options.secrets));
    const atshook::delivery::Signer signer = secrets ? make_signer(secrets) : nullptr;
    if (options.sends) {
        options.sending.progress = options.progress;
        const int sent = send_events([&stream] { return stream.next(); }, stream.total(),
                                     options.send, "--send", secrets, options.sending);
        return std::max(sent, stream.finish());
    }
    ProgressLine progress(options.progress, false,
                          {"emit", false, stream.total(), "events", std::nullopt, k_many_events});
    const NextEvent next = [&stream, &progress] {
        auto event = stream.next();
        if (event) progress.add(1);
        return event;
    };
    print_events(next, {options.format, options.url, signer,
                        signs ? unix_seconds_option(options.timestamp, "--timestamp") : 0});
    progress.finish();
    return stream.finish();
}

} // namespace

void add_emit_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<EmitOptions>();
    CLI::App* app = root.add_subcommand(
        "emit", "Write realistic, valid HireHive test events, optionally signed, or send them");
    app->add_option("TYPE", options->types, "Event types; all = one of each of the 19")
        ->type_name("TYPE|all");
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
    app->add_option("--scenario", options->scenario,
                    "Instead of event types, a story whose ids and times agree: hiring (a job "
                    "opened, candidates applying, interviewed, rejected or hired)")
        ->check(CLI::IsMember({"hiring"}))
        ->type_name("hiring");
    app->add_option("--candidates", options->candidates,
                    "With --scenario: how many candidates apply (default 5, at most 2000)")
        ->check(CLI::Range(std::size_t{1}, sample::k_max_candidates))
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
        ->type_name("PATH=VALUE")
        ->allow_extra_args(false);
    app->add_option("--unset", options->unsets, "PATH: remove a field. Repeatable.")
        ->type_name("PATH")
        ->allow_extra_args(false);
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
    add_send_options(*app, options->sending, send);
    add_check_options(*app, options->sending, send);
    add_progress_options(*app, options->progress);
    commands.push_back({app, [options, app] {
                            // With --send, --format json asks for the summary as JSON.
                            options->sending.json =
                                app->count("--format") > 0 && options->format == "json";
                            // The handler bench tells a story by default, so that its
                            // redeliveries and reorderings act on related events.
                            if (options->sending.check_handler && options->types.empty() &&
                                options->from.empty() && options->scenario.empty())
                                options->scenario = "hiring";
                            options->sends = app->count("--send") > 0;
                            if (app->count("--candidates") > 0 && options->scenario.empty())
                                throw atshook::Error("--candidates sets the size of a --scenario",
                                                     atshook::Error::Kind::usage);
                            return run_emit(*options);
                        }});
}

} // namespace cli
