#include "cli/send_events.hpp"

#include "atshook/delivery/request_text.hpp"
#include "atshook/delivery/send_run.hpp"
#include "atshook/error.hpp"
#include "atshook/report/emitter.hpp"
#include "atshook/signature/sign.hpp"
#include "cli/exit_code.hpp"
#include "cli/progress.hpp"
#include "cli/report_output.hpp"

#include <fmt/core.h>

#include <cstdio>

namespace cli {

using namespace atshook::delivery;

Signer make_signer(std::shared_ptr<LoadedSecrets> loaded) {
    return [loaded](std::string_view id, std::int64_t timestamp, std::string_view body) {
        return atshook::signature::sign_delivery(loaded->secrets, {id, timestamp, body}).signature;
    };
}

int send_events(const NextEvent& next, std::optional<std::size_t> total, const std::string& url,
                std::string_view option, std::shared_ptr<LoadedSecrets> secrets,
                const SendOptions& options) {
    const Signer signer = secrets ? make_signer(secrets) : Signer();
    split_url(url, option);
    if (!url.starts_with("http://") && !url.starts_with("https://"))
        throw atshook::Error(fmt::format("{} '{}' is not an http:// or https:// URL", option, url),
                             atshook::Error::Kind::usage);
    SendRunOptions run;
    run.load.concurrency = options.concurrency;
    run.load.rate = options.rate;
    if (!options.duration.empty())
        run.load.duration = parse_duration(options.duration, "--duration");
    run.load.policy = retry_policy(options);
    run.save_dir = options.save;
    run.check_handler = options.check_handler;
    run.check_ratio = options.check_ratio;
    run.seed = options.seed;
    if (secrets) run.secrets = secrets->secrets;
    const bool few = total && *total <= k_few_deliveries && !run.load.duration;
    const bool lines = options.verbose || few;
    const auto emitter = make_command_emitter(options.report, "never", "emit");
    // With JSON or JUnit on stdout, the attempts' lines (and a stop) are still shown, on stderr.
    const bool text_report = options.report == "text";
    const auto text = atshook::report::make_text_emitter(false);
    std::FILE* const lines_to = text_report ? stdout : stderr;

    // The driver threads call `plain` at once, so each makes its own events (next() is safe to
    // share, see send_events.hpp).
    const NextOutgoing plain = [&]() -> std::optional<Outgoing> {
        auto event = next();
        if (!event) return std::nullopt;
        return Outgoing{event->type, "", Message{event->id, event->body, event->as_is_headers}};
    };
    SystemClock clock;
    const StopOnSignals stop_on_signals;
    ProgressLine progress(
        options.progress, false,
        {"send", false, total, "deliveries",
         run.load.duration
             ? std::optional<double>(std::chrono::duration<double>(*run.load.duration).count())
             : std::nullopt,
         k_few_deliveries + 1});
    const auto result = run_sends(
        plain, total, url, signer, run, make_curl_connections, clock,
        [&](const Outgoing& sent, const Attempt& attempt) {
            if (!lines) return;
            std::string line;
            text->attempt(line, sent, attempt);
            const ProgressPause pause(lines_to);
            std::fwrite(line.data(), 1, line.size(), lines_to);
            std::fflush(lines_to);
        },
        [&](const Sent& sent) {
            if (sent.outgoing.check.empty()) progress.add(1); // the events; checks come on top
        });
    progress.finish();
    if (!text_report) std::fputs(atshook::report::stop_text(result).c_str(), stderr);
    std::string summary;
    emitter->send_end(summary, {result, url, !few || options.verbose});
    std::fwrite(summary.data(), 1, summary.size(), stdout);
    return result.succeeded() ? exit_code::ok : exit_code::failed;
}

} // namespace cli
