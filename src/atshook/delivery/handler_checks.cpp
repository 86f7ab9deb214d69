#include "atshook/delivery/handler_checks.hpp"

#include "atshook/base64.hpp"
#include "atshook/json_text.hpp"
#include "atshook/signature/sign.hpp"

#include <array>
#include <variant>

namespace atshook::delivery {
namespace {

constexpr std::array k_turns{
    Check::redelivery,     Check::forged_body, Check::wrong_secret, Check::unsigned_delivery,
    Check::v1a_only,       Check::stale,       Check::future,       Check::reordered,
    Check::invalid_payload};
constexpr std::array k_all{
    Check::delivery,          Check::redelivery,     Check::forged_body, Check::wrong_secret,
    Check::unsigned_delivery, Check::v1a_only,       Check::stale,       Check::future,
    Check::reordered,         Check::invalid_payload};
constexpr std::int64_t k_ten_minutes = 600;

bool is_2xx(int status) {
    return status >= 200 && status < 300;
}

// The body with one character of its first string value after "id" changed: the same shape,
// another event. Appends a space when there is no such value.
std::string forged(std::string body) {
    const auto at = body.find("\"id\":\"");
    if (at != std::string::npos && at + 6 < body.size() && body[at + 6] != '"') {
        char& c = body[at + 6];
        c = c == 'x' ? 'y' : 'x';
        return body;
    }
    return body + " ";
}

// The envelope's `version` (an integer in the docs) as a string; the body unchanged when it is
// not a JSON object.
std::string with_wrong_type(const std::string& body) {
    auto tree = parse_json_tree(body);
    auto* json = std::get_if<nlohmann::ordered_json>(&tree);
    if (!json || !json->is_object()) return body;
    (*json)["version"] = "one";
    return json_text(*json);
}

} // namespace

Expectation expectation(Check check) {
    switch (check) {
    case Check::delivery:
    case Check::redelivery:
        return Expectation::success;
    case Check::reordered:
    case Check::invalid_payload:
        return Expectation::information;
    default:
        return Expectation::rejection;
    }
}

std::string_view check_code(Check check) {
    switch (check) {
    case Check::delivery:
        return "delivery";
    case Check::redelivery:
        return "redelivery";
    case Check::forged_body:
        return "forged_body";
    case Check::wrong_secret:
        return "wrong_secret";
    case Check::unsigned_delivery:
        return "unsigned";
    case Check::v1a_only:
        return "v1a_only";
    case Check::stale:
        return "stale";
    case Check::future:
        return "future";
    case Check::reordered:
        return "reordered";
    case Check::invalid_payload:
        return "invalid_payload";
    }
    return "";
}

std::optional<Check> check_from_code(std::string_view code) {
    if (code.empty()) return Check::delivery;
    for (const Check check : k_all)
        if (check_code(check) == code) return check;
    return std::nullopt;
}

std::string_view expectation_text(Expectation expect) {
    switch (expect) {
    case Expectation::success:
        return "2xx";
    case Expectation::rejection:
        return "not 2xx";
    case Expectation::information:
        return "information";
    }
    return "";
}

CheckMixer::CheckMixer(std::span<const signature::Secret> secrets, double ratio, std::uint64_t seed)
    : m_secrets(secrets), m_ratio(ratio), m_random(seed) {}

std::string CheckMixer::fresh_id() {
    std::array<unsigned char, 27> bytes{};
    for (auto& byte : bytes) byte = static_cast<unsigned char>(m_random() & 0xFF);
    return signature::message_id(bytes);
}

Outgoing CheckMixer::make(Check check, const Outgoing& base, std::int64_t now) {
    Outgoing out{base.type, std::string(check_code(check)), base.message};
    const std::string id = check == Check::redelivery ? base.message.id : fresh_id();
    out.message.id = id;
    const auto sign = [&](std::int64_t timestamp, const std::string& body) {
        return signature::sign_delivery(m_secrets, {id, timestamp, body}).signature;
    };
    switch (check) {
    case Check::redelivery:
    case Check::delivery:
    case Check::reordered:
        out.message.headers.reset(); // deliver() signs it with a fresh timestamp
        break;
    case Check::forged_body: {
        const std::string signature = sign(now, out.message.body);
        out.message.body = forged(out.message.body);
        out.message.headers = webhook_headers(id, now, signature);
        break;
    }
    case Check::wrong_secret: {
        std::array<unsigned char, 32> key{};
        for (auto& byte : key) byte = static_cast<unsigned char>(m_random() & 0xFF);
        const auto other = signature::make_hmac_secret(key);
        out.message.headers = webhook_headers(
            id, now, signature::signature_token(other, {id, now, out.message.body}));
        break;
    }
    case Check::unsigned_delivery:
        out.message.headers = webhook_headers(id, now, "");
        break;
    case Check::v1a_only: {
        std::array<unsigned char, 32> seed{};
        for (auto& byte : seed) byte = static_cast<unsigned char>(m_random() & 0xFF);
        const auto other = signature::make_ed25519_secret(seed);
        out.message.headers = webhook_headers(
            id, now, signature::signature_token(other, {id, now, out.message.body}));
        break;
    }
    case Check::stale:
    case Check::future: {
        const std::int64_t when = check == Check::stale ? now - k_ten_minutes : now + k_ten_minutes;
        out.message.headers = webhook_headers(id, when, sign(when, out.message.body));
        break;
    }
    case Check::invalid_payload:
        out.message.body = with_wrong_type(out.message.body);
        out.message.headers = webhook_headers(id, now, sign(now, out.message.body));
        break;
    }
    return out;
}

std::optional<Outgoing> CheckMixer::next(const NextOutgoing& plain, std::int64_t now) {
    if (!m_queue.empty()) {
        Outgoing out = std::move(m_queue.front());
        m_queue.erase(m_queue.begin());
        return out;
    }
    auto base = plain();
    if (!base) {
        if (!m_held_created) return std::nullopt;
        Outgoing held = std::move(*m_held_created);
        m_held_created.reset();
        return held;
    }
    const bool check_due = static_cast<double>(m_random() % 1'000'000) < m_ratio * 1'000'000.0;
    if (check_due) {
        const Check check = k_turns[m_turn % k_turns.size()];
        if (check == Check::reordered) {
            if (base->type == "interview.created" && !m_held_created) {
                ++m_turn;
                base->check = "reordered";
                m_held_created = std::move(*base);
                return next(plain, now);
            }
            // Not an interview.created: keep the turn for the next one that is.
        } else {
            ++m_turn;
            m_queue.push_back(make(check, *base, now));
        }
    }
    if (m_held_created && base->type == "interview.updated") {
        base->check = "reordered";
        m_queue.insert(m_queue.begin(), std::move(*m_held_created));
        m_held_created.reset();
    }
    return base;
}

void CheckTally::add(const Sent& sent) {
    const auto check = check_from_code(sent.outgoing.check);
    if (!check) return;
    Row& row = m_rows[*check];
    row.check = *check;
    ++row.sent;
    const int status =
        sent.result.attempts.empty() ? 0 : sent.result.attempts.back().exchange.status;
    ++row.statuses[status];
    const Expectation expect = expectation(*check);
    if (expect == Expectation::success && !is_2xx(status)) row.passed = false;
    if (expect == Expectation::rejection && is_2xx(status)) row.passed = false;
}

std::vector<CheckTally::Row> CheckTally::rows() const {
    std::vector<Row> rows;
    for (const Check check : k_all)
        if (const auto found = m_rows.find(check); found != m_rows.end())
            rows.push_back(found->second);
    return rows;
}

bool CheckTally::passed() const {
    for (const auto& [check, row] : m_rows)
        if (!row.passed) return false;
    return true;
}

} // namespace atshook::delivery
