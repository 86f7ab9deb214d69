// Any bytes as an --overlay file: parsed, then applied to an event's schema; and the first line
// as a JSONPath target. Errors must be atshook::Error, never a crash or another exception.
#include "fuzz_target.hpp"

#include "atshook/error.hpp"
#include "atshook/overlay/json_path.hpp"
#include "atshook/overlay/overlay.hpp"
#include "atshook/schema/store.hpp"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes = fuzz::as_text(data, size);
    const std::string_view first_line = bytes.substr(0, bytes.find('\n'));
    try {
        const auto path = atshook::overlay::parse_json_path(first_line);
        static const nlohmann::json schema =
            atshook::schema::export_event_schema("interview.created", atshook::schema::Mode::standard);
        (void)atshook::overlay::select(path, schema);
    } catch (const atshook::Error&) {
    }
    try {
        const auto overlay = atshook::overlay::parse_overlay(bytes, "fuzz.json");
        nlohmann::json schema =
            atshook::schema::export_event_schema("candidate.updated", atshook::schema::Mode::standard);
        atshook::overlay::apply_overlay(overlay, schema);
    } catch (const atshook::Error&) {
    }
    return 0;
}
