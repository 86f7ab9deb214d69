#pragma once
// libatshook: the checks of the ats-hook command-line tool, for C++ programs that receive
// HireHive webhooks. The same code verifies Standard Webhooks signatures and validates payloads
// against the event schemas in `ats-hook verify` and `ats-hook validate`.
//
//     find_package(atshook 0.1 REQUIRED)
//     target_link_libraries(handler PRIVATE atshook::atshook)
//
// Everything here uses standard types only. Functions throw atshook::api::Error for input they
// cannot use (a malformed secret, a request that is not HTTP); an expected outcome, such as a
// wrong signature or an invalid payload, is a returned value. Nothing here prints, reads the
// environment or exits. See samples/handler/handler.cpp for a complete handler.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#define ATSHOOK_API __attribute__((visibility("default")))

namespace atshook::api {

// "0.1.0": the version of ats-hook this library comes from.
ATSHOOK_API std::string_view version();

// Input the library cannot use; the message names the source and what is wrong, and never
// contains key material.
class ATSHOOK_API Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// ---- Requests ------------------------------------------------------------------------------

struct Header {
    std::string name; // as written; compare case-insensitively
    std::string value;
};

// An HTTP/1.x request: the body is the exact bytes received.
struct Request {
    std::string method;
    std::string target;
    std::vector<Header> headers;
    std::string body;
};

// Reads a request as `ats-hook listen --save` keeps it and `ats-hook sign --format http` writes
// it: request line, header lines, a blank line and Content-Length bytes of body. Throws Error
// "<source>:<line>: ..." for anything else.
ATSHOOK_API Request parse_request(std::string_view bytes, std::string_view source = "request");

// ---- Keys ----------------------------------------------------------------------------------

// A webhook key: `whsec_<base64>` (HMAC, signs and verifies v1), `whsk_...` (Ed25519 private,
// signs v1a) or `whpk_...` (Ed25519 public, verifies v1a). The bytes are wiped when it goes
// away; it cannot be printed. Move-only.
class ATSHOOK_API Key {
public:
    // Throws Error naming `origin` (never the text) when `text` is not a key.
    static Key parse(std::string_view text, std::string_view origin = "secret");
    // A new random whsec_ key of 32 bytes, and its text form for the sender.
    static Key generate_hmac(std::string& text_out);

    Key(Key&&) noexcept;
    Key& operator=(Key&&) noexcept;
    ~Key();

private:
    friend struct KeyAccess;
    struct State;
    explicit Key(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

// ---- Verify --------------------------------------------------------------------------------

// Why a delivery did or did not verify, in the order the checks run.
enum class Outcome {
    ok,
    missing_header,        // webhook-id, webhook-timestamp or webhook-signature absent or empty
    malformed,             // a header that cannot be read; see Verification::detail
    too_old,               // timestamp more than the tolerance before now
    too_new,               // timestamp more than the tolerance after now
    no_matching_signature, // no signature matches any key
};

struct Verification {
    Outcome outcome = Outcome::no_matching_signature;
    std::string code;   // "ok", "too_old", ...: as `ats-hook verify --format json` prints it
    std::string detail; // for people; empty when there is nothing to add
    std::optional<std::int64_t> timestamp;  // webhook-timestamp, once it parsed
    std::optional<std::size_t> matched_key; // index into the keys given
    std::vector<std::string> hints;         // likely causes of a failure, one sentence each
    std::vector<std::string> hint_codes;    // the same as codes: "body_has_crlf", ...

    bool ok() const { return outcome == Outcome::ok; }
};

// Verifies a delivery's signature over the raw body with any of `keys` (rotation), as of `now`
// (Unix seconds), accepting a timestamp up to `tolerance_seconds` away in either direction,
// boundary included. Headers are found case-insensitively, `webhook-*` first, then `svix-*`.
// Hints never change the outcome. Throws Error when a header appears twice or the tolerance is
// negative.
ATSHOOK_API Verification verify(std::span<const Header> headers, std::string_view body,
                                std::span<const Key> keys, std::int64_t now,
                                std::int64_t tolerance_seconds = 300);

// ---- Sign ----------------------------------------------------------------------------------

// The three header values a sender writes: webhook-id, webhook-timestamp, webhook-signature
// (one token per key, in order).
struct SignedHeaders {
    std::string id;
    std::string timestamp;
    std::string signature;
};

// Throws Error for an empty id or one containing '.', no keys, or a public (whpk_) key.
ATSHOOK_API SignedHeaders sign(std::span<const Key> keys, std::string_view id,
                               std::int64_t timestamp, std::string_view body);

// ---- Validate ------------------------------------------------------------------------------

struct Finding {
    std::string pointer; // RFC 6901 JSON pointer into the payload: "/data/object/status"
    std::string keyword; // the schema keyword that failed: "enum", "required", "format", ...
    std::string message; // for people
    bool error = true;   // false: a warning (an unknown field, by default)
};

struct Validation {
    enum class Status {
        valid,      // no errors (warnings possible)
        invalid,    // schema errors: see findings
        unreadable, // not usable as JSON: see error
    };
    Status status = Status::valid;
    std::string event_type;        // the type validated against ("" when unknown)
    std::vector<Finding> findings; // at most 100; omitted_findings counts the rest
    std::size_t omitted_findings = 0;
    std::string error; // for unreadable: what is wrong, with line:column

    bool ok() const { return status == Status::valid; }
};

struct ValidateOptions {
    bool strict = false;    // every documented field required; unknown fields are errors
    std::string event_type; // validate against this type whatever `type` says ("" = `type`)
};

// Validates payloads against the schema of their event type. Schemas are compiled once per
// process. Not thread-safe: use one Validator per thread.
class ATSHOOK_API Validator {
public:
    explicit Validator(const ValidateOptions& options = {});
    Validator(Validator&&) noexcept;
    Validator& operator=(Validator&&) noexcept;
    ~Validator();

    Validation validate(std::string_view json);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// ---- Read ----------------------------------------------------------------------------------

struct Attendee {
    std::optional<std::string> name, email;
    std::optional<std::string> type;   // user, candidate, guest
    std::optional<std::string> status; // accepted, pending, maybe, declined
};

struct Interview {
    std::optional<std::string> title, location, status;
    std::optional<std::string> start, end; // RFC 3339 date-times as written
    std::optional<std::string> time_zone;  // IANA name
    std::optional<std::string> candidate_id, application_id, job_id;
    std::vector<Attendee> attendees;
};

// What an event is about. Absent fields are nullopt; a field of an unexpected type is read as
// its JSON text.
struct Event {
    std::string type;        // "interview.created"
    bool documented = false; // its webhook page was read; false: inferred from its object
    std::string object_kind; // job, application, candidate, note, feedback, interview
    std::optional<std::string> id, timestamp, object_id;
    std::optional<Interview> interview; // for interview.* events
};

// Throws Error when the payload is not a HireHive event (not JSON, or no known `type`).
ATSHOOK_API Event read_event(std::string_view json);

// The 19 HireHive event types, in the order of HireHive's documentation.
ATSHOOK_API std::vector<std::string> event_types();

} // namespace atshook::api
