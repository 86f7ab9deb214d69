#include "atshook/overlay/overlay_set.hpp"

#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/schema/compiler.hpp"
#include "atshook/schema/store.hpp"

#include <fmt/format.h>

namespace atshook::overlay {
namespace {

using json = nlohmann::json;

void check_schema_version(const Overlay& overlay) {
    const std::string ours = schema::schema_version();
    const auto refuse = [&](const std::string& where, const std::string& theirs) {
        throw Error(fmt::format("{}: made for schema version {}; this ats-hook has {} (write the "
                                "overlay again for these schemas, or remove "
                                "x-ats-hook-schema-version if you checked it by hand)",
                                where, theirs, ours));
    };
    if (!overlay.schema_version.empty() && overlay.schema_version != ours)
        refuse(overlay.name, overlay.schema_version);
    for (std::size_t i = 0; i < overlay.actions.size(); ++i) {
        const std::string& theirs = overlay.actions[i].schema_version;
        if (!theirs.empty() && theirs != ours) refuse(action_place(overlay, i), theirs);
    }
}

std::string file_names(const std::vector<Overlay>& overlays) {
    std::vector<std::string> names;
    for (const auto& overlay : overlays) names.push_back(overlay.name);
    return fmt::format("{}", fmt::join(names, ", "));
}

std::size_t slot(std::size_t event_index, schema::Mode mode) {
    return event_index * 2 + (mode == schema::Mode::strict ? 1 : 0);
}

} // namespace

std::shared_ptr<const OverlaySet> OverlaySet::make(std::vector<Overlay> overlays) {
    for (const auto& overlay : overlays) check_schema_version(overlay);
    std::shared_ptr<OverlaySet> set(new OverlaySet(std::move(overlays)));

    std::vector<std::vector<bool>> matched;
    for (const auto& overlay : set->m_overlays) matched.emplace_back(overlay.actions.size());
    const auto events = all_events();
    if (events.size() != k_events) throw Error("the event catalog changed size");
    for (std::size_t e = 0; e < events.size(); ++e) {
        const std::string_view event = events[e].name;
        json schema = schema::export_event_schema(event, schema::Mode::standard);
        for (std::size_t o = 0; o < set->m_overlays.size(); ++o)
            for (std::size_t a = 0; a < set->m_overlays[o].actions.size(); ++a)
                if (apply_action(set->m_overlays[o], a, schema)) matched[o][a] = true;
        const std::string root = fmt::format("{}.json", event);
        const schema::SchemaDocuments documents{{root, std::move(schema)}};
        for (const auto mode : {schema::Mode::lenient, schema::Mode::strict}) {
            try {
                set->m_trees[slot(e, mode)] = std::make_unique<const schema::CheckTree>(
                    schema::compile(documents, root, mode));
            } catch (const Error& error) {
                throw Error(fmt::format("{}: the corrected schema of {} is not one ats-hook can "
                                        "check: {}",
                                        file_names(set->m_overlays), event, error.what()));
            }
        }
    }
    for (std::size_t o = 0; o < set->m_overlays.size(); ++o)
        for (std::size_t a = 0; a < matched[o].size(); ++a)
            if (!matched[o][a])
                throw Error(fmt::format(
                    "{}: the target selects nothing in the schema of any of the {} events "
                    "(see `ats-hook schema TYPE` for what a target can name)",
                    action_place(set->m_overlays[o], a), k_events));
    return set;
}

json OverlaySet::apply(json schema) const {
    for (const auto& overlay : m_overlays) apply_overlay(overlay, schema);
    return schema;
}

const schema::CheckTree& OverlaySet::tree(std::size_t event_index, schema::Mode mode) const {
    return *m_trees.at(slot(event_index, mode));
}

json effective_event_schema(const OverlaySet& overlays, std::string_view event, schema::Mode mode) {
    return overlays.apply(schema::export_event_schema(event, mode));
}

} // namespace atshook::overlay
