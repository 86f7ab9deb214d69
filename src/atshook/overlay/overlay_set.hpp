#pragma once
// Overlays applied to ats-hook's schemas. The unit an overlay targets is one event's exported
// schema (schema::export_event_schema: every $ref bundled as "#/definitions/<file>.<name>"); an
// action applies to every event schema in which its target selects something.
#include "atshook/overlay/overlay.hpp"
#include "atshook/schema/check_tree.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <memory>
#include <string_view>
#include <vector>

namespace atshook::overlay {

// Overlays, in the order they apply, checked against all 19 events, with every event's check
// trees compiled from the corrected schemas. Immutable once made: validators on several threads
// share one through a shared_ptr.
class OverlaySet {
public:
    static constexpr std::size_t k_events = 19;

    // Throws atshook::Error naming the file (and action) when an overlay was made for another
    // schema version, when an action's target selects nothing in any event's schema, when an
    // update cannot apply, or when a corrected schema no longer compiles.
    static std::shared_ptr<const OverlaySet> make(std::vector<Overlay> overlays);

    const std::vector<Overlay>& overlays() const { return m_overlays; }

    // `schema` (one event's exported schema) with every overlay applied, in order.
    nlohmann::json apply(nlohmann::json schema) const;

    // The check tree of event number `event_index` (catalog order) in `mode` (lenient or
    // strict): the standard export, corrected, then compiled in that mode.
    const schema::CheckTree& tree(std::size_t event_index, schema::Mode mode) const;

private:
    explicit OverlaySet(std::vector<Overlay> overlays) : m_overlays(std::move(overlays)) {}

    std::vector<Overlay> m_overlays;
    std::array<std::unique_ptr<const schema::CheckTree>, 2 * k_events> m_trees;
};

// What `ats-hook schema TYPE --overlay F` prints: the overlays applied to what `ats-hook schema
// TYPE` prints in `mode`.
nlohmann::json effective_event_schema(const OverlaySet& overlays, std::string_view event,
                                      schema::Mode mode);

} // namespace atshook::overlay
