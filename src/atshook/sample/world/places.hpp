#pragma once
#include "atshook/sample/random.hpp"

#include <string>
#include <string_view>

namespace atshook::sample {

// A city a job can be in, with what a job there comes with: its region and country codes
// (ISO 3166), its IANA time zone, how phone numbers and salaries are written there.
struct City {
    std::string_view name;
    std::string_view state_name;
    std::string_view state_code; // ISO 3166-2
    std::string_view country_name;
    std::string_view country_code; // ISO 3166-1 alpha-2
    std::string_view time_zone;    // IANA
    std::string_view phone_format; // '#' is a random digit; fictional ranges where one exists
    std::string_view currency;     // symbol written before the amount
    int salary_percent;            // local pay for a role relative to its euro figure
    std::string_view language_name;
    std::string_view language_code;
    std::string_view office; // the hiring company's office there (a made-up street)
};

const City& random_city(Random& random);

std::string phone_number(const City& city, Random& random);

// "€58,000 – €72,000 per year" for a role whose mid-point is `euros_k` thousand euros.
std::string salary_range(const City& city, int euros_k, Random& random);

} // namespace atshook::sample
