#pragma once
// A send run for emit --send and replay: the library's run, the status line, and its report on
// stdout (and stderr) through the emitter the user chose.
#include "atshook/delivery/delivery.hpp"
#include "cli/emit_output.hpp"
#include "cli/secret_source.hpp"
#include "cli/send_options.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cli {

// Signs with every loaded secret (rotation: one token each).
atshook::delivery::Signer make_signer(std::shared_ptr<LoadedSecrets> loaded);

// POSTs each event to `url` (named `option` in errors), with the options' concurrency, rate
// and duration, until the events end, the duration passes, a 410 arrives or SIGINT/SIGTERM.
// Prints a line per attempt for a few deliveries (20 or fewer, no --duration) or --verbose,
// "N of M deliveries to URL succeeded", and for a larger run a summary (statuses, latency
// percentiles, throughput, per type; JSON with `json`), after a status line on stderr while
// it runs, as options.progress asks (automatic: more than 20 deliveries, or a --duration). With
// check_handler, behaviour checks are mixed in and a table of verdicts ends the report.
// Returns 0 when every delivery got a 2xx (with checks: every check passed), else 1. `total`
// (when known) counts the events a 410 leaves unsent. `secrets` null: send unsigned or as-is.
// `next` is called from several driver threads at once: it must be safe to share (emit's event
// stream makes plain events in parallel; replay reads its files under a lock).
int send_events(const NextEvent& next, std::optional<std::size_t> total, const std::string& url,
                std::string_view option, std::shared_ptr<LoadedSecrets> secrets,
                const SendOptions& options);

} // namespace cli
