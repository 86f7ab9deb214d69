// Any bytes as `ats-hook validate` reads them: one payload and NDJSON, lenient and strict, text
// and JSON reports, through the same reader, batch validation and report code as the command,
// and the CI formats (GitHub, GitLab, JUnit, SARIF) on each document.
// Each finding's pointer is located in the document's bytes, as a report that says line and
// column does; and the input's first line is located as a pointer in the rest, so that any
// bytes and any pointer reach the locator.
#include "fuzz_target.hpp"

#include "atshook/batch_validation.hpp"
#include "atshook/error.hpp"
#include "atshook/json_locate.hpp"
#include "atshook/limits.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Pass {
    const char* name; // the file name the reader sees: ".ndjson" forces NDJSON
    atshook::Strictness strictness;
    atshook::report::Format format;
    unsigned jobs;
    std::size_t max_bytes;
};

// Each line of a JSON report is one object the scripts can read back.
void check_json_lines(std::string_view text) {
    while (!text.empty()) {
        const auto newline = text.find('\n');
        fuzz::require(newline != std::string_view::npos, "a JSON report line ends in a newline");
        const auto line = text.substr(0, newline);
        fuzz::require(line.starts_with('{') && nlohmann::json::accept(line),
                      "a JSON report line is an object");
        text.remove_prefix(newline + 1);
    }
}

// Locates `pointer` in `json`; a value found lies within the text and is one whole value.
std::optional<atshook::TextSpan> checked_locate(std::string_view json, std::string_view pointer) {
    const auto span = atshook::locate_json_pointer(json, pointer);
    if (span) {
        fuzz::require(span->begin < span->end && span->end <= json.size(),
                      "a located value lies within the text");
        const auto value = json.substr(span->begin, span->end - span->begin);
        fuzz::require(atshook::locate_json_pointer(value, "") == atshook::TextSpan{0, value.size()},
                      "a located value is one whole value");
    }
    return span;
}

// A document simdjson parsed holds a value at every finding's pointer (a missing member is
// reported at its object), so the locator must find each one there.
void check_locations(std::string_view json, const atshook::DocumentResult& result) {
    const bool parsed = result.status != atshook::DocumentResult::Status::unreadable;
    fuzz::require(checked_locate(json, "") || !parsed, "a parsed document is located whole");
    for (const auto& finding : result.findings)
        fuzz::require(checked_locate(json, finding.pointer) || !parsed,
                      "a parsed document holds the value a finding points at");
}

// The CI formats on one document: GitHub's commands and JUnit's XML hold nothing that drives a
// terminal (or that XML cannot hold), and each GitLab and SARIF record is a JSON object.
void check_ci_formats(const atshook::report::DocumentReport& report) {
    using atshook::report::Format;
    static const auto emitters = [] {
        std::vector<std::pair<Format, std::unique_ptr<atshook::report::Emitter>>> all;
        for (const Format format : {Format::github, Format::gitlab, Format::junit, Format::sarif})
            all.emplace_back(format,
                             atshook::report::make_emitter(format, {false, "/work", "validate",
                                                                    "0"}));
        return all;
    }();
    for (const auto& [format, emitter] : emitters) {
        std::string out;
        emitter->document(out, report);
        if (format == Format::github || format == Format::junit) {
            fuzz::require(fuzz::is_terminal_safe(out), "a CI report holds no control character");
            continue;
        }
        for (std::string_view rest = out; !rest.empty();) {
            fuzz::require(rest.starts_with(",\n"), "each record follows a comma and a newline");
            rest.remove_prefix(2);
            const auto end = rest.find(",\n{");
            const auto record = rest.substr(0, end);
            fuzz::require(record.starts_with('{') && nlohmann::json::accept(record),
                          "a GitLab or SARIF record is a JSON object");
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
        }
    }
}

// Runs validate_input as the command does; returns the report it printed.
std::string run_pass(std::string_view bytes, const Pass& pass) {
    atshook::ValidateOptions options;
    options.strictness = pass.strictness;
    auto reader = atshook::InputReader::from_bytes(bytes, pass.name, pass.max_bytes);
    atshook::report::Tally total;
    std::string printed;
    const auto emitter = atshook::report::make_emitter(pass.format);
    try {
        atshook::validate_input(reader, options, emitter.get(), pass.jobs, pass.max_bytes,
                                [&](const atshook::ChunkReport& report) {
                                    if (pass.format == atshook::report::Format::json)
                                        check_json_lines(report.text);
                                    else
                                        fuzz::require(fuzz::is_terminal_safe(report.text),
                                                      "the text report is safe for a terminal");
                                    total.add(report.tally);
                                    printed += report.text;
                                });
    } catch (const atshook::Error&) {
        return {}; // a read error; memory cannot have one, but the API allows it
    }
    fuzz::require(total.documents == total.valid + total.invalid + total.unreadable,
                  "every document is valid, invalid or unreadable");
    fuzz::require(reader.is_ndjson() || total.documents == 1,
                  "a whole file is exactly one document");
    const std::string summary = atshook::report::summary_line(total);
    fuzz::require(!summary.empty(), "the summary line says something");
    return printed;
}

// The calls a command makes itself for each document (validate_document, both emitters, the
// JSON report dumped as the command prints it), with validators reused across inputs, as a
// long-running caller would. Returns the text report, which must be validate_input's.
std::string run_documents(std::string_view bytes, const char* name) {
    static atshook::Validator lenient;
    static atshook::Validator strict([] {
        atshook::ValidateOptions options;
        options.strictness = atshook::Strictness::strict;
        return options;
    }());
    static const auto text = atshook::report::make_text_emitter(false);
    constexpr std::size_t k_max = atshook::k_default_max_bytes;
    auto reader = atshook::InputReader::from_bytes(bytes, name, k_max);
    atshook::Chunk chunk;
    std::string printed;
    while (reader.next(chunk)) {
        for (const auto& document : chunk.documents) {
            const auto result = atshook::validate_document(lenient, document, k_max);
            const auto strict_result = atshook::validate_document(strict, document, k_max);
            check_locations(document.bytes, result);
            check_locations(document.bytes, strict_result);
            fuzz::require(!strict_result.ok() || result.ok(),
                          "a payload valid under --strict is valid without it");
            fuzz::require(result.findings.size() <= atshook::limits::k_findings &&
                              strict_result.findings.size() <= atshook::limits::k_findings,
                          "a document keeps at most limits::k_findings findings");
            const auto report = atshook::report::document_report(reader.source(), document, result);
            text->document(printed, report);
            check_ci_formats(report);
            const auto json = atshook::report::document_json(report);
            const std::string dumped =
                json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            fuzz::require(nlohmann::json::accept(dumped), "the JSON report is JSON");
            fuzz::require(json.at("valid").get<bool>() == result.ok(),
                          "the JSON report's `valid` is the verdict");
        }
    }
    return printed;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes = fuzz::as_text(data, size);
    using atshook::Strictness;
    using atshook::report::Format;
    constexpr std::size_t k_max = atshook::k_default_max_bytes;
    // As the command reads a file (one payload, or NDJSON when the first line is a whole value).
    const std::string printed =
        run_pass(bytes, {"payload.json", Strictness::lenient, Format::text, 1, k_max});
    fuzz::require(run_documents(bytes, "payload.json") == printed,
                  "a reused validator reports what a fresh one does");
    // As NDJSON, with a small --max-bytes; on two threads now and then (each compiles schemas).
    const unsigned jobs = size % 8 == 0 ? 2 : 1;
    run_pass(bytes, {"log.ndjson", Strictness::strict, Format::json, jobs, 1024});
    if (const auto newline = bytes.find('\n'); newline != std::string_view::npos)
        checked_locate(bytes.substr(newline + 1), bytes.substr(0, newline));
    return 0;
}
