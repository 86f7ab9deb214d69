#include "atshook/receive/listen_tally.hpp"

namespace atshook::receive {

void ListenTally::add(const DeliveryReport& report, bool reject_invalid) {
    ++received;
    const Verdict verdict = report.judgement.verdict;
    switch (verdict) {
    case Verdict::verified:
        ++verified;
        break;
    case Verdict::not_checked:
        ++not_checked;
        break;
    case Verdict::invalid_payload:
    case Verdict::not_json:
        ++invalid;
        break;
    case Verdict::bad_signature:
    case Verdict::malformed_header:
    case Verdict::missing_header:
        ++bad_signature;
        break;
    case Verdict::stale:
        ++stale;
        break;
    case Verdict::refused:
        ++errors;
        break;
    }
    if (report.forward) ++forwarded;
    const bool kept = report.save_error.empty();
    if (!kept || (report.forward && report.forward->exchange.status == 0)) ++errors;
    const bool signed_ok = report.judgement.signature && report.judgement.signature->ok();
    const bool valid = verdict != Verdict::invalid_payload && verdict != Verdict::not_json;
    if (kept && signed_ok && (valid || !reject_invalid)) ++good;
}

} // namespace atshook::receive
