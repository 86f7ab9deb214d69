#pragma once
#include "atshook/learn/profile.hpp"
#include "atshook/learn/schema_model.hpp"
#include "atshook/limits.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace atshook::learn {

struct LearnOptions {
    std::string forced_event; // --event: profile every document as this type
    bool show_values = false; // --show-values: keep every short value, not only identifiers
    std::size_t max_depth = limits::k_depth;
};

// Counts payloads into a Profile. Reuses one simdjson parser: one Profiler per thread; profiles
// of several Profilers merge into the same result as one Profiler reading everything.
class Profiler {
public:
    // Throws atshook::Error (usage) for an --event that is no HireHive event type.
    Profiler(const SchemaModels& models, LearnOptions options, std::string schema_version);
    ~Profiler();
    Profiler(Profiler&&) noexcept;
    Profiler& operator=(Profiler&&) noexcept;

    // One payload: a whole file, an NDJSON line (`line` > 0) or a request's body.
    void add(std::string_view json, std::string_view source, std::uint64_t line);
    // An input that is not a payload at all (a request file that does not parse).
    void add_unreadable(std::string_view source, std::uint64_t line);

    Profile& profile();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace atshook::learn
