#pragma once
#include <string_view>

namespace atshook::schema {

// RFC 3339 `date-time` (JSON Schema's format): full-date "T" full-time, with real days per month
// and leap years, seconds up to 60 (leap second), any number of fractional digits, and "Z" or a
// numeric offset within +-23:59. "T" and "Z" may be lower case, as RFC 3339 allows.
bool is_date_time(std::string_view text);

} // namespace atshook::schema
