#pragma once
// What a listen run received, by verdict: its summary line and whether --count was met.
#include "atshook/receive/receiver.hpp"

#include <cstddef>

namespace atshook::receive {

struct ListenTally {
    std::size_t received = 0, verified = 0, not_checked = 0, bad_signature = 0, stale = 0,
                invalid = 0, forwarded = 0, errors = 0;
    std::size_t good = 0; // verified, and valid when invalid payloads are rejected
    void add(const DeliveryReport& report, bool reject_invalid);
};

} // namespace atshook::receive
