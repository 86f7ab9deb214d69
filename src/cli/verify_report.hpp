#pragma once
#include "atshook/signature/verify.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cli {

// What verify knows besides the library's result, for the report.
struct VerifyContext {
    std::vector<std::string> secret_origins; // "keys.txt line 2", ...
    std::int64_t tolerance_seconds = 300;
    bool from_flags = false; // headers came from --id/--timestamp/--signature
};

// The exit code for a verdict (see exit_code.hpp).
int exit_code_for(atshook::signature::Reason reason);

// One verdict line, then one "  hint: ..." line per hint; ends with a newline. Text from input
// is escaped; with `color` the verdict is green or bold red and "hint:" cyan.
std::string verify_text(const atshook::signature::VerifyResult& result,
                        const atshook::signature::DeliveryHeaders& headers,
                        const VerifyContext& context, bool color = false);

// The stable JSON form: verified, reason, header, detail, id, timestamp, age_seconds,
// tolerance_seconds, timestamp_check, matched, hints.
nlohmann::ordered_json verify_json(const atshook::signature::VerifyResult& result,
                                   const atshook::signature::DeliveryHeaders& headers,
                                   const VerifyContext& context);

} // namespace cli
