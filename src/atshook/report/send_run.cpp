#include "atshook/report/send_run.hpp"

#include "atshook/printable.hpp"

#include <fmt/core.h>

namespace atshook::report {
namespace {

using namespace atshook::delivery;

std::string wait_text(std::chrono::milliseconds wait) {
    const auto ms = wait.count();
    if (ms < 1000) return fmt::format("{} ms", ms);
    if (ms < 60'000) return fmt::format("{:g} s", static_cast<double>(ms) / 1000);
    if (ms < 3'600'000) return fmt::format("{:g} min", static_cast<double>(ms / 1000) / 60);
    return fmt::format("{:g} h", static_cast<double>(ms / 60'000) / 60);
}

nlohmann::ordered_json latency_json(const LatencySummary& latency) {
    return {{"p50_ms", latency.p50_ms},
            {"p90_ms", latency.p90_ms},
            {"p99_ms", latency.p99_ms},
            {"max_ms", latency.max_ms}};
}

double per_second(const SendRunResult& result) {
    return result.seconds > 0 ? static_cast<double>(result.tally.deliveries()) / result.seconds
                              : 0.0;
}

double cpu_us_each(const SendRunResult& result) {
    return result.tally.deliveries() > 0
               ? result.cpu_seconds * 1e6 / static_cast<double>(result.tally.deliveries())
               : 0.0;
}

nlohmann::ordered_json checks_json(const CheckTally& checks) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& row : checks.rows()) {
        nlohmann::ordered_json entry;
        entry["check"] = check_code(row.check);
        entry["sent"] = row.sent;
        entry["expected"] = expectation_text(expectation(row.check));
        entry["answers"] = nlohmann::ordered_json::object();
        for (const auto& [status, count] : row.statuses)
            entry["answers"][status == 0 ? "none" : std::to_string(status)] = count;
        entry["verdict"] = expectation(row.check) == Expectation::information ? "information"
                           : row.passed                                       ? "pass"
                                                                              : "fail";
        rows.push_back(std::move(entry));
    }
    return rows;
}

} // namespace

std::string attempt_line(const Outgoing& outgoing, const Attempt& attempt) {
    const auto& exchange = attempt.exchange;
    const double ms = static_cast<double>(exchange.latency.count()) / 1000.0;
    std::string line =
        fmt::format("{} {} attempt {}: ", outgoing.type.empty() ? "event" : outgoing.type,
                    printable(outgoing.message.id), attempt.number);
    if (!outgoing.check.empty()) line.insert(0, "[" + outgoing.check + "] ");
    if (exchange.status == 0) {
        line += fmt::format("no response ({}) after {:.1f} ms", printable(exchange.error), ms);
    } else {
        line += fmt::format("{}{}{}, {:.1f} ms", exchange.status,
                            exchange.reason.empty() ? "" : " ", printable(exchange.reason), ms);
        const std::string first = first_line(exchange.body);
        if (!first.empty()) line += ": " + first;
    }
    if (exchange.status == 410) line += "; the endpoint is gone, not retrying";
    if (exchange.status >= 300 && exchange.status < 400) line += "; redirects are not followed";
    if (attempt.retry_in) line += "; retrying in " + wait_text(*attempt.retry_in);
    return line;
}

std::string stop_text(const SendRunResult& result) {
    if (result.gone)
        return result.unsent > 0 ? fmt::format("endpoint gone (410): {} remaining event{} not "
                                               "sent\n",
                                               result.unsent, result.unsent == 1 ? "" : "s")
                                 : "";
    if (result.stopped)
        return fmt::format("stopped: {} deliver{} sent\n", result.tally.deliveries(),
                           result.tally.deliveries() == 1 ? "y" : "ies");
    return "";
}

std::string figures_text(const SendRunResult& result) {
    const auto& tally = result.tally;
    std::string text = fmt::format(
        "{} deliveries, {} attempts in {:.2f} s: {:.1f} deliveries/s, {:.0f} us CPU each\n",
        tally.deliveries(), tally.attempts(), result.seconds, per_second(result),
        cpu_us_each(result));
    text += "statuses:";
    for (const auto& [status, count] : tally.statuses())
        text += fmt::format(" {} x {},", status, count);
    text += fmt::format(" network errors {}\n", tally.network_errors());
    const auto latency = tally.latency();
    text += fmt::format("latency: p50 {:.1f} ms, p90 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms\n",
                        latency.p50_ms, latency.p90_ms, latency.p99_ms, latency.max_ms);
    for (const auto& [type, count] : tally.per_type()) {
        if (type.empty()) continue;
        const auto by_type = tally.latency(type);
        text += fmt::format("  {:<28} {:>7}  p50 {:.1f} ms  p99 {:.1f} ms\n", type, count,
                            by_type.p50_ms, by_type.p99_ms);
    }
    return text;
}

std::string checks_text(const CheckTally& checks) {
    std::string text = fmt::format("handler checks:\n  {:<18} {:>6}  {:<12} {:<28} {}\n", "check",
                                   "sent", "expected", "answers", "verdict");
    for (const auto& row : checks.rows()) {
        std::string answers;
        for (const auto& [status, count] : row.statuses)
            answers += (answers.empty() ? "" : ", ") +
                       (status == 0 ? std::string("none") : std::to_string(status)) + " x " +
                       std::to_string(count);
        const Expectation expect = expectation(row.check);
        text += fmt::format("  {:<18} {:>6}  {:<12} {:<28} {}\n", check_code(row.check), row.sent,
                            expectation_text(expect), answers,
                            expect == Expectation::information ? "-"
                            : row.passed                       ? "pass"
                                                               : "FAIL");
    }
    return text;
}

nlohmann::ordered_json send_run_json(const SendRunReport& report) {
    const auto& result = report.result;
    const auto& tally = result.tally;
    nlohmann::ordered_json json;
    json["url"] = report.url;
    json["deliveries"] = tally.deliveries();
    json["delivered"] = tally.delivered();
    json["not_sent"] = result.unsent;
    json["attempts"] = tally.attempts();
    json["statuses"] = nlohmann::ordered_json::object();
    for (const auto& [status, count] : tally.statuses())
        json["statuses"][std::to_string(status)] = count;
    json["network_errors"] = tally.network_errors();
    json["seconds"] = result.seconds;
    json["deliveries_per_second"] = per_second(result);
    json["cpu_us_per_delivery"] = cpu_us_each(result);
    json["latency"] = latency_json(tally.latency());
    json["per_type"] = nlohmann::ordered_json::object();
    for (const auto& [type, count] : tally.per_type()) {
        if (type.empty()) continue;
        auto entry = latency_json(tally.latency(type));
        entry["deliveries"] = count;
        json["per_type"][type] = std::move(entry);
    }
    if (result.checks) json["checks"] = checks_json(*result.checks);
    return json;
}

} // namespace atshook::report
