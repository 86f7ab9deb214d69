#pragma once
// What `listen` prints for each delivery, and the tally behind its summary line.
#include "atshook/receive/receiver.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace cli {

// One line (and indented warning / hint lines below it), ending with a newline:
// 13:51:04.123Z  msg_2LxY...  interview.created  verified  912 B  -> 200  0.4 ms
std::string delivery_text(const atshook::receive::DeliveryReport& report);

// The NDJSON object: arrival, method, target, id, type, attempt, verdict, problem, size,
// headers, signature (verify's JSON, or null when not checked), validation (validate's JSON),
// response, forward, saved_as, took_ms.
nlohmann::ordered_json delivery_json(const atshook::receive::DeliveryReport& report,
                                     const std::vector<std::string>& secret_origins,
                                     std::int64_t tolerance_seconds);

struct ListenTally {
    std::size_t received = 0, verified = 0, not_checked = 0, bad_signature = 0, stale = 0,
                invalid = 0, forwarded = 0, errors = 0;
    std::size_t good = 0; // verified, and valid when invalid payloads are rejected
    void add(const atshook::receive::DeliveryReport& report, bool reject_invalid);
};

// "received 12: 9 verified, 1 bad signature, 1 stale, 1 invalid, 0 forwarded, 0 errors"
std::string summary_text(const ListenTally& tally);

} // namespace cli
