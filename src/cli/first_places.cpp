#include "cli/first_places.hpp"

#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/limits.hpp"

#include <fstream>
#include <set>

namespace cli {
namespace {

// The lines of `path` numbered in `wanted` (from 1), each cut off past `max_bytes`.
std::map<std::uint64_t, std::string> read_lines(const std::string& path,
                                                const std::set<std::uint64_t>& wanted,
                                                std::size_t max_bytes) {
    std::map<std::uint64_t, std::string> lines;
    std::ifstream file(path, std::ios::binary);
    std::string line;
    std::uint64_t number = 0;
    while (file && !wanted.empty() && number < *wanted.rbegin()) {
        line.clear();
        char c = 0;
        while (file.get(c) && c != '\n')
            if (line.size() <= max_bytes) line += c;
        ++number;
        if (wanted.count(number) && line.size() <= max_bytes) lines[number] = line;
    }
    return lines;
}

// A whole file of at most `max_bytes`, or nothing.
std::optional<std::string> read_whole(const std::string& path, std::size_t max_bytes) {
    std::ifstream file(path, std::ios::binary);
    std::string bytes;
    char buffer[65536];
    while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
        bytes.append(buffer, static_cast<std::size_t>(file.gcount()));
        if (bytes.size() > max_bytes) return std::nullopt;
    }
    if (!file.eof()) return std::nullopt;
    return bytes;
}

} // namespace

FirstPlaces::FirstPlaces(const atshook::learn::Judgement& judgement, std::size_t max_bytes) {
    std::map<std::string, std::set<std::uint64_t>> wanted; // by file: its lines (0: whole)
    for (const auto* finding : judgement.findings())
        if (finding->first && finding->first->source != "<stdin>")
            wanted[finding->first->source].insert(finding->first->line);
    for (const auto& [path, lines] : wanted) {
        if (lines.count(0)) {
            auto bytes = read_whole(path, max_bytes + atshook::limits::k_request_head_bytes);
            if (!bytes) continue;
            Document document{std::move(*bytes), 0};
            if (atshook::starts_like_http_request(document.bytes)) {
                try {
                    auto request = atshook::parse_http_request(document.bytes, path);
                    document.first_line = request.body_line;
                    document.bytes = std::move(request.body);
                } catch (const atshook::Error&) {
                    continue; // changed since it was profiled: the line alone will do
                }
            }
            m_documents[{path, 0}] = std::move(document);
        }
        std::set<std::uint64_t> numbered = lines;
        numbered.erase(0);
        for (auto& [number, text] : read_lines(path, numbered, max_bytes))
            m_documents[{path, number}] = Document{std::move(text), number};
    }
}

std::optional<atshook::report::Region>
FirstPlaces::region(const atshook::learn::Location& place) const {
    const auto found = m_documents.find({place.source, place.line});
    if (found == m_documents.end()) return std::nullopt;
    atshook::report::Where where;
    where.line = found->second.first_line;
    where.pointer = place.pointer;
    auto located = atshook::report::region(where, found->second.bytes);
    if (!located.end) return std::nullopt; // the pointer is not in it: the file changed
    return located;
}

} // namespace cli
