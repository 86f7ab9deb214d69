#include "atshook/learn/profile.hpp"

#include "atshook/error.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace atshook::learn {
namespace {

// The next segment of a pointer from `position` ("" at the end).
std::string_view next_segment(std::string_view pointer, std::size_t& position) {
    if (position >= pointer.size()) return {};
    const std::size_t start = position + 1; // skip '/'
    std::size_t end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    position = end;
    return pointer.substr(start, end - start);
}

bool is_index(std::string_view segment) {
    return !segment.empty() && segment.size() <= 18 &&
           std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Pointers in document order for arrays: "/a/2" before "/a/10"; other segments by bytes.
int compare_pointers(std::string_view a, std::string_view b) {
    std::size_t pa = 0, pb = 0;
    while (true) {
        const bool end_a = pa >= a.size(), end_b = pb >= b.size();
        if (end_a || end_b) return end_a == end_b ? 0 : (end_a ? -1 : 1);
        const std::string_view sa = next_segment(a, pa), sb = next_segment(b, pb);
        if (is_index(sa) && is_index(sb)) {
            if (sa.size() != sb.size()) return sa.size() < sb.size() ? -1 : 1;
        }
        if (const int c = sa.compare(sb); c != 0) return c < 0 ? -1 : 1;
    }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool digits(std::string_view s, std::size_t from, std::size_t count) {
    if (from + count > s.size()) return false;
    for (std::size_t i = from; i < from + count; ++i)
        if (!is_digit(s[i])) return false;
    return true;
}

bool is_date(std::string_view s) {
    return s.size() >= 10 && digits(s, 0, 4) && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' &&
           digits(s, 8, 2);
}

// The keys of date-time formats, made once: "date-time Z .7" and the like.
constexpr std::size_t k_max_fraction_key = 20; // longer fractions share ".20+"
const std::string& date_time_key(std::size_t zone, std::size_t fraction) {
    static const auto keys = [] {
        static constexpr std::array<std::string_view, 3> k_zones = {"Z", "+00:00", "+hh:mm"};
        std::array<std::array<std::string, k_max_fraction_key + 1>, 3> out;
        for (std::size_t z = 0; z < 3; ++z)
            for (std::size_t f = 0; f <= k_max_fraction_key; ++f)
                out[z][f] = fmt::format("date-time {} .{}{}", k_zones[z], f,
                                        f == k_max_fraction_key ? "+" : "");
        return out;
    }();
    return keys[zone][std::min(fraction, k_max_fraction_key)];
}

// The key of an RFC 3339 date-time's format, or null when `s` is none.
const std::string* date_time_format(std::string_view s) {
    if (s.size() < 20 || !is_date(s) || (s[10] != 'T' && s[10] != 't')) return nullptr;
    if (!digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2) || s[16] != ':' ||
        !digits(s, 17, 2))
        return nullptr;
    std::size_t i = 19;
    std::size_t fraction = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) {
            ++i;
            ++fraction;
        }
        if (fraction == 0) return nullptr;
    }
    std::size_t zone = 0;
    if (i + 1 == s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        zone = 0;
    } else if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && digits(s, i + 1, 2) &&
               s[i + 3] == ':' && digits(s, i + 4, 2)) {
        zone = s.substr(i, 6) == "+00:00" ? 1 : 2;
    } else {
        return nullptr;
    }
    return &date_time_key(zone, fraction);
}

bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < 36; ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
    }
    return true;
}

bool is_email(std::string_view s) {
    if (s.size() > 254) return false; // RFC 5321's longest path
    const std::size_t at = s.find('@');
    if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos)
        return false;
    const std::string_view domain = s.substr(at + 1);
    const std::size_t dot = domain.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot + 1 == domain.size()) return false;
    return std::none_of(s.begin(), s.end(),
                        [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '<'; });
}

bool is_uri(std::string_view s) {
    const std::size_t colon = s.substr(0, 20).find("://");
    if (colon == 0 || colon == std::string_view::npos || colon > 16 || !is_lower(s[0]))
        return false;
    for (std::size_t i = 0; i < colon; ++i)
        if (!is_lower(s[i]) && !is_digit(s[i]) && s[i] != '+' && s[i] != '.' && s[i] != '-')
            return false;
    return colon + 3 < s.size() &&
           std::none_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n'; });
}

// Eight bytes as a little-endian number, whatever the machine, so sketches agree everywhere.
std::uint64_t load_le64(const char* p) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, sizeof v);
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
    return v;
}

std::uint64_t hash_bytes(std::string_view bytes, char kind) {
    // Eight bytes at a time, multiplied and folded, then a finaliser to spread the bits.
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (static_cast<std::uint64_t>(bytes.size()) << 8) ^
                      static_cast<unsigned char>(kind);
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        h = (h ^ load_le64(bytes.data() + i)) * 0xff51afd7ed558ccdULL;
        h ^= h >> 29;
    }
    std::uint64_t tail = 0;
    for (std::size_t j = bytes.size(); j > i; --j)
        tail = (tail << 8) | static_cast<unsigned char>(bytes[j - 1]);
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

} // namespace

namespace {
bool view_before(std::string_view source_a, std::uint64_t line_a, std::string_view pointer_a,
                 std::string_view source_b, std::uint64_t line_b, std::string_view pointer_b) {
    if (source_a != source_b) return source_a < source_b;
    if (line_a != line_b) return line_a < line_b;
    return compare_pointers(pointer_a, pointer_b) < 0;
}
} // namespace

bool comes_before(const Location& a, const Location& b) {
    return view_before(a.source, a.line, a.pointer, b.source, b.line, b.pointer);
}

std::string to_string(const Location& location) {
    std::string out = location.source;
    if (location.line) out += fmt::format(":{}", location.line);
    if (!location.pointer.empty()) out += " " + location.pointer;
    return out;
}

void Counted::add(std::uint64_t n, const LocationView& at) {
    // The common case, a later line of the same input, needs no pointer.
    const bool later = count > 0 && at.line > first.line &&
                       (at.source.data() == m_source_tag || at.source == first.source);
    if (!later && (count == 0 || view_before(at.source, at.line, at.pointer_text(), first.source,
                                             first.line, first.pointer))) {
        first.source.assign(at.source);
        first.line = at.line;
        first.pointer.assign(at.pointer_text());
        m_source_tag = at.source.data();
    }
    count += n;
}

void Counted::merge(const Counted& other) {
    m_source_tag = nullptr;
    if (other.count == 0) return;
    if (count == 0 || comes_before(other.first, first)) first = other.first;
    count += other.count;
}

std::string_view to_string(JsonType type) {
    static constexpr std::array<std::string_view, k_json_types> k_names = {
        "null", "boolean", "integer", "number", "string", "array", "object"};
    return k_names[static_cast<std::size_t>(type)];
}

void CappedCounts::overflow() {
    entries.clear();
    overflowed = true;
    m_last = nullptr;
}

void CappedCounts::add(std::string_view key, const LocationView& at, std::size_t cap) {
    if (overflowed) return;
    if (m_last && m_last_key == key) { // most values repeat the last one's key
        m_last->add(1, at);
        return;
    }
    auto found = entries.find(key);
    if (found == entries.end()) {
        if (entries.size() >= cap) {
            overflow();
            return;
        }
        found = entries.emplace(std::string(key), Counted{}).first;
    }
    found->second.add(1, at);
    m_last = &found->second; // map nodes stay where they are until the map is cleared
    m_last_key = found->first;
}

void CappedCounts::merge(const CappedCounts& other, std::size_t cap) {
    m_last = nullptr;
    if (overflowed) return;
    if (other.overflowed) {
        entries.clear();
        overflowed = true;
        return;
    }
    for (const auto& [key, counted] : other.entries) entries[key].merge(counted);
    if (entries.size() > cap) {
        entries.clear();
        overflowed = true;
    }
}

void DistinctSketch::add(std::string_view value, char kind) {
    const std::uint64_t h = hash_bytes(value, kind);
    const std::size_t index = h >> 58;
    const std::uint64_t rest = (h << 6) | (std::uint64_t{1} << 5); // never all zero
    const auto rank = static_cast<std::uint8_t>(std::countl_zero(rest) + 1);
    registers[index] = std::max(registers[index], rank);
}

void DistinctSketch::merge(const DistinctSketch& other) {
    for (std::size_t i = 0; i < registers.size(); ++i)
        registers[i] = std::max(registers[i], other.registers[i]);
}

bool DistinctSketch::empty() const {
    return std::all_of(registers.begin(), registers.end(), [](std::uint8_t r) { return r == 0; });
}

std::uint64_t DistinctSketch::estimate() const {
    constexpr double m = 64;
    double sum = 0;
    std::size_t zeros = 0;
    for (const std::uint8_t r : registers) {
        sum += std::ldexp(1.0, -static_cast<int>(r));
        if (r == 0) ++zeros;
    }
    const double raw = 0.709 * m * m / sum;
    if (raw <= 2.5 * m && zeros > 0) // small range: linear counting
        return static_cast<std::uint64_t>(std::llround(m * std::log(m / static_cast<double>(zeros))));
    return static_cast<std::uint64_t>(std::llround(raw));
}

void PointerStats::merge(const PointerStats& other) {
    const bool had_strings = types[4].count > 0;
    present.merge(other.present);
    for (std::size_t i = 0; i < k_json_types; ++i) types[i].merge(other.types[i]);
    empty_string.merge(other.empty_string);
    if (other.types[4].count > 0) {
        min_length = had_strings ? std::min(min_length, other.min_length) : other.min_length;
        max_length = had_strings ? std::max(max_length, other.max_length) : other.max_length;
    }
    if (other.has_number) {
        min_number = has_number ? std::min(min_number, other.min_number) : other.min_number;
        max_number = has_number ? std::max(max_number, other.max_number) : other.max_number;
        has_number = true;
    }
    formats.merge(other.formats, k_value_cap);
    prefixes.merge(other.prefixes, k_prefix_cap);
    values.merge(other.values, k_value_cap);
    key_kinds.merge(other.key_kinds, k_key_pattern_cap);
    distinct.merge(other.distinct);
    policy = std::max(policy, other.policy);
}

void EventProfile::merge(const EventProfile& other) {
    documents.merge(other.documents);
    for (const auto& [pointer, stats] : other.pointers) pointers[pointer].merge(stats);
    pointers_capped = pointers_capped || other.pointers_capped;
    if (pointers.size() > k_pointer_cap) {
        pointers_capped = true;
        while (pointers.size() > k_pointer_cap) pointers.erase(std::prev(pointers.end()));
    }
}

std::uint64_t EventProfile::holders(std::string_view pointer) const {
    const std::size_t slash = pointer.rfind('/');
    if (slash == std::string_view::npos) return 0;
    const auto parent = pointers.find(pointer.substr(0, slash));
    if (parent == pointers.end()) return 0;
    const auto& types = parent->second.types;
    const std::uint64_t objects = types[static_cast<std::size_t>(JsonType::object)].count;
    return pointer.substr(slash) == "/*"
               ? objects + types[static_cast<std::size_t>(JsonType::array)].count
               : objects;
}

void Profile::merge(const Profile& other) {
    if (show_values != other.show_values)
        throw Error("cannot merge a profile made with --show-values with one made without it");
    if (schema_version != other.schema_version)
        throw Error(fmt::format("cannot merge profiles made for different schema versions ({} "
                                "and {}): learn both again with the same ats-hook",
                                schema_version, other.schema_version));
    documents += other.documents;
    unreadable.merge(other.unreadable);
    unknown_type.merge(other.unknown_type);
    for (const auto& [name, event] : other.events) events[name].merge(event);
}

std::string_view string_format(std::string_view value) {
    if (value.empty()) return "text";
    if (is_digit(value[0])) {
        if (const std::string* key = date_time_format(value)) return *key;
        if (value.size() == 10 && is_date(value)) return "date";
    }
    if (is_uuid(value)) return "uuid";
    if (is_email(value)) return "email";
    if (is_uri(value)) return "uri";
    return "text";
}

std::string_view id_prefix(std::string_view value) {
    if (value.size() < 5 || value.size() > 64 || !is_lower(value[0])) return {};
    // Prefixes are short: no "_" near the start, no id.
    if (std::memchr(value.data(), '_', std::min<std::size_t>(value.size(), 24)) == nullptr) return {};
    const std::size_t underscore = value.rfind('_');
    if (underscore == std::string_view::npos || underscore == 0 || underscore + 1 >= value.size())
        return {};
    const std::string_view prefix = value.substr(0, underscore + 1);
    const std::string_view tail = value.substr(underscore + 1);
    for (std::size_t i = 0; i < underscore; ++i) {
        const bool ok = is_lower(prefix[i]) || (prefix[i] == '_' && i > 0 && prefix[i - 1] != '_');
        if (!ok) return {};
    }
    bool marked = false;
    for (const char c : tail) {
        if (is_digit(c) || is_upper(c)) marked = true;
        else if (!is_lower(c)) return {};
    }
    return marked && tail.size() >= 3 ? prefix : std::string_view{};
}

bool looks_like_identifier(std::string_view value) {
    if (value.empty() || value.size() > 40) return false;
    if (!is_lower(value[0]) && !is_digit(value[0])) return false;
    return std::all_of(value.begin(), value.end(), [](char c) {
        return is_lower(c) || is_digit(c) || c == '_' || c == '.' || c == '-';
    });
}

} // namespace atshook::learn
