#include "atshook/catalog.hpp"
#include "atshook/completion/script.hpp"
#include "atshook/time/zone.hpp"

#include <algorithm>

namespace atshook::completion {

Vocabulary hirehive_vocabulary() {
    Vocabulary vocabulary;
    for (const auto& event : all_events())
        vocabulary.event_types.push_back({std::string(event.name), std::string(event.meaning)});
    vocabulary.zones = time::zone_names();
    for (const auto& zone : time::windows_zones()) // "UTC" is an IANA name too
        if (!std::binary_search(vocabulary.zones.begin(), vocabulary.zones.end(), zone.windows))
            vocabulary.windows_zones.emplace_back(zone.windows);
    std::sort(vocabulary.windows_zones.begin(), vocabulary.windows_zones.end());
    return vocabulary;
}

} // namespace atshook::completion
