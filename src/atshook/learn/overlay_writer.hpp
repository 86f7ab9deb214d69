#pragma once
// The corrections `learn --write-overlay` writes: an OpenAPI Overlay 1.0 document whose actions
// loosen (and with --tighten, tighten) the schemas that `ats-hook schema TYPE` prints, each
// with its evidence, so that ats-hook and other overlay tools apply it alike.
#include "atshook/learn/judgement.hpp"
#include "atshook/learn/profile.hpp"
#include "atshook/learn/schema_model.hpp"

#include <string>
#include <string_view>

namespace atshook::learn {

struct OverlayChoices {
    bool accept_deviations = false; // also loosen documented facts
    bool tighten = false;           // also write what the evidence proves
};

// The overlay's actions, each a `remove` of the schema node it corrects followed by an `update`
// of the node's parent with the corrected node (or an update that adds members), deepest first.
// Targets are simple JSONPath: member names, array indices, and for the envelope of one event
// type a filter on its `type` const. Empty when there is nothing to correct.
nlohmann::ordered_json overlay_actions(const Judgement& judgement, const Profile& profile,
                                       const SchemaModels& models, const OverlayChoices& choices);

// The whole overlay document as text (empty when there are no actions: an overlay must hold at
// least one).
std::string overlay_json(const Judgement& judgement, const Profile& profile,
                         const SchemaModels& models, const OverlayChoices& choices);

// `path`, a JSON pointer into an event's bundled schema, as a JSONPath target: "$.definitions
// ['objects.candidate'].properties.email"; below "/anyOf/N" the branch is picked by the event's
// type const, so the action applies to that event type alone.
std::string json_path_target(std::string_view path, std::string_view event);

} // namespace atshook::learn
