#pragma once
// The handler bench's behaviour checks: deliveries a correct HireHive handler answers in a known
// way (or, for some, information only), mixed into a stream of plain deliveries, and the verdict
// on the answers it gave.
#include "atshook/delivery/load.hpp"
#include "atshook/signature/secret.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace atshook::delivery {

enum class Check {
    delivery,          // a plain delivery, correctly signed: 2xx
    redelivery,        // the same webhook-id again, fresh timestamp and signature: 2xx (once)
    forged_body,       // the body changed after signing: not 2xx
    wrong_secret,      // signed with another secret: not 2xx
    unsigned_delivery, // no webhook-signature: not 2xx
    v1a_only,          // only a v1a (Ed25519) token where v1 is configured: not 2xx
    stale,             // correctly signed 10 minutes ago: not 2xx
    future,            // correctly signed 10 minutes ahead: not 2xx
    reordered,         // an interview.updated sent before its interview.created: information
    invalid_payload,   // a documented field of the wrong type, correctly signed: information
};

enum class Expectation { success, rejection, information };

Expectation expectation(Check check);
std::string_view check_code(Check check);              // "forged_body"
std::string_view expectation_text(Expectation expect); // "2xx", "not 2xx", "information"

// Mixes checks into plain deliveries. After each plain delivery, with probability `ratio`, one
// check follows, the kinds taken in turn. A reordered check holds an interview.created back
// until the next interview.updated has been sent. Deterministic for a seed.
class CheckMixer {
public:
    CheckMixer(std::span<const signature::Secret> secrets, double ratio, std::uint64_t seed);

    // The next delivery to send: a check or the next plain one from `plain` (whose messages have
    // no headers set: deliver() signs them). `now` is Unix seconds.
    std::optional<Outgoing> next(const NextOutgoing& plain, std::int64_t now);

private:
    Outgoing make(Check check, const Outgoing& base, std::int64_t now);
    std::string fresh_id();

    std::span<const signature::Secret> m_secrets;
    double m_ratio;
    std::mt19937_64 m_random;
    std::size_t m_turn = 0;
    std::vector<Outgoing> m_queue; // due before the next plain delivery
    std::optional<Outgoing> m_held_created;
};

// Answers seen per check, and the verdict.
class CheckTally {
public:
    void add(const Sent& sent);

    struct Row {
        Check check;
        std::size_t sent = 0;
        std::map<int, std::size_t> statuses; // 0: no answer
        bool passed = true;                  // information rows always pass
    };
    std::vector<Row> rows() const;
    bool passed() const;

private:
    std::map<Check, Row> m_rows;
};

// The check a delivery labelled `code` by CheckMixer is for.
std::optional<Check> check_from_code(std::string_view code);

} // namespace atshook::delivery
