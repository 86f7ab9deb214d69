#pragma once
// The one way a command's results reach its output: an Emitter per format (text.cpp, json.cpp)
// writes each record as it comes, appending to a string the caller then writes, so that a log
// of millions of documents streams in input order in constant memory. The emitters know no
// CLI and no terminal: colour is a choice handed to them.
#include "atshook/catalog.hpp"
#include "atshook/report/document.hpp"
#include "atshook/report/drift.hpp"
#include "atshook/report/learning.hpp"
#include "atshook/report/received.hpp"
#include "atshook/report/send_run.hpp"
#include "atshook/report/verification.hpp"

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace atshook::report {

enum class Format { text, json };

// What a command reports, each with the formats it can be written in.
enum class Subject {
    documents,    // validate: one record per document, then the tally
    verification, // verify: one verdict (and the body's validation)
    send_run,     // emit --send, replay: a line per attempt (a few), then the run's summary
    deliveries,   // listen: one record per delivery received, then the tally
    event_types,  // events: the catalog
    learning,     // learn: findings against the schemas, then a summary per event type
    drift,        // drift: one record per change between two periods, then a summary
};

// The --format values a subject accepts, the default first: --help, completion and the man
// page take them from here.
std::span<const std::string_view> format_names(Subject subject);

// The format named `name` (one of format_names); throws atshook::Error (usage) otherwise.
Format parse_format(std::string_view name);

class Emitter {
public:
    virtual ~Emitter() = default;

    // validate. `document` is const and keeps no state, so threads may each write their own
    // chunk's records into their own string, which are then written in input order.
    virtual void document(std::string& out, const DocumentReport& report) const = 0;
    // An input that could not be opened (its error also goes to stderr as a diagnostic).
    virtual void unopenable(std::string& out, std::string_view source,
                            std::string_view message) const = 0;
    virtual void documents_end(std::string& out, const Tally& tally) const = 0;

    // verify: the verdict, its hints and, with --validate, the body's findings.
    virtual void verification(std::string& out, const VerificationReport& report) const = 0;

    // emit --send and replay: one attempt as it happens (when the run shows them), then the
    // run's verdict and summary. JSON writes neither attempts nor the line that says a run was
    // cut short (stop_text): its output is the summary object alone.
    virtual void attempt(std::string& out, const delivery::Outgoing& outgoing,
                         const delivery::Attempt& attempt) const;
    virtual void send_end(std::string& out, const SendRunReport& report) const = 0;

    // listen: each delivery as it is answered, then the tally's line (text only: listen writes
    // it to stderr whatever the format).
    virtual void delivery(std::string& out, const ReceivedReport& report) const = 0;
    virtual void deliveries_end(std::string& out, const receive::ListenTally& tally) const = 0;

    // events: each type with its meaning and whether its payload is documented or inferred.
    virtual void event_types(std::string& out, std::span<const EventInfo> events) const = 0;

    // learn: the findings, most frequent first, then a summary per event type.
    virtual void learning(std::string& out, const LearnReport& report) const = 0;

    // drift: the changes, breaking first, then the summary.
    virtual void drift(std::string& out, const DriftReport& report) const = 0;
};

// text: compiler-style lines, coloured (through render/tone) when `color`; json: one object per
// line for streams, an indented object for a single result.
std::unique_ptr<Emitter> make_emitter(Format format, bool color = false);

std::unique_ptr<Emitter> make_text_emitter(bool color);
std::unique_ptr<Emitter> make_json_emitter();

} // namespace atshook::report
