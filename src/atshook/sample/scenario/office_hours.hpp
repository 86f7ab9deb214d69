#pragma once
#include "atshook/timestamp.hpp"

#include <date/tz.h>

#include <chrono>
#include <string_view>

namespace atshook::sample {

// Working time: seconds of office hours since 09:00 of a story's first working day.
using OfficeTime = std::chrono::seconds;

// The office hours of the hiring company, 09:00 to 17:00 Monday to Friday in the job's time zone,
// laid end to end as one clock, so a story can say "two working hours later" and every moment
// it names falls on a weekday between 09:00 and 17:00.
class OfficeHours {
public:
    static constexpr OfficeTime k_day = std::chrono::hours{8};

    // `time_zone` is an IANA name; `from` is the earliest moment of the story.
    OfficeHours(std::string_view time_zone, Instant from);

    // The office time of `from`, or of the next opening when `from` is outside office hours.
    OfficeTime start() const { return m_start; }
    // The moment `time` names, in whole seconds; `time` must not be negative.
    Instant at(OfficeTime time) const;

private:
    const date::time_zone* m_zone;
    date::local_days m_first_day; // a weekday
    OfficeTime m_start;
};

} // namespace atshook::sample
