// `emit --set PATH=VALUE` and `--unset PATH` applied to a built event. The first line names the
// event type (and "flat" for the flat envelope); each further line is an edit: "unset PATH",
// "set PATH=VALUE" or just "PATH=VALUE". The edited event is then written and validated, as
// emit does. An event nobody edited must be valid under --strict, as emit promises.
#include "fuzz_target.hpp"

#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/sample/override.hpp"
#include "atshook/sample/sample.hpp"
#include "atshook/validation.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace {

namespace sample = atshook::sample;
using Json = nlohmann::ordered_json;

// Built once per type and envelope: the same seed and time always give the same event.
const Json& built_event(std::string_view type, sample::Envelope envelope) {
    static std::map<std::pair<std::string, sample::Envelope>, Json> built;
    const auto key = std::make_pair(std::string(type), envelope);
    if (const auto found = built.find(key); found != built.end()) return found->second;
    sample::Generator generator({42, atshook::Instant{std::chrono::seconds{1706108374}}, envelope});
    return built.emplace(key, generator.build(type).payload).first->second;
}

// After an edit that succeeded, the field holds the value set, or is gone from its object.
void check_applied(const Json& event, const sample::Override& edit) {
    if (edit.pointer.ends_with("/-")) return; // appended to an array
    try {
        const Json::json_pointer pointer(edit.pointer);
        if (edit.value)
            fuzz::require(event.at(pointer) == *edit.value, "a set field holds its new value");
        else if (event.at(pointer.parent_pointer()).is_object())
            fuzz::require(!event.contains(pointer), "an unset field is gone");
    } catch (const nlohmann::json::exception&) {
        // nlohmann reads some pointers differently (a "~" not followed by 0 or 1, an index
        // with leading zeros): nothing to compare with.
    }
}

std::string_view next_line(std::string_view& text) {
    const auto newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    return line;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    std::string_view type = next_line(text);
    const bool flat = type.ends_with(" flat");
    if (flat) type.remove_suffix(5);
    if (!atshook::find_event(type)) {
        try {
            sample::Generator({42, {}, sample::Envelope::data_object}).build(type);
            fuzz::require(false, "building an unknown type fails");
        } catch (const atshook::Error&) {
        }
        const auto events = atshook::all_events();
        type = events[type.size() % events.size()].name;
    }
    Json event = built_event(type, flat ? sample::Envelope::flat : sample::Envelope::data_object);

    bool edited = false;
    while (!text.empty()) {
        std::string_view line = next_line(text);
        try {
            const bool unset = line.starts_with("unset ");
            if (unset) line.remove_prefix(6);
            if (!unset && line.starts_with("set ")) line.remove_prefix(4);
            const sample::Override edit =
                unset ? sample::parse_unset(line) : sample::parse_set(line);
            fuzz::require(edit.pointer.empty() || edit.pointer.front() == '/',
                          "an override's path becomes a JSON pointer");
            sample::apply_override(event, edit);
            check_applied(event, edit);
            edited = true;
        } catch (const atshook::Error&) {
        }
    }

    const std::string body = event.dump(-1, ' ', false, Json::error_handler_t::replace);
    const std::string pretty = event.dump(2, ' ', false, Json::error_handler_t::replace);
    fuzz::require(Json::accept(body) && Json::accept(pretty), "an edited event is written as JSON");
    static atshook::Validator strict([] {
        atshook::ValidateOptions options;
        options.strictness = atshook::Strictness::strict;
        return options;
    }());
    static atshook::Validator lenient;
    const auto strict_result = strict.validate(body);
    const auto lenient_result = lenient.validate(pretty);
    fuzz::require(!strict_result.ok() || lenient_result.ok(),
                  "an event valid under --strict is valid without it");
    if (!edited) fuzz::require(strict_result.ok(), "a generated event is valid under --strict");
    return 0;
}
