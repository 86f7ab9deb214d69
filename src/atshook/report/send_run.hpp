#pragma once
// A send run (emit --send, replay) as a report sees it: its result, where it went, and whether
// the figures are shown (a few deliveries get their lines, not a summary).
#include "atshook/delivery/send_run.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace atshook::report {

struct SendRunReport {
    const delivery::SendRunResult& result;
    const std::string& url;
    bool figures = true; // statuses, latency and per-type lines after the verdict (text)
};

// "interview.created msg_... attempt 1: 503 Service Unavailable, 2.1 ms: busy; retrying in 5 s"
std::string attempt_line(const delivery::Outgoing& outgoing, const delivery::Attempt& attempt);

// "endpoint gone (410): 3 remaining events not sent" or "stopped: 12 deliveries sent", each
// with its newline; "" for a run that ran its course.
std::string stop_text(const delivery::SendRunResult& result);

// The statuses, latency percentiles, throughput and per-type lines of the text summary.
std::string figures_text(const delivery::SendRunResult& result);

// The handler checks' table: check, sent, expected, answers, verdict.
std::string checks_text(const delivery::CheckTally& checks);

// The JSON summary: url, deliveries, delivered, not_sent, attempts, statuses, network_errors,
// seconds, deliveries_per_second, cpu_us_per_delivery, latency, per_type, and checks.
nlohmann::ordered_json send_run_json(const SendRunReport& report);

} // namespace atshook::report
