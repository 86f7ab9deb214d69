#pragma once
// A delivery `listen` received, as a report sees it: the request, the verdict and the status it
// got, the handler's answer, where it was kept; and the run's tally.
#include "atshook/receive/listen_tally.hpp"
#include "atshook/receive/receiver.hpp"
#include "atshook/report/verification.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace atshook::report {

struct ReceivedReport {
    const receive::DeliveryReport& delivery;
    const VerifyContext& context; // the secrets' origins and the tolerance, for the signature
};

// One line (and indented warning / hint lines below it), ending with a newline:
// 13:51:04.123Z  msg_2LxY...  interview.created  verified  912 B  -> 200  0.4 ms
std::string received_text(const receive::DeliveryReport& report);

// The NDJSON object: arrival, method, target, id, type, attempt, redelivery, verdict, problem,
// size, headers, signature (verify's JSON, or null when not checked), validation (validate's
// JSON), response, forward, saved_as, save_error, took_ms.
nlohmann::ordered_json received_json(const ReceivedReport& report);

// "received 12: 9 verified, 1 bad signature, 1 stale, 1 invalid, 0 forwarded, 0 errors"
std::string listen_summary(const receive::ListenTally& tally);

} // namespace atshook::report
