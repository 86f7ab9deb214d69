#include "atshook/error.hpp"
#include "atshook/sample/override.hpp"
#include "atshook/sample/random.hpp"
#include "atshook/sample/sample.hpp"
#include "atshook/timestamp.hpp"
#include "cli/command.hpp"
#include "cli/exit_code.hpp"

#include <fmt/core.h>

#include <fstream>
#include <iostream>
#include <iterator>
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
};

std::string read_input(const std::string &path) {
    if (path == "-")
        return {std::istreambuf_iterator<char>(std::cin), {}};
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw atshook::Error(fmt::format("{}: cannot read the file", path));
    return {std::istreambuf_iterator<char>(in), {}};
}

// --from FILE: one JSON payload, or NDJSON (one payload a line).
std::vector<sample::Event> load_events(const std::string &path, std::uint64_t seed) {
    const std::string text = read_input(path);
    std::vector<Json> documents;
    Json whole = Json::parse(text, nullptr, false);
    if (!whole.is_discarded()) {
        documents.push_back(std::move(whole));
    } else {
        std::size_t line_number = 0, at = 0;
        while (at < text.size()) {
            const auto end = std::min(text.find('\n', at), text.size());
            const std::string line = text.substr(at, end - at);
            ++line_number;
            at = end + 1;
            if (line.find_first_not_of(" \t\r") == std::string::npos)
                continue;
            Json document = Json::parse(line, nullptr, false);
            if (document.is_discarded())
                throw atshook::Error(fmt::format("{}:{}: not JSON (give one payload or NDJSON)",
                                                 path == "-" ? "<stdin>" : path, line_number));
            documents.push_back(std::move(document));
        }
    }
    std::vector<sample::Event> events;
    sample::Random random(seed);
    for (auto &document : documents) {
        if (!document.is_object())
            throw atshook::Error(fmt::format("{}: a payload must be a JSON object", path));
        std::string id;
        const auto found = document.find("id");
        if (found != document.end() && found->is_string())
            id = found->get<std::string>();
        if (id.empty() || id.find('.') != std::string::npos)
            id = "msg_" + random.alphanumeric(24);
        events.push_back({std::move(id), std::move(document)});
    }
    return events;
}

std::vector<sample::Event> build_events(const EmitOptions &options, std::uint64_t seed) {
    if (!options.from.empty()) {
        if (!options.types.empty())
            throw atshook::Error("give event types or --from FILE, not both",
                                 atshook::Error::Kind::usage);
        return load_events(options.from, seed);
    }
    if (options.types.empty())
        throw atshook::Error("name at least one event type (or `all`), or give --from FILE",
                             atshook::Error::Kind::usage);
    const auto now =
        options.at.empty()
            ? std::chrono::time_point_cast<atshook::Ticks>(std::chrono::system_clock::now())
            : atshook::parse_instant(options.at, "--at");
    sample::Generator generator(
        {seed, now,
         options.envelope == "flat" ? sample::Envelope::flat : sample::Envelope::data_object});
    std::vector<sample::Event> events;
    for (std::uint64_t index = 0; index < options.count; ++index)
        for (const auto &type : sample::expand_types(options.types))
            events.push_back(generator.build(type, index));
    return events;
}

int run_emit(const EmitOptions &options) {
    const std::uint64_t seed = options.seed ? *options.seed : std::random_device{}();
    std::vector<sample::Override> edits;
    for (const auto &set : options.sets)
        edits.push_back(sample::parse_set(set));
    for (const auto &unset : options.unsets)
        edits.push_back(sample::parse_unset(unset));

    auto events = build_events(options, seed);
    for (auto &event : events)
        for (const auto &edit : edits)
            sample::apply(event.payload, edit);

    const bool lines = options.format == "ndjson" || events.size() > 1;
    for (const auto &event : events) {
        const std::string body = event.payload.dump();
        fmt::print("{}\n", lines ? body : event.payload.dump(2));
    }
    return exit_code::ok;
}

} // namespace

void add_emit_command(CLI::App &root, Commands &commands) {
    auto options = std::make_shared<EmitOptions>();
    CLI::App *app = root.add_subcommand("emit", "Write realistic, valid HireHive test events");
    app->add_option("types", options->types, "Event types (`all` = the 19 types)");
    app->add_option("--seed", options->seed,
                    "Random seed: the same seed and --at give the same bytes");
    app->add_option("--count", options->count, "Events of each type")->check(CLI::Range(1, 100000));
    app->add_option("--at", options->at, "Event time, Unix seconds or RFC 3339 (default: now)");
    app->add_option("--envelope", options->envelope, "Envelope shape")
        ->check(CLI::IsMember({"data-object", "flat"}));
    app->add_option("--set", options->sets, "PATH=JSON: set a field (dotted path or JSON pointer)");
    app->add_option("--unset", options->unsets, "PATH: remove a field");
    app->add_option("--from", options->from, "Start from this payload (JSON or NDJSON; - = stdin)");
    app->add_flag("--allow-invalid", options->allow_invalid,
                  "Emit even when the result is invalid");
    app->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"json", "ndjson", "http", "curl"}));
    commands.push_back({app, [options] { return run_emit(*options); }});
}

} // namespace cli
