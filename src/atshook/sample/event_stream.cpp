#include "atshook/sample/event_stream.hpp"

#include "atshook/error.hpp"
#include "atshook/json_text.hpp"
#include "atshook/limits.hpp"
#include "atshook/timestamp.hpp"

#include <fmt/core.h>

namespace atshook::sample {
namespace {

using Json = nlohmann::ordered_json;

void check_from_options(const StreamOptions& options) {
    if (!options.scenario.empty()) {
        if (!options.types.empty() || !options.from.empty() || options.count != 1)
            throw Error("--scenario tells its own story: no event types, --from or "
                        "--count with it (--candidates sets its size)",
                        Error::Kind::usage);
        return;
    }
    if (options.from.empty()) {
        if (options.types.empty())
            throw Error("name at least one event type (or all), or give --from FILE",
                        Error::Kind::usage);
        return;
    }
    if (!options.types.empty())
        throw Error("give event types or --from FILE, not both", Error::Kind::usage);
    if (options.count != 1 || !options.at.empty() || options.envelope != "data-object")
        throw Error("--count, --at and --envelope shape generated events; with "
                    "--from, change the payload with --set instead",
                    Error::Kind::usage);
}

ValidateOptions validate_options(const StreamOptions& options) {
    ValidateOptions validate;
    validate.strictness = options.from.empty() ? Strictness::strict : Strictness::lenient;
    return validate;
}

StreamedEvent serialise(Event event) {
    const auto type = event.payload.find("type");
    // The webhook-id is the envelope id, also after --set id=... changed it.
    const auto id = event.payload.find("id");
    std::string message_id =
        id != event.payload.end() && id->is_string() ? id->get<std::string>() : event.id;
    if (message_id.find_first_of(". \t\r\n") != std::string::npos)
        throw Error("the event id '" + message_id +
                        "' cannot be a webhook-id: it holds '.' or white space",
                    Error::Kind::usage);
    return {type != event.payload.end() && type->is_string() ? type->get<std::string>() : "",
            std::move(message_id), json_text(event.payload)};
}

} // namespace

EventStream::EventStream(const StreamOptions& options, std::uint64_t seed)
    : m_options(options), m_random(seed), m_validator(validate_options(options)) {
    check_from_options(options);
    for (const auto& set : options.sets) m_edits.push_back(parse_set(set));
    for (const auto& unset : options.unsets) m_edits.push_back(parse_unset(unset));
    if (!options.from.empty()) {
        m_reader.emplace(options.from);
        return;
    }
    const auto now = options.at.empty()
                         ? std::chrono::time_point_cast<Ticks>(std::chrono::system_clock::now())
                         : parse_instant(options.at, "--at");
    const auto envelope = options.envelope == "flat" ? Envelope::flat : Envelope::data_object;
    if (!options.scenario.empty()) {
        m_scenario.emplace(ScenarioOptions{seed, now, options.candidates, envelope});
        m_total = m_scenario->size();
        return;
    }
    m_types = expand_types(options.types);
    m_generator.emplace(SampleOptions{seed, now, envelope});
    m_total = m_types.size() * options.count;
    // --duration: fresh events for as long as it lasts, the types in turn.
    m_endless = options.endless;
}

std::optional<StreamedEvent> EventStream::next() {
    if (m_generator && m_edits.empty()) return write_next();
    const std::lock_guard lock(m_lock);
    if (m_stopped) return std::nullopt;
    auto event = m_reader ? read_next() : build_next();
    if (!event) return std::nullopt;
    for (const auto& edit : m_edits) apply_override(event->payload, edit);
    StreamedEvent emitted = serialise(std::move(*event));
    ++m_count;
    if (check(emitted)) return emitted;
    m_stopped = true;
    return std::nullopt;
}

std::optional<StreamClosing> EventStream::closing() const {
    if (m_invalid == 0) return std::nullopt;
    if (m_options.allow_invalid)
        return StreamClosing{fmt::format("{} invalid event{} written as --allow-invalid asks",
                                         m_invalid, m_invalid == 1 ? "" : "s"),
                             false};
    if (m_count == 1 && m_total == std::optional<std::size_t>{1})
        return StreamClosing{"1 of 1 event is invalid, so nothing was written; add "
                             "--allow-invalid to emit it anyway",
                             true};
    if (m_count == 1)
        return StreamClosing{fmt::format("{} is invalid, so nothing was written; add "
                                         "--allow-invalid to emit invalid events anyway",
                                         m_last_name),
                             true};
    return StreamClosing{fmt::format("{} is invalid: the {} event{} before it {} written, none "
                                     "after; add --allow-invalid to emit invalid events anyway",
                                     m_last_name, m_count - 1, m_count == 2 ? "" : "s",
                                     m_count == 2 ? "was" : "were"),
                         true};
}

// A plain generated event, written without a tree. Valid by construction: the sample tests hold
// every type to --strict over many seeds, so it is not checked again here.
std::optional<StreamedEvent> EventStream::write_next() {
    const std::size_t i = m_index.fetch_add(1, std::memory_order_relaxed);
    if (!m_endless && i >= *m_total) return std::nullopt;
    const std::string& type = m_types[i % m_types.size()];
    StreamedEvent event;
    event.type = type;
    event.id = m_generator->write(type, i / m_types.size(), event.body);
    return event;
}

std::optional<Event> EventStream::build_next() {
    if (m_scenario) return m_scenario->next();
    if (!m_endless && m_index >= *m_total) return std::nullopt;
    const std::size_t i = m_index++;
    return m_generator->build(m_types[i % m_types.size()], i / m_types.size());
}

// --from FILE: one payload, or NDJSON. A payload's own string `id` becomes the webhook-id.
std::optional<Event> EventStream::read_next() {
    while (m_position >= m_chunk.documents.size()) {
        if (!m_reader->next(m_chunk)) {
            if (m_count == 0) throw Error(m_reader->source() + ": no payload in it");
            return std::nullopt;
        }
        m_position = 0;
    }
    const auto& document = m_chunk.documents[m_position++];
    const std::string where = document.line
                                  ? fmt::format("{}:{}", m_reader->source(), document.line)
                                  : m_reader->source();
    if (document.too_large)
        throw Error(
            fmt::format("{}: the payload is larger than {} bytes", where, k_default_max_bytes));
    auto parsed = parse_json_tree(document.bytes);
    if (const auto* problem = std::get_if<JsonProblem>(&parsed)) {
        const auto at = line_column(document.bytes, problem->offset);
        throw Error(fmt::format("{}:{}:{}: {}", m_reader->source(),
                                (document.line ? document.line - 1 : 0) + at.line, at.column,
                                problem->message));
    }
    Json payload = std::move(std::get<Json>(parsed));
    if (!payload.is_object())
        throw Error(where + ": not a JSON object; --from takes a payload or NDJSON");
    std::string id;
    if (const auto found = payload.find("id"); found != payload.end() && found->is_string())
        id = found->get<std::string>();
    if (id.empty() || id.find('.') != std::string::npos) id = "msg_" + m_random.alphanumeric(24);
    return Event{std::move(id), std::move(payload)};
}

bool EventStream::check(const StreamedEvent& event) {
    // A generated event that no --set or --unset changed is valid by construction (the sample
    // tests hold every type to --strict over many seeds): checking it again would cost as much
    // as building it. Edited and --from events are checked.
    if (m_edits.empty() && !m_reader) return true;
    const auto result = m_validator.validate(event.body);
    const std::string type = event.type.empty() ? "event" : event.type;
    m_last_name =
        m_total == std::optional<std::size_t>{1} ? type : fmt::format("{} #{}", type, m_count);
    if (result.ok()) return true;
    ++m_invalid;
    if (m_on_invalid) m_on_invalid({m_last_name, event.body, result});
    return m_options.allow_invalid;
}

} // namespace atshook::sample
