#pragma once
// A signature verdict as a report sees it: the library's result, the delivery's headers, and
// what the command knows besides (where each secret came from, the tolerance).
#include "atshook/report/diagnostic.hpp"
#include "atshook/report/document.hpp"
#include "atshook/signature/verify.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace atshook::report {

struct VerifyContext {
    std::vector<std::string> secret_origins; // "keys.txt line 2", ...
    std::int64_t tolerance_seconds = 300;
    bool from_flags = false; // headers came from --id/--timestamp/--signature
};

struct VerificationReport {
    const signature::VerifyResult& result;
    const signature::DeliveryHeaders& headers;
    const VerifyContext& context;
    const DocumentReport* validation = nullptr; // verify --validate, once the signature passed
    std::string_view source = {}; // the request or body file
    bool several = false;         // one of several requests: text names it, JSON is a line
};

// The verdict as one diagnostic: rule the reason code ("too_old"), severity note when verified,
// the verdict's sentence as message ("message msg_..., v1 signature by secret 1 of 2 (...)" or
// "too old: ..."), and the hints; where: the source, at the line of the header the verdict is
// about (the request line when a header is missing).
Diagnostic verification_diagnostic(const VerificationReport& report);

// The stable JSON form: verified, reason, header, detail, id, timestamp, age_seconds,
// tolerance_seconds, timestamp_check, matched, hints (verify's output, and listen's signature).
nlohmann::ordered_json verification_json(const signature::VerifyResult& result,
                                         const signature::DeliveryHeaders& headers,
                                         const VerifyContext& context);

} // namespace atshook::report
