#include "atshook/render/render.hpp"

#include "atshook/render/formats.hpp"

namespace atshook::render {

std::string render_event(const view::EventView& event, const RenderOptions& options,
                         const Findings* check) {
    if (options.format == Format::json) return render_json(event, check);
    const CardContext context{glyphs_for(options.ascii), options.viewer};
    Card card = build_card(event, context);
    if (check) add_check(card, *check, context);
    if (options.format == Format::markdown) return render_markdown(card, options.ascii);
    return render_text(card, options);
}

} // namespace atshook::render
