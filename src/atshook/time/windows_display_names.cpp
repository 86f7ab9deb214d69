#include "atshook/time/zone.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace atshook::time {
namespace {

// Windows' own list of zones, as `tzutil /l` prints it (the registry's Time Zones\*\Display
// values in English), in its order, each without its "(UTC+hh:mm) " prefix. Places that Windows
// renamed keep their older spelling as a second entry, marked "earlier".
constexpr WindowsDisplayName k_display_names[] = {
    {"International Date Line West", "Dateline Standard Time"},
    {"Coordinated Universal Time-11", "UTC-11"},
    {"Aleutian Islands", "Aleutian Standard Time"},
    {"Hawaii", "Hawaiian Standard Time"},
    {"Marquesas Islands", "Marquesas Standard Time"},
    {"Alaska", "Alaskan Standard Time"},
    {"Coordinated Universal Time-09", "UTC-09"},
    {"Baja California", "Pacific Standard Time (Mexico)"},
    {"Coordinated Universal Time-08", "UTC-08"},
    {"Pacific Time (US & Canada)", "Pacific Standard Time"},
    {"Arizona", "US Mountain Standard Time"},
    {"La Paz, Mazatlan", "Mountain Standard Time (Mexico)"},
    {"Chihuahua, La Paz, Mazatlan", "Mountain Standard Time (Mexico)"}, // earlier, until 2022
    {"Mountain Time (US & Canada)", "Mountain Standard Time"},
    {"Yukon", "Yukon Standard Time"},
    {"Central America", "Central America Standard Time"},
    {"Central Time (US & Canada)", "Central Standard Time"},
    {"Easter Island", "Easter Island Standard Time"},
    {"Guadalajara, Mexico City, Monterrey", "Central Standard Time (Mexico)"},
    {"Saskatchewan", "Canada Central Standard Time"},
    {"Bogota, Lima, Quito, Rio Branco", "SA Pacific Standard Time"},
    {"Chetumal", "Eastern Standard Time (Mexico)"},
    {"Eastern Time (US & Canada)", "Eastern Standard Time"},
    {"Haiti", "Haiti Standard Time"},
    {"Havana", "Cuba Standard Time"},
    {"Indiana (East)", "US Eastern Standard Time"},
    {"Turks and Caicos", "Turks And Caicos Standard Time"},
    {"Asuncion", "Paraguay Standard Time"},
    {"Atlantic Time (Canada)", "Atlantic Standard Time"},
    {"Caracas", "Venezuela Standard Time"},
    {"Cuiaba", "Central Brazilian Standard Time"},
    {"Georgetown, La Paz, Manaus, San Juan", "SA Western Standard Time"},
    {"Santiago", "Pacific SA Standard Time"},
    {"Newfoundland", "Newfoundland Standard Time"},
    {"Araguaina", "Tocantins Standard Time"},
    {"Brasilia", "E. South America Standard Time"},
    {"Cayenne, Fortaleza", "SA Eastern Standard Time"},
    {"City of Buenos Aires", "Argentina Standard Time"},
    {"Greenland", "Greenland Standard Time"},
    {"Montevideo", "Montevideo Standard Time"},
    {"Punta Arenas", "Magallanes Standard Time"},
    {"Saint Pierre and Miquelon", "Saint Pierre Standard Time"},
    {"Salvador", "Bahia Standard Time"},
    {"Coordinated Universal Time-02", "UTC-02"},
    {"Azores", "Azores Standard Time"},
    {"Cabo Verde Is.", "Cape Verde Standard Time"},
    {"Coordinated Universal Time", "UTC"},
    {"Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"},
    {"Monrovia, Reykjavik", "Greenwich Standard Time"},
    {"Sao Tome", "Sao Tome Standard Time"},
    {"Casablanca", "Morocco Standard Time"},
    {"Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "W. Europe Standard Time"},
    {"Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Central Europe Standard Time"},
    {"Brussels, Copenhagen, Madrid, Paris", "Romance Standard Time"},
    {"Sarajevo, Skopje, Warsaw, Zagreb", "Central European Standard Time"},
    {"West Central Africa", "W. Central Africa Standard Time"},
    {"Amman", "Jordan Standard Time"},
    {"Athens, Bucharest", "GTB Standard Time"},
    {"Beirut", "Middle East Standard Time"},
    {"Cairo", "Egypt Standard Time"},
    {"Chisinau", "E. Europe Standard Time"},
    {"Damascus", "Syria Standard Time"},
    {"Gaza, Hebron", "West Bank Standard Time"},
    {"Harare, Pretoria", "South Africa Standard Time"},
    {"Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"},
    {"Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"}, // earlier, until 2022
    {"Jerusalem", "Israel Standard Time"},
    {"Juba", "South Sudan Standard Time"},
    {"Kaliningrad", "Kaliningrad Standard Time"},
    {"Khartoum", "Sudan Standard Time"},
    {"Tripoli", "Libya Standard Time"},
    {"Windhoek", "Namibia Standard Time"},
    {"Baghdad", "Arabic Standard Time"},
    {"Istanbul", "Turkey Standard Time"},
    {"Kuwait, Riyadh", "Arab Standard Time"},
    {"Minsk", "Belarus Standard Time"},
    {"Moscow, St. Petersburg", "Russian Standard Time"},
    {"Nairobi", "E. Africa Standard Time"},
    {"Volgograd", "Volgograd Standard Time"},
    {"Tehran", "Iran Standard Time"},
    {"Abu Dhabi, Muscat", "Arabian Standard Time"},
    {"Astrakhan, Ulyanovsk", "Astrakhan Standard Time"},
    {"Baku", "Azerbaijan Standard Time"},
    {"Izhevsk, Samara", "Russia Time Zone 3"},
    {"Port Louis", "Mauritius Standard Time"},
    {"Saratov", "Saratov Standard Time"},
    {"Tbilisi", "Georgian Standard Time"},
    {"Yerevan", "Caucasus Standard Time"},
    {"Kabul", "Afghanistan Standard Time"},
    {"Ashgabat, Tashkent", "West Asia Standard Time"},
    {"Qyzylorda", "Qyzylorda Standard Time"},
    {"Ekaterinburg", "Ekaterinburg Standard Time"},
    {"Islamabad, Karachi", "Pakistan Standard Time"},
    {"Chennai, Kolkata, Mumbai, New Delhi", "India Standard Time"},
    {"Sri Jayawardenepura", "Sri Lanka Standard Time"},
    {"Kathmandu", "Nepal Standard Time"},
    {"Astana", "Central Asia Standard Time"},
    {"Dhaka", "Bangladesh Standard Time"},
    {"Omsk", "Omsk Standard Time"},
    {"Yangon (Rangoon)", "Myanmar Standard Time"},
    {"Bangkok, Hanoi, Jakarta", "SE Asia Standard Time"},
    {"Barnaul, Gorno-Altaysk", "Altai Standard Time"},
    {"Hovd", "W. Mongolia Standard Time"},
    {"Krasnoyarsk", "North Asia Standard Time"},
    {"Novosibirsk", "N. Central Asia Standard Time"},
    {"Tomsk", "Tomsk Standard Time"},
    {"Beijing, Chongqing, Hong Kong, Urumqi", "China Standard Time"},
    {"Irkutsk", "North Asia East Standard Time"},
    {"Kuala Lumpur, Singapore", "Singapore Standard Time"},
    {"Perth", "W. Australia Standard Time"},
    {"Taipei", "Taipei Standard Time"},
    {"Ulaanbaatar", "Ulaanbaatar Standard Time"},
    {"Eucla", "Aus Central W. Standard Time"},
    {"Chita", "Transbaikal Standard Time"},
    {"Osaka, Sapporo, Tokyo", "Tokyo Standard Time"},
    {"Pyongyang", "North Korea Standard Time"},
    {"Seoul", "Korea Standard Time"},
    {"Yakutsk", "Yakutsk Standard Time"},
    {"Adelaide", "Cen. Australia Standard Time"},
    {"Darwin", "AUS Central Standard Time"},
    {"Brisbane", "E. Australia Standard Time"},
    {"Canberra, Melbourne, Sydney", "AUS Eastern Standard Time"},
    {"Guam, Port Moresby", "West Pacific Standard Time"},
    {"Hobart", "Tasmania Standard Time"},
    {"Vladivostok", "Vladivostok Standard Time"},
    {"Lord Howe Island", "Lord Howe Standard Time"},
    {"Bougainville Island", "Bougainville Standard Time"},
    {"Chokurdakh", "Russia Time Zone 10"},
    {"Magadan", "Magadan Standard Time"},
    {"Norfolk Island", "Norfolk Standard Time"},
    {"Sakhalin", "Sakhalin Standard Time"},
    {"Solomon Is., New Caledonia", "Central Pacific Standard Time"},
    {"Anadyr, Petropavlovsk-Kamchatsky", "Russia Time Zone 11"},
    {"Auckland, Wellington", "New Zealand Standard Time"},
    {"Coordinated Universal Time+12", "UTC+12"},
    {"Fiji", "Fiji Standard Time"},
    {"Chatham Islands", "Chatham Islands Standard Time"},
    {"Coordinated Universal Time+13", "UTC+13"},
    {"Nuku'alofa", "Tonga Standard Time"},
    {"Samoa", "Samoa Standard Time"},
    {"Kiritimati Island", "Line Islands Standard Time"},
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The places of a display name: `name` without surrounding white space and without its
// "(UTC+05:30)", "(UTC)" or older "(GMT+05:30)" prefix, whatever the offset and the case.
std::optional<std::string_view> places_of(std::string_view name) {
    while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
    while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
    if (!starts_with_ignoring_case(name, "(UTC") && !starts_with_ignoring_case(name, "(GMT"))
        return std::nullopt;
    name.remove_prefix(4);
    const auto close = name.find(')');
    if (close == std::string_view::npos) return std::nullopt;
    const auto offset = name.substr(0, close);
    if (!std::all_of(offset.begin(), offset.end(), [](char c) {
            return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == ':';
        }))
        return std::nullopt;
    name.remove_prefix(close + 1);
    while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
    return name;
}

// The table sorted by places, built once, for a binary search.
const std::vector<WindowsDisplayName>& by_places() {
    static const std::vector<WindowsDisplayName> sorted = [] {
        std::vector<WindowsDisplayName> out(std::begin(k_display_names), std::end(k_display_names));
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.places < b.places; });
        return out;
    }();
    return sorted;
}

} // namespace

std::span<const WindowsDisplayName> windows_display_names() {
    return k_display_names;
}

std::optional<std::string_view> windows_display_name_to_standard(std::string_view display_name) {
    const auto places = places_of(display_name);
    if (!places) return std::nullopt;
    const auto& table = by_places();
    const auto found = std::lower_bound(
        table.begin(), table.end(), *places,
        [](const WindowsDisplayName& entry, std::string_view key) { return entry.places < key; });
    if (found == table.end() || found->places != *places) return std::nullopt;
    return found->windows;
}

} // namespace atshook::time
