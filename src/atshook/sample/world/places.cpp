#include "atshook/sample/world/places.hpp"

#include <fmt/format.h>

#include <array>

namespace atshook::sample {
namespace {

const std::array<City, 24> k_cities{{
    {"Dublin", "County Dublin", "IE-D", "Ireland", "IE", "Europe/Dublin", "+353 85 ### ####", "€",
     100, "English", "en", "14 Harcourt Street, Dublin 2, D02 XY47"},
    {"Cork", "County Cork", "IE-CO", "Ireland", "IE", "Europe/Dublin", "+353 87 ### ####", "€", 92,
     "English", "en", "3 Lapp's Quay, Cork, T12 RW7D"},
    {"London", "England", "GB-ENG", "United Kingdom", "GB", "Europe/London", "+44 7700 900###", "£",
     95, "English", "en", "21 Leonard Street, London EC2A 4DY"},
    {"Manchester", "England", "GB-ENG", "United Kingdom", "GB", "Europe/London", "+44 7700 900###",
     "£", 80, "English", "en", "8 Spinningfields Square, Manchester M3 3AP"},
    {"Berlin", "Berlin", "DE-BE", "Germany", "DE", "Europe/Berlin", "+49 1521 #######", "€", 95,
     "German", "de", "Torstraße 109, 10119 Berlin"},
    {"Warsaw", "Masovian Voivodeship", "PL-14", "Poland", "PL", "Europe/Warsaw", "+48 5## ### ###",
     "PLN ", 280, "Polish", "pl", "ul. Prosta 51, 00-838 Warszawa"},
    {"Lisbon", "Lisbon", "PT-11", "Portugal", "PT", "Europe/Lisbon", "+351 91# ### ###", "€", 60,
     "Portuguese", "pt", "Avenida da Liberdade 190, 1250-147 Lisboa"},
    {"Madrid", "Community of Madrid", "ES-MD", "Spain", "ES", "Europe/Madrid", "+34 6## ### ###",
     "€", 70, "Spanish", "es", "Calle de Alcalá 120, 28009 Madrid"},
    {"Amsterdam", "North Holland", "NL-NH", "Netherlands", "NL", "Europe/Amsterdam",
     "+31 6 ########", "€", 98, "Dutch", "nl", "Keizersgracht 241, 1016 EA Amsterdam"},
    {"Stockholm", "Stockholm County", "SE-AB", "Sweden", "SE", "Europe/Stockholm",
     "+46 70 ### ## ##", "SEK ", 1050, "Swedish", "sv", "Sveavägen 44, 111 34 Stockholm"},
    {"New York", "New York", "US-NY", "United States", "US", "America/New_York", "+1 212-555-01##",
     "$", 150, "English", "en", "233 Broadway, New York, NY 10279"},
    {"Austin", "Texas", "US-TX", "United States", "US", "America/Chicago", "+1 512-555-01##", "$",
     130, "English", "en", "500 W 2nd Street, Austin, TX 78701"},
    {"San Francisco", "California", "US-CA", "United States", "US", "America/Los_Angeles",
     "+1 415-555-01##", "$", 165, "English", "en", "101 Market Street, San Francisco, CA 94105"},
    {"Toronto", "Ontario", "CA-ON", "Canada", "CA", "America/Toronto", "+1 416-555-01##", "CA$",
     120, "English", "en", "155 Wellington Street West, Toronto, ON M5V 3H1"},
    {"Mexico City", "Mexico City", "MX-CMX", "Mexico", "MX", "America/Mexico_City",
     "+52 55 #### ####", "MX$", 900, "Spanish", "es", "Paseo de la Reforma 250, 06600 CDMX"},
    {"São Paulo", "São Paulo", "BR-SP", "Brazil", "BR", "America/Sao_Paulo", "+55 11 9####-####",
     "R$", 250, "Portuguese", "pt", "Avenida Paulista 1374, São Paulo, SP 01310-100"},
    {"Lagos", "Lagos", "NG-LA", "Nigeria", "NG", "Africa/Lagos", "+234 80# ### ####", "₦", 18000,
     "English", "en", "12 Adeola Odeku Street, Victoria Island, Lagos"},
    {"Nairobi", "Nairobi City", "KE-30", "Kenya", "KE", "Africa/Nairobi", "+254 7## ### ###",
     "KSh ", 4000, "English", "en", "Westlands Road 9, Nairobi"},
    {"Bengaluru", "Karnataka", "IN-KA", "India", "IN", "Asia/Kolkata", "+91 98### #####", "₹", 2400,
     "English", "en", "80 Feet Road 12, Koramangala, Bengaluru 560034"},
    {"Singapore", "Central Singapore", "SG-01", "Singapore", "SG", "Asia/Singapore",
     "+65 8### ####", "S$", 140, "English", "en", "8 Marina View, Singapore 018960"},
    {"Tokyo", "Tokyo", "JP-13", "Japan", "JP", "Asia/Tokyo", "+81 90-####-####", "¥", 14000,
     "Japanese", "ja", "2-11-3 Meguro, Meguro-ku, Tokyo 153-0063"},
    {"Sydney", "New South Wales", "AU-NSW", "Australia", "AU", "Australia/Sydney",
     "+61 491 570 ###", "A$", 150, "English", "en", "1 Bligh Street, Sydney NSW 2000"},
    {"Auckland", "Auckland", "NZ-AUK", "New Zealand", "NZ", "Pacific/Auckland", "+64 21 ### ####",
     "NZ$", 150, "English", "en", "88 Shortland Street, Auckland 1010"},
    {"Dubai", "Dubai", "AE-DU", "United Arab Emirates", "AE", "Asia/Dubai", "+971 50 ### ####",
     "AED ", 380, "English", "en", "Gate Avenue, DIFC, Dubai"},
}};

// Rounds to a figure a recruiter would write: 2 significant digits.
long round_figure(long value) {
    long unit = 1;
    while (value / unit >= 100) unit *= 10;
    return (value + unit / 2) / unit * unit;
}

std::string with_commas(long value) {
    std::string digits = std::to_string(value);
    std::string text;
    const std::size_t lead = digits.size() % 3;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (i + 3 - lead) % 3 == 0) text += ',';
        text += digits[i];
    }
    return text;
}

} // namespace

const City& random_city(Random& random) {
    return random.pick(k_cities);
}

std::string phone_number(const City& city, Random& random) {
    std::string text;
    for (const char c : city.phone_format)
        text += c == '#' ? static_cast<char>('0' + random.below(10)) : c;
    return text;
}

std::string salary_range(const City& city, int euros_k, Random& random) {
    const long middle = static_cast<long>(euros_k) * 1000 * city.salary_percent / 100;
    const long spread = middle * random.between(8, 15) / 100;
    return fmt::format("{0}{1} – {0}{2} per year", city.currency,
                       with_commas(round_figure(middle - spread)),
                       with_commas(round_figure(middle + spread)));
}

} // namespace atshook::sample
