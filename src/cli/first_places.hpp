#pragma once
// Where learn's findings were first seen, as line and column: a profile keeps the file, the
// line and the pointer of each first sighting, not the bytes, so the CI formats' regions are
// found by reading those documents again, each file once.
#include "atshook/learn/judgement.hpp"
#include "atshook/report/diagnostic.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace cli {

class FirstPlaces {
public:
    // Reads the documents the findings' first places are in (a line of a log, a whole file, a
    // request file's body), at most `max_bytes` each. A file that is gone or changed leaves
    // its findings at their line alone.
    FirstPlaces(const atshook::learn::Judgement& judgement, std::size_t max_bytes);

    // The region of the value at `place`, when its document was read and holds the pointer.
    std::optional<atshook::report::Region> region(const atshook::learn::Location& place) const;

private:
    struct Document {
        std::string bytes;
        std::size_t first_line = 0; // the file's line the document starts on; 0: line 1
    };
    std::map<std::pair<std::string, std::uint64_t>, Document> m_documents;
};

} // namespace cli
