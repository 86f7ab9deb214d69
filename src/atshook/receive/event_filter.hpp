#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace atshook::receive {

// Which event types to show: `interview.*,job.created`. A pattern is an event type, a prefix
// ending in `*` (`interview.*`, `application.stage*`) or `*`. An empty filter shows everything.
class EventFilter {
public:
    EventFilter() = default;
    // Throws atshook::Error (usage) naming a pattern that matches no HireHive event type, with
    // a did-you-mean for a misspelt type.
    static EventFilter parse(std::string_view list);

    // Whether an event of `type` is shown; an unknown or absent type ("") only by `*` or an
    // empty filter.
    bool shows(std::string_view type) const;

private:
    std::vector<std::string> m_exact;
    std::vector<std::string> m_prefixes;
    bool m_all = true;
};

} // namespace atshook::receive
