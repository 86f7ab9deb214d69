#pragma once
#include "atshook/error.hpp"

// The one table of ats-hook's exit codes; the man page and README repeat it.
namespace cli::exit_code {
constexpr int ok = 0;             // valid / verified / delivered
constexpr int failed = 1;         // a payload is invalid, no signature matches, a delivery failed
constexpr int usage = 2;          // bad command line
constexpr int bad_input = 3;      // input unreadable, not JSON, malformed header/timestamp/secret
constexpr int out_of_window = 4;  // verify: timestamp outside the tolerance
constexpr int missing_header = 5; // verify: a webhook-* header is absent or empty

// The exit code for input the tool could not use.
inline int for_error(atshook::Error::Kind kind) {
    switch (kind) {
    case atshook::Error::Kind::usage:
        return usage;
    case atshook::Error::Kind::missing_header:
        return missing_header;
    case atshook::Error::Kind::input:
        return bad_input;
    }
    return bad_input;
}
} // namespace cli::exit_code
