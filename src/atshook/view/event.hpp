#pragma once
#include "atshook/view/view.hpp"

#include <memory>
#include <string_view>

namespace atshook::view {

// Reads HireHive payloads into views, reusing one simdjson parser between payloads.
class EventReader {
public:
    EventReader();
    ~EventReader();
    EventReader(EventReader&&) noexcept;
    EventReader& operator=(EventReader&&) noexcept;

    // Reads one payload. Throws atshook::Error naming `source` ("invite.json",
    // "events.ndjson:3") when the bytes are not a HireHive event: not JSON, not an object, or
    // without a known `type`. Anything else (absent, null or odd fields) reads as absent or as
    // the JSON text that was there.
    EventView read(std::string_view json, std::string_view source);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// One-off convenience over EventReader.
EventView read_event(std::string_view json, std::string_view source = "payload");

} // namespace atshook::view
