#include "atshook/receive/event_filter.hpp"

#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/json_text.hpp"
#include "atshook/white_space.hpp"

#include <algorithm>

namespace atshook::receive {

EventFilter EventFilter::parse(std::string_view list) {
    EventFilter filter;
    filter.m_all = false;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const std::string_view pattern = trim_white_space(list.substr(start, comma - start));
        start = comma + 1;
        if (pattern.empty()) continue;
        if (pattern == "*") {
            filter.m_all = true;
        } else if (pattern.ends_with('*')) {
            const std::string_view prefix = pattern.substr(0, pattern.size() - 1);
            const auto events = all_events();
            if (std::none_of(events.begin(), events.end(),
                             [&](const EventInfo& e) { return e.name.starts_with(prefix); }))
                throw Error("--events: " + quoted_excerpt(pattern) +
                                " matches no HireHive event type (`ats-hook events` lists them)",
                            Error::Kind::usage);
            filter.m_prefixes.emplace_back(prefix);
        } else if (find_event(pattern)) {
            filter.m_exact.emplace_back(pattern);
        } else {
            throw Error("--events: " + unknown_event_message(pattern), Error::Kind::usage);
        }
    }
    if (filter.m_exact.empty() && filter.m_prefixes.empty()) filter.m_all = true;
    return filter;
}

bool EventFilter::shows(std::string_view type) const {
    if (m_all) return true;
    if (type.empty()) return false;
    return std::find(m_exact.begin(), m_exact.end(), type) != m_exact.end() ||
           std::any_of(m_prefixes.begin(), m_prefixes.end(),
                       [&](const std::string& prefix) { return type.starts_with(prefix); });
}

} // namespace atshook::receive
