// The JSON emitter: the stable objects scripts read. A stream (validate's documents) is one
// compact object per line; a single result (verify's verdict) one indented object.
#include "atshook/json_text.hpp"
#include "atshook/report/emitter.hpp"

namespace atshook::report {
namespace {

class JsonEmitter final : public Emitter {
public:
    void document(std::string& out, const DocumentReport& report) const override {
        out += json_text(document_json(report));
        out += '\n';
    }

    void unopenable(std::string& out, std::string_view source,
                    std::string_view message) const override {
        out += json_text(unopenable_json(source, message));
        out += '\n';
    }

    void documents_end(std::string&, const Tally&) const override {}

    // verify's object, with "source" (the request or body file) and "validation" (the body's
    // document object, or null): indented, or one line each when there are several.
    void verification(std::string& out, const VerificationReport& report) const override {
        nlohmann::ordered_json json;
        if (!report.source.empty()) json["source"] = report.source;
        json.update(verification_json(report.result, report.headers, report.context));
        json["validation"] =
            report.validation ? nlohmann::ordered_json(document_json(*report.validation)) : nullptr;
        out += json_text(json, report.several ? -1 : 2);
        out += '\n';
    }

    // One object and nothing else, so that the output is JSON (`| jq` reads it): the lines of
    // the attempts and of a run cut short are text, which the caller may write elsewhere.
    void attempt(std::string&, const delivery::Outgoing&, const delivery::Attempt&) const override {
    }
    void send_end(std::string& out, const SendRunReport& report) const override {
        out += json_text(send_run_json(report), 2);
        out += '\n';
    }

    // One object per delivery and line (NDJSON).
    void delivery(std::string& out, const ReceivedReport& report) const override {
        out += json_text(received_json(report));
        out += '\n';
    }

    void deliveries_end(std::string&, const receive::ListenTally&) const override {}

    // An indented array of {type, meaning, provenance, object}.
    void learning(std::string& out, const LearnReport& report) const override {
        learning_json(out, report);
    }

    // One object per change and line, then the summary object.
    void drift(std::string& out, const DriftReport& report) const override {
        drift_json(out, report);
    }

    void event_types(std::string& out, std::span<const EventInfo> events) const override {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& event : events)
            list.push_back({{"type", event.name},
                            {"meaning", event.meaning},
                            {"provenance", to_string(event.provenance)},
                            {"object", to_string(event.object)}});
        out += json_text(list, 2);
        out += '\n';
    }
};

} // namespace

std::unique_ptr<Emitter> make_json_emitter() {
    return std::make_unique<JsonEmitter>();
}

} // namespace atshook::report
