#include "atshook/validation.hpp"
#include "atshook/json_text.hpp"

#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/json_error.hpp"
#include "atshook/overlay/overlay_set.hpp"
#include "atshook/schema/store.hpp"
#include "atshook/schema/walker.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <array>
#include <memory>
#include <mutex>
#include <optional>

namespace atshook {
namespace {

constexpr std::size_t k_event_count = 19;

schema::Mode mode_for(Strictness strictness) {
    return strictness == Strictness::strict ? schema::Mode::strict : schema::Mode::lenient;
}

std::size_t event_index(const EventInfo* event) {
    return static_cast<std::size_t>(event - all_events().data());
}

void describe_parse_error(std::string_view json, simdjson::error_code code, std::size_t max_depth,
                          DocumentResult& out) {
    out.status = DocumentResult::Status::unreadable;
    JsonProblem problem = describe_json_error(json, code, max_depth);
    out.error = std::move(problem.message);
    out.error_offset = problem.offset;
}

// Each event's check tree, compiled once per process and mode at its first use and shared by
// every Validator (one per thread in batch validation): a tree is never changed once built, nor
// freed (the process's exit gives the memory back faster than the destructors would).
const schema::CheckTree& compiled_tree(const EventInfo* event, Strictness strictness) {
    static std::mutex mutex;
    static auto& trees =
        *new std::array<std::unique_ptr<const schema::CheckTree>, 2 * k_event_count>();
    const std::lock_guard lock(mutex);
    auto& slot = trees[event_index(event) * 2 + (strictness == Strictness::strict ? 1 : 0)];
    if (!slot)
        slot = std::make_unique<const schema::CheckTree>(
            schema::compile_event(event->name, mode_for(strictness)));
    return *slot;
}

} // namespace

struct Validator::State {
    ValidateOptions options;
    simdjson::dom::parser parser;
    std::array<const schema::CheckTree*, k_event_count> trees{}; // this validator's look-ups
    const EventInfo* forced = nullptr;

    const schema::CheckTree& tree_for(const EventInfo* event) {
        auto& slot = trees[event_index(event)];
        if (!slot)
            slot = options.overlays
                       ? &options.overlays->tree(event_index(event), mode_for(options.strictness))
                       : &compiled_tree(event, options.strictness);
        return *slot;
    }
};

Validator::Validator(ValidateOptions options) : m_state(std::make_unique<State>()) {
    m_state->options = std::move(options);
    if (!m_state->options.forced_event.empty()) {
        m_state->forced = find_event(m_state->options.forced_event);
        if (!m_state->forced)
            throw Error("--event: " + unknown_event_message(m_state->options.forced_event),
                        Error::Kind::usage);
    }
    // simdjson refuses depth >= its limit and counts only containers with content: one more
    // level lets every document up to max_depth deep through.
    if (m_state->parser.allocate(1 << 16, m_state->options.max_depth + 1) != simdjson::SUCCESS)
        throw Error("cannot allocate the JSON parser");
}

Validator::~Validator() = default;
Validator::Validator(Validator&&) noexcept = default;
Validator& Validator::operator=(Validator&&) noexcept = default;

DocumentResult Validator::validate(std::string_view json) {
    return validate(json, false);
}

DocumentResult Validator::validate_padded(std::string_view json) {
    return validate(json, !json.empty());
}

DocumentResult Validator::validate(std::string_view json, bool in_place) {
    DocumentResult result;
    simdjson::dom::element root;
    if (const auto error = m_state->parser.parse(json.data(), json.size(), !in_place).get(root)) {
        describe_parse_error(json, error, m_state->options.max_depth, result);
        return result;
    }
    if (!root.is_object()) {
        result.status = DocumentResult::Status::unreadable;
        result.error = "a HireHive event is a JSON object, but this is " +
                       std::string(root.is_array() ? "an array" : "a single value");
        return result;
    }

    const EventInfo* event = m_state->forced;
    if (!event) {
        std::string_view type;
        if (root["type"].get(type) != simdjson::SUCCESS) {
            result.status = DocumentResult::Status::invalid;
            const bool absent = root["type"].error() == simdjson::NO_SUCH_FIELD;
            result.findings.push_back(
                {"/type", absent ? "required" : "type",
                 absent ? "missing required member \"type\": cannot tell which event this is"
                        : "\"type\" must be a string naming the event",
                 "a HireHive event type", absent ? "absent" : "not a string", Severity::error});
            if (absent) result.findings.back().pointer = "";
            return result;
        }
        event = find_event(type);
        if (!event) {
            result.status = DocumentResult::Status::invalid;
            result.findings.push_back({"/type", "event", unknown_event_message(type),
                                       "one of the 19 HireHive event types", quoted_excerpt(type),
                                       Severity::error});
            return result;
        }
    }
    result.event_type = std::string(event->name);
    result.omitted = schema::walk(m_state->tree_for(event), root, result.findings,
                                  m_state->options.max_findings);
    result.status = has_errors(result.findings) || result.omitted.errors > 0
                        ? DocumentResult::Status::invalid
                        : DocumentResult::Status::valid;
    return result;
}

LineColumn line_column(std::string_view text, std::size_t offset) {
    LineColumn at{1, 1};
    offset = std::min(offset, text.size());
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++at.line;
            at.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++at.column;
        }
    }
    return at;
}

} // namespace atshook
