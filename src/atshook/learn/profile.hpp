#pragma once
// What `ats-hook learn` counts: for each event type and each JSON pointer of its payloads, how
// often a value was there, of which JSON type, with which formats, id prefixes and values. Every
// counter merges exactly (sums, minima, maxima, capped sets that turn into a flag when they
// overflow, a HyperLogLog sketch for distinct values), so profiles of parts of a corpus merge into
// the profile of the whole, in any order and grouping, byte for byte.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace atshook::learn {

// Where a value was first seen: the input (a file name, "<stdin>"), the NDJSON line (0 for a
// whole file) and the value's pointer with its real array indices. "First" is the least in the
// order (source, line, pointer compared segment by segment, numbers as numbers), so it does not
// depend on the order in which inputs are read or profiles merged.
struct Location {
    std::string source;
    std::uint64_t line = 0;
    std::string pointer;
};
bool comes_before(const Location& a, const Location& b);

// The pointer of a value being walked, spelled out only when a counter needs it (rarely: when
// the value becomes a counter's first, or ties with it on source and line).
class LazyPointer {
public:
    virtual std::string_view text() const = 0;

protected:
    ~LazyPointer() = default;
};

// A Location in the making: copied only when it becomes a counter's first.
struct LocationView {
    std::string_view source;
    std::uint64_t line = 0;
    std::string_view pointer;          // used when `lazy` is null
    const LazyPointer* lazy = nullptr; // else asked for the pointer only when it is needed
    std::string_view pointer_text() const { return lazy ? lazy->text() : pointer; }
};
// "samples/log.ndjson:17 /data/object/id", "delivery.http /data/object/id".
std::string to_string(const Location& location);

// How many times something was seen and where first.
struct Counted {
    std::uint64_t count = 0;
    Location first;
    void add(std::uint64_t n, const LocationView& at);
    void merge(const Counted& other);

private:
    // The bytes `first.source` was copied from. A Profiler keeps its source names in place
    // while it profiles, so the same address means the same input without comparing the names.
    const char* m_source_tag = nullptr;
};

enum class JsonType : std::uint8_t { null, boolean, integer, number, string, array, object };
constexpr std::size_t k_json_types = 7;
std::string_view to_string(JsonType type);

// A set of distinct keys, each counted, kept exactly up to `cap` keys; past the cap the keys are
// dropped and only `overflowed` stays (so two sets merge to the same result in any grouping).
struct CappedCounts {
    std::map<std::string, Counted, std::less<>> entries;
    bool overflowed = false;

    CappedCounts() = default;
    CappedCounts(const CappedCounts& other) : entries(other.entries), overflowed(other.overflowed) {}
    CappedCounts(CappedCounts&& other) noexcept
        : entries(std::move(other.entries)), overflowed(other.overflowed) {}
    CappedCounts& operator=(const CappedCounts& other) {
        entries = other.entries;
        overflowed = other.overflowed;
        m_last = nullptr;
        return *this;
    }
    CappedCounts& operator=(CappedCounts&& other) noexcept {
        entries = std::move(other.entries);
        overflowed = other.overflowed;
        m_last = nullptr;
        return *this;
    }

    void add(std::string_view key, const LocationView& at, std::size_t cap);
    void overflow(); // the set is not closed (a value that may not be kept was seen)
    void merge(const CappedCounts& other, std::size_t cap);

private:
    Counted* m_last = nullptr; // the entry added to last, and its key (in the map's node)
    std::string_view m_last_key;
};

// Distinct values, estimated: a HyperLogLog sketch of 64 registers (about 13% error).
struct DistinctSketch {
    std::array<std::uint8_t, 64> registers{};
    // `kind` keeps apart values of different JSON types with the same text ("1" and 1).
    void add(std::string_view value, char kind);
    void merge(const DistinctSketch& other);
    std::uint64_t estimate() const;
    bool empty() const;
};

// The caps, part of the profile format: profiles merge only with the same caps.
constexpr std::size_t k_value_cap = 32;
constexpr std::size_t k_prefix_cap = 16;
constexpr std::size_t k_key_pattern_cap = 16;
constexpr std::size_t k_pointer_cap = 4096; // per event type
constexpr std::size_t k_kept_value_bytes = 64;

// Which values a pointer keeps (beyond counts, formats and prefixes), chosen once per pointer
// from the schema: values are personal data unless the schema says they are a closed set.
enum class ValuePolicy : std::uint8_t {
    identifiers, // strings that look like identifiers (lowercase letters, digits, _ . -)
    all,         // every short value: an enum or const in the schema, or --show-values
};

// The counters of one pointer of one event type.
struct PointerStats {
    Counted present;                            // times the pointer had a value (null included)
    std::array<Counted, k_json_types> types;    // by JSON type
    Counted empty_string;                       // "" (kept apart from null and absent)
    std::uint64_t min_length = 0, max_length = 0; // of strings, in bytes
    bool has_number = false;
    double min_number = 0, max_number = 0;
    CappedCounts formats;     // one key per string: see string_format()
    CappedCounts prefixes;    // id prefixes ("can_"); strings that are no id are not counted
    CappedCounts values;      // strings, integers and booleans as their JSON text
    CappedCounts key_kinds;   // objects whose keys were folded to "*": "id:qst_", "number"
    DistinctSketch distinct;  // every string, integer and boolean
    ValuePolicy policy = ValuePolicy::identifiers;
    // While profiling: the Profiler's cache entry that points here (not saved, not merged).
    std::uint32_t cache_slot = UINT32_MAX;

    void merge(const PointerStats& other);
};

// Everything seen for one event type; pointers are folded (array indices and id or number keys
// are "*").
struct EventProfile {
    Counted documents;
    std::map<std::string, PointerStats, std::less<>> pointers;
    bool pointers_capped = false; // more than k_pointer_cap pointers: only the least are kept
    void merge(const EventProfile& other);
    // How many containers could hold `pointer`: the objects at its parent (and the arrays too,
    // for "/*"); 0 for the root.
    std::uint64_t holders(std::string_view pointer) const;
};

struct Profile {
    bool show_values = false; // --show-values: every short value kept, not only identifiers
    std::string schema_version;
    std::uint64_t documents = 0;  // read, of every kind
    Counted unreadable;           // not JSON, not an object
    Counted unknown_type;         // no "type", or not one of the 19
    std::map<std::string, EventProfile, std::less<>> events;
    // Throws atshook::Error when the two were made with other value choices or schemas.
    void merge(const Profile& other);
};

// The key of a string in PointerStats::formats: "date-time Z .7" (Z suffix, 7 fractional
// digits), "date-time +hh:mm .0", "date", "email", "uri", "uuid", or "text".
std::string_view string_format(std::string_view value);
// The id prefix of `value` ("can_" for "can_abc123", "wbhk_evt_" for "wbhk_evt_8mW"), or "" when
// it does not look like an id (lowercase words joined by "_", then letters and digits with at
// least one digit or capital).
std::string_view id_prefix(std::string_view value);
// Whether `value` looks like an identifier (kept as a value under ValuePolicy::identifiers).
bool looks_like_identifier(std::string_view value);

} // namespace atshook::learn
