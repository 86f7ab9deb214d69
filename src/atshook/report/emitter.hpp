#pragma once
// The one way a command's results reach its output: an Emitter per format (text.cpp, json.cpp,
// github.cpp, gitlab.cpp, junit.cpp, sarif.cpp) writes each record as it comes, appending to a
// string the caller then writes, so that a log of millions of documents streams in input order
// in constant memory. A format whose report is one document (JUnit, SARIF, GitLab's array) is
// framed around the records by ReportStream (report_stream.hpp). The emitters know no CLI, no
// terminal and no working directory: colour and the directory are handed to them.
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

enum class Format { text, json, github, gitlab, junit, sarif };

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

// What an emitter is told of the world.
struct EmitterOptions {
    bool color = false;            // text: paint with render/tone
    std::string working_directory; // absolute; paths under it are reported relative to it
    std::string command;           // "validate", "verify", ...: names JUnit's testsuites
    std::string version;           // ats-hook's, for SARIF's tool.driver
};

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

    // Framing, for a report that is one document (JUnit, SARIF, GitLab), which ReportStream
    // writes whole at the end: `begin` opens it, knowing the run's tally; `input` wraps the
    // records of one input file (`first` while no input before it had records) given its tally;
    // documents_end (or verifications_end) closes it. Streams write their records as they are.
    virtual bool framed() const { return false; }
    virtual void begin(std::string& out, const Tally& total) const;
    virtual void input(std::string& out, std::string_view source, const Tally& tally,
                       std::string_view records, bool first) const;

    // Markdown for a CI job's summary page (GitHub's GITHUB_STEP_SUMMARY): files, documents,
    // errors, warnings and the first findings; "" for a format without one.
    virtual std::string job_summary(const Tally& tally) const;

    // verify: the verdict, its hints and, with --validate, the body's findings; after several
    // requests, the count of each outcome.
    virtual void verification(std::string& out, const VerificationReport& report) const = 0;
    virtual void verifications_end(std::string& out, const Tally& tally) const;

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
// line for streams, an indented object for a single result; github: workflow commands; gitlab:
// a Code Quality report; junit: JUnit XML; sarif: SARIF 2.1.0.
std::unique_ptr<Emitter> make_emitter(Format format, const EmitterOptions& options = {});

std::unique_ptr<Emitter> make_text_emitter(bool color);
std::unique_ptr<Emitter> make_json_emitter();
std::unique_ptr<Emitter> make_github_emitter(const EmitterOptions& options);
std::unique_ptr<Emitter> make_gitlab_emitter(const EmitterOptions& options);
std::unique_ptr<Emitter> make_junit_emitter(const EmitterOptions& options);
std::unique_ptr<Emitter> make_sarif_emitter(const EmitterOptions& options);

} // namespace atshook::report
