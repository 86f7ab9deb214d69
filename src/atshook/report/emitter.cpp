#include "atshook/report/emitter.hpp"

#include "atshook/error.hpp"

#include <array>

namespace atshook::report {
namespace {

constexpr std::array<std::string_view, 6> k_names{"text",  "json",  "github",
                                                  "gitlab", "junit", "sarif"};
constexpr std::array<Format, 6> k_formats{Format::text,   Format::json,  Format::github,
                                          Format::gitlab, Format::junit, Format::sarif};

} // namespace

std::span<const std::string_view> format_names(Subject subject) {
    static constexpr std::array<std::string_view, 2> k_text_json{"text", "json"};
    static constexpr std::array<std::string_view, 3> k_send{"text", "json", "junit"};
    switch (subject) {
    case Subject::documents:
    case Subject::verification:
    case Subject::learning:
        return k_names;
    case Subject::send_run:
        return k_send;
    case Subject::deliveries:
    case Subject::event_types:
    case Subject::drift:
        return k_text_json;
    }
    return k_text_json;
}

Format parse_format(std::string_view name) {
    for (std::size_t i = 0; i < k_names.size(); ++i)
        if (k_names[i] == name) return k_formats[i];
    throw Error("unknown report format '" + std::string(name) + "'", Error::Kind::usage);
}

void Emitter::attempt(std::string& out, const delivery::Outgoing& outgoing,
                      const delivery::Attempt& attempt) const {
    out += attempt_line(outgoing, attempt);
    out += '\n';
}

void Emitter::verifications_end(std::string&, const Tally&) const {}

void Emitter::begin(std::string&, const Tally&) const {}

void Emitter::input(std::string& out, std::string_view, const Tally&, std::string_view records,
                    bool) const {
    out += records;
}

std::string Emitter::job_summary(const Tally&) const {
    return {};
}

std::unique_ptr<Emitter> make_emitter(Format format, const EmitterOptions& options) {
    switch (format) {
    case Format::text:
        return make_text_emitter(options.color);
    case Format::json:
        return make_json_emitter();
    case Format::github:
        return make_github_emitter(options);
    case Format::gitlab:
        return make_gitlab_emitter(options);
    case Format::junit:
        return make_junit_emitter(options);
    case Format::sarif:
        return make_sarif_emitter(options);
    }
    return make_text_emitter(options.color);
}

} // namespace atshook::report
