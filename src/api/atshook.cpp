// The public surface of libatshook (include/atshook/atshook.hpp) over the library the CLI uses.
// It only translates: standard types in, the library's calls, standard types out, and the
// library's atshook::Error rethrown as the exported atshook::api::Error.
#include "atshook/atshook.hpp"

#include "atshook/catalog.hpp"
#include "atshook/error.hpp"
#include "atshook/http_message.hpp"
#include "atshook/reserialization.hpp"
#include "atshook/signature/headers.hpp"
#include "atshook/signature/secret.hpp"
#include "atshook/signature/sign.hpp"
#include "atshook/signature/verify.hpp"
#include "atshook/validation.hpp"
#include "atshook/view/event.hpp"

#include <utility>
#include <variant>

namespace atshook::api {

namespace {

template <class F> auto translating_errors(F&& work) {
    try {
        return work();
    } catch (const atshook::Error& e) {
        throw Error(e.what());
    }
}

Outcome outcome_of(signature::Reason reason) {
    switch (reason) {
    case signature::Reason::ok:
        return Outcome::ok;
    case signature::Reason::missing_header:
        return Outcome::missing_header;
    case signature::Reason::malformed:
        return Outcome::malformed;
    case signature::Reason::too_old:
        return Outcome::too_old;
    case signature::Reason::too_new:
        return Outcome::too_new;
    case signature::Reason::no_matching_signature:
        return Outcome::no_matching_signature;
    }
    return Outcome::no_matching_signature;
}

std::optional<std::string> text_of(const view::When& when) {
    if (!when) return std::nullopt;
    return when->text;
}

Interview interview_of(const view::InterviewView& in) {
    Interview out;
    out.title = in.title;
    out.location = in.location;
    out.status = in.status;
    out.start = text_of(in.start);
    out.end = text_of(in.end);
    out.time_zone = in.time_zone;
    out.candidate_id = in.candidate_id;
    out.application_id = in.application_id;
    out.job_id = in.job_id;
    for (const auto& a : in.attendees)
        out.attendees.push_back(Attendee{a.display_name, a.email, a.type, a.status});
    return out;
}

} // namespace

// A key keeps its text (wiped on release) and parses it again for each use: the library's
// functions take contiguous secrets, and a parse keeps everything a secret holds, including the
// literal text the secret_used_as_literal_text hint tries.
struct Key::State {
    signature::KeyBytes text;
    std::string origin;
};

struct KeyAccess {
    static Key make(std::string_view text, std::string_view origin) {
        signature::parse_secret(text, origin); // refuse a bad key now, naming its origin
        return Key(std::make_unique<Key::State>(
            Key::State{signature::KeyBytes(text), std::string(origin)}));
    }
    static std::vector<signature::Secret> secrets_of(std::span<const Key> keys) {
        std::vector<signature::Secret> secrets;
        secrets.reserve(keys.size());
        for (const auto& key : keys) {
            if (!key.m_state) throw Error("a moved-from key was used");
            const auto bytes = key.m_state->text.bytes();
            secrets.push_back(signature::parse_secret(
                {reinterpret_cast<const char*>(bytes.data()), bytes.size()}, key.m_state->origin));
        }
        return secrets;
    }
};

std::string_view version() {
    return ATS_HOOK_VERSION;
}

Request parse_request(std::string_view bytes, std::string_view source) {
    return translating_errors([&] {
        auto parsed = parse_http_request(bytes, source);
        Request request{
            std::move(parsed.method), std::move(parsed.target), {}, std::move(parsed.body)};
        for (auto& field : parsed.headers)
            request.headers.push_back(Header{std::move(field.name), std::move(field.value)});
        return request;
    });
}

Key::Key(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Key::Key(Key&&) noexcept = default;
Key& Key::operator=(Key&&) noexcept = default;
Key::~Key() = default;

Key Key::parse(std::string_view text, std::string_view origin) {
    return translating_errors([&] { return KeyAccess::make(text, origin); });
}

Key Key::generate_hmac(std::string& text_out) {
    return translating_errors([&] {
        const auto bytes = signature::random_bytes(32);
        text_out = signature::format_hmac_secret(signature::make_hmac_secret(bytes.bytes()));
        return KeyAccess::make(text_out, "generated key");
    });
}

Verification verify(std::span<const Header> headers, std::string_view body,
                    std::span<const Key> keys, std::int64_t now, std::int64_t tolerance_seconds) {
    return translating_errors([&] {
        HeaderFields fields;
        fields.reserve(headers.size());
        for (std::size_t i = 0; i < headers.size(); ++i)
            fields.push_back(HeaderField{headers[i].name, headers[i].value, i + 1});
        const auto found = signature::find_delivery_headers(fields, "headers");
        const auto secrets = KeyAccess::secrets_of(keys);
        signature::VerifyOptions verify_options;
        verify_options.now = now;
        verify_options.tolerance_seconds = tolerance_seconds;
        const auto result = verify_with_hints(found, body, secrets, verify_options);

        Verification out;
        out.outcome = outcome_of(result.reason);
        out.code = signature::reason_code(result.reason);
        out.detail = result.detail;
        out.timestamp = result.timestamp;
        out.matched_key = result.matched_secret;
        for (const auto hint : result.hints) {
            out.hints.emplace_back(signature::hint_text(hint));
            out.hint_codes.emplace_back(signature::hint_code(hint));
        }
        return out;
    });
}

SignedHeaders sign(std::span<const Key> keys, std::string_view id, std::int64_t timestamp,
                   std::string_view body) {
    return translating_errors([&] {
        const auto secrets = KeyAccess::secrets_of(keys);
        auto headers = signature::sign_delivery(secrets, {id, timestamp, body});
        return SignedHeaders{std::move(headers.id), std::move(headers.timestamp),
                             std::move(headers.signature)};
    });
}

struct Validator::State {
    atshook::Validator validator;
};

Validator::Validator(const ValidateOptions& options) {
    translating_errors([&] {
        atshook::ValidateOptions library_options;
        library_options.strictness = options.strict ? Strictness::strict : Strictness::lenient;
        // Checked here because the library's own message names the CLI's --event option.
        if (!options.event_type.empty() && !find_event(options.event_type))
            throw atshook::Error(unknown_event_message(options.event_type));
        library_options.forced_event = options.event_type;
        m_state = std::make_unique<State>(State{atshook::Validator(library_options)});
        return 0;
    });
}
Validator::Validator(Validator&&) noexcept = default;
Validator& Validator::operator=(Validator&&) noexcept = default;
Validator::~Validator() = default;

Validation Validator::validate(std::string_view json) {
    return translating_errors([&] {
        if (!m_state) throw Error("a moved-from validator was used");
        auto result = m_state->validator.validate(json);
        Validation out;
        switch (result.status) {
        case DocumentResult::Status::valid:
            out.status = Validation::Status::valid;
            break;
        case DocumentResult::Status::invalid:
            out.status = Validation::Status::invalid;
            break;
        case DocumentResult::Status::unreadable:
            out.status = Validation::Status::unreadable;
            break;
        }
        out.event_type = std::move(result.event_type);
        for (auto& f : result.findings)
            out.findings.push_back(Finding{std::move(f.pointer), std::move(f.keyword),
                                           std::move(f.message), f.severity == Severity::error});
        out.omitted_findings = result.omitted.total();
        if (!result.error.empty()) {
            const auto at = line_column(json, result.error_offset);
            out.error =
                std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + result.error;
        }
        return out;
    });
}

Event read_event(std::string_view json) {
    return translating_errors([&] {
        const auto view = view::read_event(json, "payload");
        Event event;
        event.type = std::string(view.type());
        event.documented = view.info->provenance == Provenance::documented;
        event.object_kind = std::string(to_string(view.info->object));
        event.id = view.id;
        event.timestamp = text_of(view.timestamp);
        event.object_id = std::visit([](const auto& object) { return object.id; }, view.object);
        if (const auto* interview = std::get_if<view::InterviewView>(&view.object))
            event.interview = interview_of(*interview);
        return event;
    });
}

std::vector<std::string> event_types() {
    std::vector<std::string> names;
    for (const auto& info : all_events()) names.emplace_back(info.name);
    return names;
}

} // namespace atshook::api
