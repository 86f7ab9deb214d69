// Any bytes as a captured request file (`verify --request`): parsed, its delivery headers found
// and verified with fixed keys at a fixed time, as the command does.
#include "fuzz_target.hpp"
#include "test_keys.hpp"

#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/limits.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/verify.hpp"

#include <algorithm>

namespace {

namespace signature = atshook::signature;

void check_result(const signature::VerifyResult& result, std::size_t secret_count) {
    fuzz::require(!signature::reason_code(result.reason).empty(), "every reason has a code");
    for (const auto hint : result.hints)
        fuzz::require(!signature::hint_code(hint).empty() && !signature::hint_text(hint).empty(),
                      "every hint has a code and a text");
    if (result.ok())
        fuzz::require(result.matched_secret && *result.matched_secret < secret_count &&
                          !result.matched_version.empty(),
                      "a verified delivery names the secret and version that matched");
    if (result.reason == signature::Reason::missing_header ||
        result.reason == signature::Reason::malformed)
        fuzz::require(result.part.has_value(), "a missing or malformed header is named");
}

// The request written back as a file (what `listen --save` writes) reads as the same request:
// the same header fields in order, with one Content-Length that gives the body's size.
void check_round_trip(const atshook::HttpRequest& request) {
    const auto is_length = [](const atshook::HeaderField& field) {
        return atshook::equals_ignoring_case(field.name, "Content-Length");
    };
    // Without a Content-Length the file gains one: at the header limit there is no room for it
    // (listen refuses such a request before saving it).
    if (request.headers.size() >= atshook::limits::k_header_lines &&
        std::none_of(request.headers.begin(), request.headers.end(), is_length))
        return;
    atshook::HttpRequest again;
    try {
        again = atshook::parse_http_request(atshook::format_http_request(request), "written.http");
    } catch (const atshook::Error&) {
        fuzz::require(false, "a request written back from a parsed one parses");
    }
    fuzz::require(again.method == request.method && again.target == request.target &&
                      again.version == request.version && again.body == request.body &&
                      again.ignored_trailing_bytes == 0,
                  "a request written back reads as the same request");
    std::vector<const atshook::HeaderField*> before, after;
    for (const auto& field : request.headers)
        if (!is_length(field)) before.push_back(&field);
    for (const auto& field : again.headers)
        if (!is_length(field))
            after.push_back(&field);
        else
            fuzz::require(field.value == std::to_string(request.body.size()),
                          "a request written back gives its body's size");
    fuzz::require(before.size() == after.size(), "a request written back has the same fields");
    for (std::size_t i = 0; i < after.size(); ++i)
        fuzz::require(after[i]->name == before[i]->name && after[i]->value == before[i]->value,
                      "a request written back has the same header fields");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto secrets = fuzz::test_secrets();
    atshook::HttpRequest request;
    signature::DeliveryHeaders headers;
    try {
        request = atshook::parse_http_request(fuzz::as_text(data, size), "request.http");
    } catch (const atshook::Error&) {
        return 0;
    }
    fuzz::require(request.body.size() <= size, "the body is part of the request");
    for (const auto& field : request.headers) {
        fuzz::require(field.line > 0, "every header field knows its line");
        fuzz::require(!field.name.empty() && field.name.find(':') == std::string::npos,
                      "a header name is what comes before the colon");
        fuzz::require(
            field.value.find_first_of(" \t") != 0 &&
                (field.value.empty() || (field.value.back() != ' ' && field.value.back() != '\t')),
            "a header value comes without the surrounding spaces and tabs");
    }
    check_round_trip(request);
    try {
        headers = signature::find_delivery_headers(request.headers, "request.http");
    } catch (const atshook::Error&) {
        return 0; // a delivery header given twice
    }
    const signature::VerifyOptions options[] = {
        {fuzz::k_now, 300, true},     {fuzz::k_now, 0, true}, {0, 300, false},
        {INT64_MAX, INT64_MAX, true}, {INT64_MIN, 300, true},
    };
    for (const auto& option : options)
        check_result(signature::verify_delivery(headers, request.body, secrets, option),
                     secrets.size());
    return 0;
}
