// The ceiling for `ats-hook validate`: simdjson's parse_many over the whole NDJSON file plus one
// field lookup per event (as measured in performance.md), read in the same way, one core.
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string_view>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: parse_only FILE.ndjson\n";
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    simdjson::padded_string json;
    if (simdjson::padded_string::load(argv[1]).get(json)) {
        std::cerr << "cannot read " << argv[1] << "\n";
        return 3;
    }
    simdjson::dom::parser parser;
    simdjson::dom::document_stream stream;
    if (parser.parse_many(json).get(stream)) return 3;
    std::size_t events = 0, typed = 0;
    for (auto document : stream) {
        std::string_view type;
        if (document["type"].get(type) == simdjson::SUCCESS) ++typed;
        ++events;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%zu events (%zu typed) in %.3f s\n", events, typed, seconds);
    return 0;
}
