// Any bytes as `ats-hook show` reads them: each document through the event view and the three
// renderers at several widths, ASCII and UTF-8, colour on and off, for a reader in the zone the
// payload names (an interview's time_zone) or one of a few awkward zones.
#include "fuzz_target.hpp"

#include "atshook/error.hpp"
#include "atshook/input.hpp"
#include "atshook/render/render.hpp"
#include "atshook/render/text/layout.hpp"
#include "atshook/validation.hpp"
#include "atshook/view/event.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <variant>

namespace {

namespace render = atshook::render;
namespace time = atshook::time;

time::Zone viewer_zone(const atshook::view::EventView& event, std::size_t size) {
    if (const auto* interview = std::get_if<atshook::view::InterviewView>(&event.object))
        if (interview->time_zone) return time::resolve_zone(*interview->time_zone);
    static const char* const zones[] = {"UTC",
                                        "Europe/Dublin",
                                        "America/New_York",
                                        "Asia/Kolkata",
                                        "Australia/Lord_Howe",
                                        "Pacific/Chatham",
                                        "Dateline Standard Time",
                                        "Not/A_Zone"};
    return time::resolve_zone(zones[size % std::size(zones)]);
}

void check_rendering(const std::string& out, const render::RenderOptions& options,
                     bool with_findings) {
    fuzz::require(!out.empty() && out.back() == '\n', "a rendering ends with a newline");
    if (options.format == render::Format::json) {
        fuzz::require(nlohmann::json::accept(out), "the JSON rendering is JSON");
        return;
    }
    if (options.color) return;
    fuzz::require(fuzz::is_terminal_safe(out), "without colour, nothing reaches the terminal");
    if (options.format != render::Format::text || with_findings) return;
    for (std::size_t at = 0; at < out.size();) {
        const std::size_t end = out.find('\n', at);
        fuzz::require(render::display_width(std::string_view(out).substr(at, end - at)) <=
                          options.width,
                      "a card is no wider than the width asked for");
        at = end + 1;
    }
}

void show(const atshook::view::EventView& event, const atshook::Findings& findings,
          std::size_t size) {
    const time::Zone zone = viewer_zone(event, size);
    struct Variant {
        render::Format format;
        int width;
        bool ascii, color, with_findings;
    };
    static const Variant variants[] = {
        {render::Format::text, 36, true, true, false},
        {render::Format::text, 80, false, false, false},
        {render::Format::text, 200, false, true, true},
        {render::Format::text, 80, true, false, true},
        {render::Format::json, 80, false, false, false},
        {render::Format::json, 80, false, false, true},
        {render::Format::markdown, 80, false, false, false},
        {render::Format::markdown, 80, true, false, true},
    };
    for (const auto& variant : variants) {
        render::RenderOptions options;
        options.format = variant.format;
        options.width = variant.width;
        options.ascii = variant.ascii;
        options.color = variant.color;
        options.viewer = variant.width == 80 ? time::utc_zone() : zone;
        const std::string out =
            render::render_event(event, options, variant.with_findings ? &findings : nullptr);
        check_rendering(out, options, variant.with_findings);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static atshook::view::EventReader reader;
    static atshook::Validator validator;
    auto input = atshook::InputReader::from_bytes(fuzz::as_text(data, size), "events.json");
    atshook::Chunk chunk;
    while (input.next(chunk)) {
        for (const auto& document : chunk.documents) {
            try {
                const auto event = reader.read(document.bytes, "events.json");
                show(event, validator.validate(document.bytes).findings, size);
            } catch (const atshook::Error&) {
                // Not a HireHive event: show reports it and goes on to the next document.
            }
        }
    }
    return 0;
}
