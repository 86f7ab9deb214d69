#pragma once
#include "atshook/limits.hpp"
#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace atshook {

constexpr std::size_t k_max_depth = limits::k_depth;

// What is wrong with a document simdjson refused, said for people, and where (byte offset).
struct JsonProblem {
    std::string message; // "not valid JSON: syntax error while parsing object key - ..."
    std::size_t offset = 0;
    simdjson::error_code code = simdjson::SUCCESS; // simdjson's verdict, for callers that branch
};

// Runs only on the error path: simdjson says what failed but not where, so nlohmann's parser
// (through a SAX handler that builds nothing and never throws) finds the place and the reason.
JsonProblem describe_json_error(std::string_view json, simdjson::error_code code,
                                std::size_t max_depth);

} // namespace atshook
