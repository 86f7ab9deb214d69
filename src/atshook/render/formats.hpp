#pragma once
// Inside the render module: the three output formats render_event chooses between.
#include "atshook/render/card/card.hpp"
#include "atshook/render/render.hpp"

#include <string>

namespace atshook::render {

std::string render_text(const Card& card, const RenderOptions& options);
std::string render_markdown(const Card& card, bool ascii);
std::string render_json(const view::EventView& event, const Findings* check);

} // namespace atshook::render
