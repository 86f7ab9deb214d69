// Golden outputs of validate, verify, listen, emit --send and replay, as they are before issue 22
// moves everything ats-hook prints into one report layer: each golden file holds transcripts
// (command, exit status, stdout, stderr) that must stay byte for byte the same after the move.
// ATS_HOOK_UPDATE_GOLDEN=1 rewrites them; every rewrite is read by a person before it is
// committed. Inputs are samples/ and tests/data/golden/inputs/; commands run from a fixed
// folder with relative paths, with a fixed --now where the command has one.
//
// Only what truly varies is masked (see mask_run_figures and mask_listen_clock), on the output
// before it is compared, so a golden file shows where a figure was: the port of a loopback
// server, latencies and run times (the digits only: the layout stays pinned), and where there is
// no --now (listen; verify --ignore-timestamp), the arrival time and the age of a timestamp.
#include "cli/golden.hpp"
#include "cli/listener.hpp"
#include "cli/run_process.hpp"
#include "cli/secret_safe_run.hpp"
#include "loopback_server.hpp"

#include "atshook/signature/secret.hpp"
#include "atshook/signature/sign.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <functional>
#include <regex>

namespace {

using namespace std::chrono_literals;
using test::k_body;
using test::k_id;
using test::k_secret;
using test::k_signature;

const std::string k_golden = "tests/data/golden/";
const std::string k_inputs = "tests/data/golden/inputs/";

// The canonical secret with one character from the URL-safe base64 alphabet: not accepted.
const std::string k_url_safe_secret = "whsec_MfKQ9r8GKYqrTwjUPD8I-PZIo2LaLaSw";

// An Ed25519 key pair made from a fixed seed, for a v1a signature.
const atshook::signature::Secret& ed25519_key() {
    static const auto key = [] {
        std::array<unsigned char, 32> seed{};
        for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(i + 1);
        return atshook::signature::make_ed25519_secret(seed);
    }();
    return key;
}
std::string ed25519_public_text() {
    return atshook::signature::format_ed25519_public(ed25519_key());
}

// Secrets are never written into a golden file: a transcript names them instead.
std::string secret_name(const std::string& value) {
    if (value == k_secret) return "<canonical test secret>";
    if (value == test::k_other_secret) return "<other test secret>";
    if (value == test::k_short_secret) return "<5-byte test secret>";
    if (value == ed25519_public_text()) return "<Ed25519 public test key>";
    if (value == k_url_safe_secret) return "<test secret with a URL-safe base64 character>";
    return "<unnamed test secret>";
}

// ATS_HOOK_SECRET holds several secrets separated by spaces.
std::string secret_names(const std::string& value) {
    std::string names;
    std::size_t start = 0, count = 0;
    while (start <= value.size()) {
        const auto space = std::min(value.find(' ', start), value.size());
        names += (names.empty() ? "" : " ") + secret_name(value.substr(start, space - start));
        start = space + 1;
        ++count;
    }
    return count == 1 ? names : "'" + names + "'";
}

// An argument as a shell would need it typed, control bytes as \xNN so the file stays readable.
std::string shown_arg(const std::string& arg) {
    std::string shown;
    bool quote = arg.empty();
    for (const char c : arg) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            static const char* const k_hex = "0123456789abcdef";
            shown += std::string("\\x") + k_hex[byte >> 4] + k_hex[byte & 0xf];
            quote = true;
        } else {
            if (c == ' ' || c == '\'' || c == '"' || c == '*' || c == '$' || c == '{' || c == '|' ||
                c == '<' || c == '>')
                quote = true;
            shown += c;
        }
    }
    return quote ? (arg.find('\\') != std::string::npos || shown != arg ? "$'" : "'") + shown + "'"
                 : shown;
}

std::string command_line(const std::vector<std::string>& args, const test::RunOptions& options,
                         const std::string& stdin_from) {
    std::string line = "$ ";
    for (const auto& [name, value] : options.env)
        line += name + "=" + (name == "ATS_HOOK_SECRET" ? secret_names(value) : value) + " ";
    line += "ats-hook";
    for (const auto& arg : args) line += " " + shown_arg(arg);
    if (!stdin_from.empty()) line += " < " + stdin_from;
    return line + "\n";
}

// "[stdout]" and the bytes as they are; a missing final newline is said, not added silently.
std::string stream_section(const std::string& name, const std::string& text) {
    if (text.empty()) return "[" + name + ": empty]\n";
    std::string section = "[" + name + "]\n" + text;
    if (text.back() != '\n') section += "\n[no newline at the end of " + name + "]\n";
    return section;
}

std::string result_sections(const test::Run& run) {
    return "[exit status " + std::to_string(run.exit_code) + "]\n" +
           stream_section("stdout", run.out) + stream_section("stderr", run.err);
}

// Replaces every match of `pattern` in `text` with `replacement` (ECMAScript, $1 allowed).
std::string replace_all(const std::string& text, const std::string& pattern,
                        const std::string& replacement) {
    return std::regex_replace(text, std::regex(pattern), replacement);
}

// The transcripts of one golden file, compared with it (or written) by check().
class GoldenFile {
public:
    explicit GoldenFile(std::string name) : m_name(std::move(name)) {}

    // Runs ats-hook from `cwd` (the source tree unless given), stdin from `stdin_from` (a path
    // below `cwd`) if any, and records the command and what came out, after `mask`.
    test::Run run(const std::vector<std::string>& args, test::RunOptions options = {},
                  const std::string& stdin_from = "",
                  const std::function<std::string(const std::string&)>& mask = {}) {
        if (options.working_dir.empty()) options.working_dir = ATS_HOOK_SOURCE_DIR;
        if (!stdin_from.empty())
            options.stdin_data = test::read_file(options.working_dir + "/" + stdin_from);
        test::Run run = test::run_guarded(args, options);
        std::string command = command_line(args, options, stdin_from);
        if (mask) {
            command = mask(command);
            run.out = mask(run.out);
            run.err = mask(run.err);
        }
        add(command + result_sections(run));
        return run;
    }
    // A transcript made elsewhere (listen's).
    void add(const std::string& transcript) {
        if (!m_text.empty()) m_text += "\n";
        m_text += transcript;
    }
    void check() const { test::check_golden(k_golden + m_name, m_text); }

private:
    std::string m_name;
    std::string m_text;
};

test::RunOptions in_dir(const std::string& dir, test::RunOptions options = {}) {
    options.working_dir = dir;
    return options;
}

} // namespace

// validate

TEST_CASE("golden: validate text and JSON of a valid file") {
    GoldenFile golden("validate/valid-file.txt");
    golden.run({"validate", "samples/valid/job.created.json"});
    golden.run({"validate", "--format", "json", "samples/valid/job.created.json"});
    golden.check();
}

TEST_CASE("golden: validate text and JSON of an invalid file with several findings") {
    GoldenFile golden("validate/invalid-file.txt");
    const std::string file = k_inputs + "validate/several-findings.json";
    golden.run({"validate", file});
    golden.run({"validate", "--format", "json", file});
    golden.check();
}

TEST_CASE("golden: validate text and JSON of several files with the summary line") {
    GoldenFile golden("validate/several-files.txt");
    const std::vector<std::string> files{"samples/valid/job.created.json",
                                         "samples/invalid/job-enum-values.json",
                                         "samples/warnings/unknown-field.json"};
    std::vector<std::string> args{"validate"};
    args.insert(args.end(), files.begin(), files.end());
    golden.run(args);
    args.insert(args.begin() + 1, {"--format", "json"});
    golden.run(args);
    golden.check();
}

TEST_CASE("golden: validate text and JSON of an NDJSON log with valid, invalid, malformed and "
          "oversized lines") {
    GoldenFile golden("validate/ndjson-log.txt");
    const std::string log = k_inputs + "validate/log.ndjson";
    golden.run({"validate", "--max-bytes", "150", log});
    golden.run({"validate", "--max-bytes", "150", "--format", "json", log});
    golden.check();
}

TEST_CASE("golden: validate text and JSON of stdin, a whole document and an NDJSON log") {
    GoldenFile golden("validate/stdin.txt");
    golden.run({"validate"}, {}, "samples/valid/job.created.json");
    golden.run({"validate", "-", "--format", "json"}, {}, "samples/valid/job.created.json");
    const std::string log = k_inputs + "validate/log.ndjson";
    golden.run({"validate", "--max-bytes", "150", "-"}, {}, log);
    golden.run({"validate", "--max-bytes", "150", "--format", "json", "-"}, {}, log);
    golden.check();
}

TEST_CASE("golden: validate turns an unknown member from a warning into an error with --strict") {
    GoldenFile golden("validate/strict.txt");
    const std::string file = "samples/warnings/unknown-field.json";
    golden.run({"validate", file});
    golden.run({"validate", "--strict", file});
    golden.run({"validate", "--strict", "--format", "json", file});
    golden.check();
}

TEST_CASE("golden: validate --quiet prints nothing, whatever the format") {
    GoldenFile golden("validate/quiet.txt");
    golden.run({"validate", "--quiet", k_inputs + "validate/several-findings.json"});
    golden.run({"validate", "-q", "--format", "json", "no-such-file.json"});
    golden.check();
}

TEST_CASE("golden: validate --color always paints locations, pointers, warnings and valid") {
    GoldenFile golden("validate/color.txt");
    golden.run({"validate", "--color", "always", "samples/valid/job.created.json",
                k_inputs + "validate/several-findings.json"});
    golden.run(
        {"validate", "--color", "always", "--max-bytes", "150", k_inputs + "validate/log.ndjson"});
    golden.check();
}

TEST_CASE("golden: validate escapes control characters from a value, a member name and a file "
          "name") {
    GoldenFile golden("validate/control-characters.txt");
    const std::string file = k_inputs + "validate/control-characters.json";
    golden.run({"validate", file});
    golden.run({"validate", "--format", "json", file});
    golden.run({"validate", "--color", "always", file});
    // A file name with an escape sequence in it, named from a scratch folder.
    const test::ScratchDir dir;
    dir.write("job\x1b[2Jx.json",
              test::read_file(test::source_path("samples/valid/job.deleted.json")));
    golden.run({"validate", "job\x1b[2Jx.json"}, in_dir(dir.path("")));
    golden.run({"validate", "--format", "json", "job\x1b[2Jx.json"}, in_dir(dir.path("")));
    golden.check();
}

TEST_CASE("golden: validate lists 100 findings of a document and counts the rest") {
    GoldenFile golden("validate/findings-limit.txt");
    // 103 unknown members: warnings, 100 listed, 3 counted. Text only: the JSON form would be a
    // 20 KB line; its omitted_findings object is pinned (with zeros) by every other JSON case.
    std::string members;
    for (int i = 0; i < 103; ++i) members += ",\"m" + std::to_string(i) + "\":1";
    const test::ScratchDir dir;
    dir.write("many.json", R"({"type":"job.deleted","timestamp":"2024-01-01T00:00:00Z",)"
                           R"("data":{"object":{"id":"job_abc")" +
                               members + "}}}\n");
    golden.run({"validate", "many.json"}, in_dir(dir.path("")));
    golden.check();
}

// The JSON object for a file that cannot be opened has no omitted_findings, unlike every other
// object validate prints. Pinned as it is; reported.
TEST_CASE("golden: validate reports a file it cannot read and an empty input") {
    GoldenFile golden("validate/unreadable.txt");
    golden.run({"validate", "no-such-file.json", "samples/valid/job.created.json"});
    golden.run(
        {"validate", "--format", "json", "no-such-file.json", "samples/valid/job.created.json"});
    const test::ScratchDir dir;
    dir.write("empty.json", "");
    golden.run({"validate", "empty.json"}, in_dir(dir.path("")));
    golden.run({"validate", "--format", "json", "empty.json"}, in_dir(dir.path("")));
    golden.check();
}

// verify: the canonical vector of the Standard Webhooks spec, the signed samples, and one case
// per reason and hint. Runs from a scratch folder holding copies of the inputs, so that file
// names are short and a secret file has mode 0600 whatever the checkout gave it.

namespace {

// The canonical vector's timestamp (Standard Webhooks spec, section 5).
const std::string k_timestamp = "1614265330";

test::RunOptions with_secret(const std::string& secret = k_secret) {
    test::RunOptions options;
    options.env["ATS_HOOK_SECRET"] = secret;
    return options;
}

// verify of `body` (stdin, from a file of the scratch folder) with the three header values as
// flags and the `extra` options (--now, ...), as text and as JSON.
void verify_flags_both_ways(GoldenFile& golden, const test::ScratchDir& dir,
                            const std::string& body_name, const std::string& body,
                            const std::vector<std::string>& headers,
                            const std::vector<std::string>& extra,
                            const test::RunOptions& options = with_secret(),
                            const std::function<std::string(const std::string&)>& mask = {}) {
    dir.write(body_name, body);
    for (const bool json : {false, true}) {
        std::vector<std::string> args{"verify"};
        args.insert(args.end(), headers.begin(), headers.end());
        args.insert(args.end(), extra.begin(), extra.end());
        if (json) args.insert(args.end(), {"--format", "json"});
        golden.run(args, in_dir(dir.path(""), options), body_name, mask);
    }
}

std::vector<std::string> canonical_flags(const std::string& timestamp = k_timestamp,
                                         const std::string& signature = k_signature) {
    return {"--id", k_id, "--timestamp", timestamp, "--signature", signature};
}

// The token (v1, or v1a for an Ed25519 key) of `body` under the canonical id at `timestamp`.
std::string signed_with(const atshook::signature::Secret& secret, const std::string& body,
                        const std::string& timestamp = k_timestamp) {
    return atshook::signature::signature_token(secret, {k_id, std::stoll(timestamp), body});
}
std::string canonical_signature(const std::string& body,
                                const std::string& timestamp = k_timestamp) {
    return signed_with(atshook::signature::parse_secret(k_secret, "test"), body, timestamp);
}

// The canonical signature with its last base64 digit changed: matches nothing.
const std::string k_wrong_signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=";

} // namespace

TEST_CASE("golden: verify text and JSON of a verified delivery in each input form") {
    GoldenFile golden("verify/verified.txt");
    const test::ScratchDir dir;
    verify_flags_both_ways(golden, dir, "body.json", k_body, canonical_flags(),
                           {"--now", k_timestamp});
    // --ignore-timestamp cannot be combined with --now, yet the JSON still gives the age against
    // the clock: only that figure is masked.
    verify_flags_both_ways(golden, dir, "body.json", k_body, canonical_flags(),
                           {"--ignore-timestamp"}, with_secret(), [](const std::string& text) {
                               return replace_all(text, R"("age_seconds": \d+)",
                                                  R"("age_seconds": N)");
                           });
    // A v1a token checked with an Ed25519 public key.
    verify_flags_both_ways(golden, dir, "body.json", k_body,
                           canonical_flags(k_timestamp, signed_with(ed25519_key(), k_body)),
                           {"--now", k_timestamp}, with_secret(ed25519_public_text()));
    dir.write("application.created.http",
              test::read_file(test::source_path("samples/signed/application.created.http")));
    dir.write("secret.txt", test::read_file(test::source_path("samples/signed/secret.txt")));
    for (const bool json : {false, true}) {
        std::vector<std::string> args{
            "verify",     "--request", "application.created.http", "--secret-file",
            "secret.txt", "--now",     "2024-02-05T09:14:30Z"};
        if (json) args.insert(args.end(), {"--format", "json"});
        golden.run(args, in_dir(dir.path("")));
    }
    dir.write("interview.created.headers",
              test::read_file(test::source_path("samples/signed/interview.created.headers")));
    dir.write("interview.created.json",
              test::read_file(test::source_path("samples/signed/interview.created.json")));
    for (const bool json : {false, true}) {
        std::vector<std::string> args{"verify",
                                      "--headers",
                                      "interview.created.headers",
                                      "interview.created.json",
                                      "--secret-file",
                                      "secret.txt",
                                      "--now",
                                      "2024-02-12T13:26:20Z"};
        if (json) args.insert(args.end(), {"--format", "json"});
        golden.run(args, in_dir(dir.path("")));
    }
    golden.check();
}

TEST_CASE("golden: verify --validate adds the body's report once the signature passes") {
    GoldenFile golden("verify/validate.txt");
    const test::ScratchDir dir;
    dir.write("application.created.http",
              test::read_file(test::source_path("samples/signed/application.created.http")));
    dir.write("secret.txt", test::read_file(test::source_path("samples/signed/secret.txt")));
    for (const bool json : {false, true}) {
        std::vector<std::string> args{
            "verify",     "--request", "application.created.http", "--secret-file",
            "secret.txt", "--now",     "2024-02-05T09:14:30Z",     "--validate"};
        if (json) args.insert(args.end(), {"--format", "json"});
        golden.run(args, in_dir(dir.path("")));
    }
    // A body signed correctly but invalid (exit 1), and one that is not JSON (exit 3).
    const std::string invalid = R"({"type":"job.created","timestamp":"x","data":{}})";
    verify_flags_both_ways(golden, dir, "invalid.json", invalid,
                           canonical_flags(k_timestamp, canonical_signature(invalid)),
                           {"--now", k_timestamp, "--validate"});
    verify_flags_both_ways(golden, dir, "text.txt", "plain text\n",
                           canonical_flags(k_timestamp, canonical_signature("plain text\n")),
                           {"--now", k_timestamp, "--validate"});
    golden.check();
}

TEST_CASE("golden: verify text and JSON of a missing or empty header") {
    GoldenFile golden("verify/missing-header.txt");
    const test::ScratchDir dir;
    verify_flags_both_ways(golden, dir, "body.json", k_body,
                           {"--id", k_id, "--timestamp", k_timestamp}, {"--now", k_timestamp});
    verify_flags_both_ways(golden, dir, "body.json", k_body, canonical_flags(k_timestamp, ""),
                           {"--now", k_timestamp});
    std::string request =
        test::read_file(test::source_path("samples/signed/application.created.http"));
    request.replace(request.find("webhook-signature"), 17, "X-Hub-Signature");
    dir.write("no-signature.http", request);
    dir.write("secret.txt", test::read_file(test::source_path("samples/signed/secret.txt")));
    for (const bool json : {false, true}) {
        std::vector<std::string> args{
            "verify",     "--request", "no-signature.http",   "--secret-file",
            "secret.txt", "--now",     "2024-02-05T09:14:30Z"};
        if (json) args.insert(args.end(), {"--format", "json"});
        golden.run(args, in_dir(dir.path("")));
    }
    golden.check();
}

TEST_CASE("golden: verify text and JSON of a malformed timestamp or signature header") {
    GoldenFile golden("verify/malformed.txt");
    const test::ScratchDir dir;
    verify_flags_both_ways(golden, dir, "body.json", k_body, canonical_flags("1614265330.5"),
                           {"--now", k_timestamp});
    verify_flags_both_ways(golden, dir, "body.json", k_body, canonical_flags("soon"),
                           {"--now", k_timestamp});
    std::string many;
    for (int i = 0; i < 33; ++i) many += (many.empty() ? "" : " ") + std::string("v1,AAAA");
    verify_flags_both_ways(golden, dir, "body.json", k_body, canonical_flags(k_timestamp, many),
                           {"--now", k_timestamp});
    golden.check();
}

TEST_CASE("golden: verify text and JSON of a timestamp too old or too new") {
    GoldenFile golden("verify/out-of-window.txt");
    const test::ScratchDir dir;
    // 301 s on either side of a 300 s tolerance; the signature itself is right: a hint says so.
    verify_flags_both_ways(golden, dir, "body.json", k_body, canonical_flags(),
                           {"--now", "1614265631"});
    verify_flags_both_ways(golden, dir, "body.json", k_body, canonical_flags(),
                           {"--now", "2021-02-25T14:57:09Z"});
    // Years away, in big units, with a wrong signature (no hint), and a custom tolerance.
    verify_flags_both_ways(golden, dir, "body.json", k_body,
                           canonical_flags(k_timestamp, k_wrong_signature),
                           {"--now", "2026-11-29T12:00:00Z", "--tolerance", "60"});
    // A timestamp in milliseconds, signed as such.
    verify_flags_both_ways(
        golden, dir, "body.json", k_body,
        canonical_flags("1614265330000", canonical_signature(k_body, "1614265330000")),
        {"--now", k_timestamp});
    golden.check();
}

TEST_CASE("golden: verify text and JSON of no matching signature and each hint") {
    GoldenFile golden("verify/no-matching-signature.txt");
    const test::ScratchDir dir;
    const std::vector<std::string> now{"--now", k_timestamp};
    // No hint: one character of the signature changed.
    verify_flags_both_ways(golden, dir, "body.json", k_body,
                           canonical_flags(k_timestamp, k_wrong_signature), now);
    // A final newline an editor added.
    verify_flags_both_ways(golden, dir, "body-newline.json", k_body + "\n", canonical_flags(), now);
    // The sender's final newline lost: signed over k_body + "\n".
    verify_flags_both_ways(golden, dir, "body.json", k_body,
                           canonical_flags(k_timestamp, canonical_signature(k_body + "\n")), now);
    // CRLF line ends where LF was signed.
    verify_flags_both_ways(
        golden, dir, "body-crlf.json", "{\"test\": 2432232314,\r\n\"note\": \"crlf\"}",
        canonical_flags(k_timestamp,
                        canonical_signature("{\"test\": 2432232314,\n\"note\": \"crlf\"}")),
        now);
    // Signed with the secret's text as the HMAC key, as Stripe does.
    const auto as_text = atshook::signature::make_hmac_secret(
        std::span(reinterpret_cast<const unsigned char*>(k_secret.data()), k_secret.size()));
    verify_flags_both_ways(golden, dir, "body.json", k_body,
                           canonical_flags(k_timestamp, signed_with(as_text, k_body)), now);
    // A Stripe header: no v1 token.
    verify_flags_both_ways(golden, dir, "body.json", k_body,
                           canonical_flags(k_timestamp, "t=1614265330,v1=abc"), now);
    // Signed compact, verified as pretty-printed JSON; and the other way round.
    verify_flags_both_ways(
        golden, dir, "body-pretty.json", "{\n  \"test\": 2432232314\n}",
        canonical_flags(k_timestamp, canonical_signature("{\"test\":2432232314}")), now);
    verify_flags_both_ways(
        golden, dir, "body-compact.json", "{\"test\":2432232314}",
        canonical_flags(k_timestamp, canonical_signature("{\n  \"test\": 2432232314\n}")), now);
    // A compact body with a final newline added: the newline hint alone (a reserialization hint
    // beside it would say the body was indented, which it never was).
    const std::string compact = R"({"type":"job.deleted","data":{"object":{"id":"job_abc"}}})";
    verify_flags_both_ways(golden, dir, "compact-newline.json", compact + "\n",
                           canonical_flags(k_timestamp, canonical_signature(compact)), now);
    // Two secrets tried (rotation), neither matches.
    verify_flags_both_ways(golden, dir, "body.json", k_body,
                           canonical_flags(k_timestamp, k_wrong_signature), now,
                           with_secret(k_secret + " " + test::k_other_secret));
    golden.check();
}

TEST_CASE("golden: verify warnings on stderr, colour, and --quiet") {
    GoldenFile golden("verify/warnings-color-quiet.txt");
    const test::ScratchDir dir;
    dir.write("body.json", k_body);
    dir.write("body-newline.json", k_body + "\n");
    std::vector<std::string> args = canonical_flags();
    args.insert(args.begin(), "verify");
    args.insert(args.end(), {"--now", k_timestamp});
    // A secret file others can read; a key shorter than the spec's 24 bytes; bytes after the
    // Content-Length body of a request file.
    dir.write("open-secret.txt", k_secret + "\n", 0644);
    auto open_file = args;
    open_file.insert(open_file.end(), {"--secret-file", "open-secret.txt"});
    golden.run(open_file, in_dir(dir.path("")), "body.json");
    golden.run(args, in_dir(dir.path(""), with_secret(test::k_short_secret)), "body.json");
    dir.write("trailing.http",
              test::read_file(test::source_path("samples/signed/application.created.http")) +
                  "\r\n");
    dir.write("secret.txt", test::read_file(test::source_path("samples/signed/secret.txt")));
    golden.run({"verify", "--request", "trailing.http", "--secret-file", "secret.txt", "--now",
                "2024-02-05T09:14:30Z"},
               in_dir(dir.path("")));
    // Colour: the verdict green or red, hints cyan.
    auto coloured = args;
    coloured.insert(coloured.end(), {"--color", "always"});
    golden.run(coloured, in_dir(dir.path(""), with_secret()), "body.json");
    golden.run(coloured, in_dir(dir.path(""), with_secret()), "body-newline.json");
    // --quiet: the exit status only, for a failure and for an error.
    auto quiet = args;
    quiet.push_back("--quiet");
    golden.run(quiet, in_dir(dir.path(""), with_secret()), "body-newline.json");
    quiet.push_back("no-such-body.json");
    golden.run(quiet, in_dir(dir.path(""), with_secret()));
    golden.check();
}

TEST_CASE("golden: verify errors on stderr for input it cannot use") {
    GoldenFile golden("verify/errors.txt");
    const test::ScratchDir dir;
    auto args = canonical_flags();
    args.insert(args.begin(), "verify");
    args.insert(args.end(), {"--now", k_timestamp, "no-such-body.json"});
    golden.run(args, in_dir(dir.path(""), with_secret()));
    dir.write("no-blank-line.http", "POST / HTTP/1.1\r\nwebhook-id: x\r\n");
    golden.run({"verify", "--request", "no-blank-line.http"}, in_dir(dir.path(""), with_secret()));
    dir.write("body.json", k_body);
    golden.run({"verify", "--request", "no-blank-line.http", "--format", "json"},
               in_dir(dir.path(""), with_secret()));
    args.back() = "body.json";
    golden.run(args, in_dir(dir.path(""), with_secret(k_url_safe_secret)));
    golden.run({"verify", "body.json"}, in_dir(dir.path(""), with_secret()));
    golden.check();
}

// listen: deliveries sent over raw connections, one at a time and each answered before the
// next, so the lines come in a fixed order. listen has no --now: the deliveries carry fixed
// timestamps and listen accepts them with --tolerance 1000000000 (about 31 years), so that ids,
// timestamps and signatures are the same in every run; stale ones are from 1970 and 2286.

namespace {

const std::int64_t k_listen_timestamp = 1700000000; // 2023-11-14T22:13:20Z
const std::string k_tolerance = "1000000000";

// The port a loopback server or listener got from the kernel.
std::string mask_port(std::string text, int port) {
    const std::string from = "127.0.0.1:" + std::to_string(port);
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
        text.replace(at, from.size(), "127.0.0.1:PORT");
    return text;
}

// Figures of a send run that depend on the machine: latencies written "12.3 ms" (attempt lines,
// summary percentiles, listen's took and handler times) become "N.N ms"; the summary's run time,
// rate and CPU per delivery, and the same in JSON (seconds, deliveries_per_second,
// cpu_us_per_delivery, p50_ms, p90_ms, p99_ms, max_ms, latency_ms, took_ms) become N. Counts,
// statuses and the words around them are kept.
std::string mask_run_figures(const std::string& text) {
    std::string out = replace_all(text, R"(\b\d+\.\d+ ms\b)", "N.N ms");
    out = replace_all(out, R"(attempts in \d+\.\d+ s: \d+\.\d deliveries/s, \d+ us CPU each)",
                      "attempts in N.NN s: N.N deliveries/s, N us CPU each");
    const std::string number = R"(-?\d+(\.\d+)?([eE][-+]?\d+)?)";
    for (const char* key : {"seconds", "deliveries_per_second", "cpu_us_per_delivery", "p50_ms",
                            "p90_ms", "p99_ms", "max_ms", "latency_ms", "took_ms"})
        out = replace_all(out, std::string("(\"") + key + "\": ?)" + number, "$1N");
    return out;
}

// listen reads the clock (it has no --now): the arrival time that starts each text line and the
// JSON "arrival", and the age of a timestamp ("is 123 s before now", "about 5.2 years",
// "age_seconds"), become placeholders of the same shape.
std::string mask_listen_clock(const std::string& text) {
    std::string out = replace_all(text, R"((^|\n)\d\d:\d\d:\d\d\.\d\d\dZ  )", "$1hh:mm:ss.mmmZ  ");
    out = replace_all(out, R"("arrival":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")",
                      R"("arrival":"YYYY-MM-DDThh:mm:ss.ffffffZ")");
    out = replace_all(out, R"(is \d+ s (?=(\(about \d+\.\d [a-z]+\) )?(before|after) now))",
                      "is N s ");
    out = replace_all(out, R"(\(about \d+\.\d ([a-z]+)\) (before|after) now)",
                      "(about N.N $1) $2 now");
    out = replace_all(out, R"("age_seconds":-?\d+)", R"("age_seconds":N)");
    return mask_run_figures(out);
}

std::string sample(const std::string& name) {
    return test::read_file(test::source_path(name));
}

struct Delivery {
    std::string what; // for the transcript
    std::string id = "msg_golden_1";
    std::string timestamp = std::to_string(k_listen_timestamp);
    std::string body = sample("samples/valid/interview.created.json");
    std::string secret = k_secret; // "" for no webhook-signature
    std::string signed_body;       // when not the body itself
    std::string signature_value;   // when not a signature made with `secret`
    std::string method = "POST";
    std::string path = "/webhooks/hirehive";

    std::string signature() const {
        const auto parsed = atshook::signature::parse_secret(secret, "test");
        return atshook::signature::signature_token(
            parsed, {id, std::stoll(timestamp), signed_body.empty() ? body : signed_body});
    }
    std::string request() const {
        std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                           "Content-Type: application/json\r\nwebhook-id: " + id +
                           "\r\nwebhook-timestamp: " + timestamp + "\r\n";
        if (!signature_value.empty())
            text += "webhook-signature: " + signature_value + "\r\n";
        else if (!secret.empty())
            text += "webhook-signature: " + signature() + "\r\n";
        return text + "Content-Length: " + std::to_string(body.size()) +
               "\r\nConnection: close\r\n\r\n" + body;
    }
};

// Sends each delivery to a fresh `listen ARGS --count N` and returns its transcript: the command,
// each delivery with the status and first line of the answer it got, then what listen printed.
std::string listen_transcript(const std::vector<std::string>& args,
                              const std::vector<Delivery>& deliveries,
                              const test::RunOptions& options = {}) {
    const test::ScratchDir dir;
    dir.write("secret.txt", k_secret + "\n");
    test::RunOptions in_scratch = options;
    in_scratch.working_dir = dir.path("");
    std::vector<std::string> all = args;
    all.insert(all.end(), {"--count", std::to_string(deliveries.size())});
    test::Listener listener(dir.path(""), all, in_scratch);
    std::vector<std::string> full{"listen", "--port", "0"};
    full.insert(full.end(), all.begin(), all.end());
    std::string text = command_line(full, options, "");
    int number = 0;
    for (const auto& delivery : deliveries) {
        const std::string answer = test::raw_exchange(listener.port(), delivery.request());
        const auto body_at = answer.find("\r\n\r\n");
        std::string body = body_at == std::string::npos ? "" : answer.substr(body_at + 4);
        if (const auto newline = body.find('\n'); newline != std::string::npos) body.erase(newline);
        text += "> " + std::to_string(++number) + ". " + delivery.what + ": answered " +
                std::to_string(test::status_of(answer)) + (body.empty() ? "" : " " + body) + "\n";
    }
    const test::Run run = listener.finish();
    return mask_listen_clock(mask_port(text + result_sections(run), listener.port()));
}

// One delivery of each verdict listen has, in the order of the Verdict enum, then the refusals.
std::vector<Delivery> one_of_each_verdict() {
    std::vector<Delivery> list;
    Delivery verified;
    verified.what = "interview.created signed with the secret";
    list.push_back(verified);
    Delivery redelivery = verified;
    redelivery.what = "the same webhook-id again";
    list.push_back(redelivery);
    Delivery invalid;
    invalid.what = "an invalid payload, signed";
    invalid.id = "msg_golden_invalid";
    invalid.body = sample("samples/invalid/attendee-status-attending.json");
    list.push_back(invalid);
    Delivery not_json;
    not_json.what = "a body that is not JSON, signed";
    not_json.id = "msg_golden_text";
    not_json.body = "hello, this is not JSON";
    list.push_back(not_json);
    Delivery forged;
    forged.what = "signed with another secret";
    forged.id = "msg_golden_forged";
    forged.secret = test::k_other_secret;
    list.push_back(forged);
    // The final newline's hint alone: the body was never indented, so no reserialization hint.
    Delivery newline;
    newline.what = "signed without the final newline the body has";
    newline.id = "msg_golden_newline";
    newline.body = R"({"type":"job.deleted","timestamp":"2024-01-01T00:00:00Z",)"
                   R"("data":{"object":{"id":"job_abc"}}})";
    newline.signed_body = newline.body;
    newline.body += "\n";
    list.push_back(newline);
    Delivery malformed;
    malformed.what = "a timestamp that is not a number";
    malformed.id = "msg_golden_malformed";
    malformed.timestamp = "soon";
    malformed.signature_value = k_signature;
    list.push_back(malformed);
    Delivery old;
    old.what = "signed in 1970";
    old.id = "msg_golden_old";
    old.timestamp = "1";
    list.push_back(old);
    Delivery future;
    future.what = "signed for 2286";
    future.id = "msg_golden_future";
    future.timestamp = "9999999999";
    list.push_back(future);
    Delivery unsigned_delivery;
    unsigned_delivery.what = "no webhook-signature";
    unsigned_delivery.id = "msg_golden_unsigned";
    unsigned_delivery.secret = "";
    list.push_back(unsigned_delivery);
    Delivery get;
    get.what = "GET instead of POST";
    get.method = "GET";
    get.body = "";
    list.push_back(get);
    Delivery elsewhere;
    elsewhere.what = "another path";
    elsewhere.path = "/other";
    list.push_back(elsewhere);
    Delivery big;
    big.what = "a body over --max-bytes";
    big.id = "msg_golden_big";
    big.body = std::string(30000, ' ');
    list.push_back(big);
    return list;
}

} // namespace

TEST_CASE("golden: listen text lines of a delivery of each verdict, and the summary") {
    GoldenFile golden("listen/each-verdict.txt");
    golden.add(listen_transcript(
        {"--secret-file", "secret.txt", "--tolerance", k_tolerance, "--max-bytes", "20000"},
        one_of_each_verdict()));
    golden.check();
}

TEST_CASE("golden: listen JSON lines of a delivery of each verdict, and the summary") {
    GoldenFile golden("listen/each-verdict.json.txt");
    golden.add(listen_transcript({"--secret-file", "secret.txt", "--tolerance", k_tolerance,
                                  "--max-bytes", "20000", "--format", "json"},
                                 one_of_each_verdict()));
    golden.check();
}

TEST_CASE("golden: listen without a secret says signatures are not checked") {
    GoldenFile golden("listen/no-secret.txt");
    std::vector<Delivery> deliveries(2);
    deliveries[0].what = "interview.created, signed";
    deliveries[1].what = "an invalid payload, unsigned";
    deliveries[1].id = "msg_golden_invalid";
    deliveries[1].secret = "";
    deliveries[1].body = sample("samples/invalid/attendee-status-attending.json");
    for (const bool json : {false, true}) {
        std::vector<std::string> args;
        if (json) args = {"--format", "json"};
        golden.add(listen_transcript(args, deliveries));
    }
    golden.check();
}

// With --count, the signed body that is not JSON (answered 400) still counts as verified: exit 0.
// The man page says "exit 0 if all N verified"; whether a 400 should count is questionable.
// Pinned as it is; reported.
TEST_CASE("golden: listen --events prints only the types asked for and counts the others") {
    GoldenFile golden("listen/events-filter.txt");
    std::vector<Delivery> deliveries(3);
    deliveries[0].what = "interview.created, signed";
    deliveries[1].what = "job.created, signed (not shown)";
    deliveries[1].id = "msg_golden_job";
    deliveries[1].body = sample("samples/valid/job.created.json");
    deliveries[2].what = "a body that is not JSON, signed (no type: shown)";
    deliveries[2].id = "msg_golden_text";
    deliveries[2].body = "hello, this is not JSON";
    for (const bool json : {false, true}) {
        std::vector<std::string> args{"--secret-file", "secret.txt", "--tolerance",
                                      k_tolerance,     "--events",   "interview.*"};
        if (json) args.insert(args.end(), {"--format", "json"});
        golden.add(listen_transcript(args, deliveries));
    }
    golden.check();
}

TEST_CASE("golden: listen --forward-to shows the handler's answer and warns about a forgery it "
          "accepted") {
    GoldenFile golden("listen/forward.txt");
    std::vector<Delivery> deliveries(2);
    deliveries[0].what = "interview.created, signed";
    deliveries[1].what = "signed with another secret";
    deliveries[1].id = "msg_golden_forged";
    deliveries[1].secret = test::k_other_secret;
    for (const bool json : {false, true}) {
        test::LoopbackServer handler({{200, "OK", {}, "handled\n", 0ms}});
        std::vector<std::string> args{"--secret-file", "secret.txt",   "--tolerance",
                                      k_tolerance,     "--forward-to", handler.url("/hook")};
        if (json) args.insert(args.end(), {"--format", "json"});
        golden.add(mask_port(listen_transcript(args, deliveries), handler.port()));
    }
    golden.check();
}

// emit --send and replay against a scripted loopback server (127.0.0.1, port 0).

namespace {

// emit --seed 42 --at ... of `types`, signed with the canonical secret, sent to `server`.
std::vector<std::string> emit_send(const std::vector<std::string>& types,
                                   const test::LoopbackServer& server,
                                   const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"emit"};
    args.insert(args.end(), types.begin(), types.end());
    args.insert(args.end(),
                {"--seed", "42", "--at", "2024-05-06T09:30:00Z", "--send", server.url("/hook")});
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

std::function<std::string(const std::string&)> send_mask(const test::LoopbackServer& server) {
    const int port = server.port();
    return [port](const std::string& text) { return mask_run_figures(mask_port(text, port)); };
}

} // namespace

TEST_CASE("golden: emit --send prints a line per attempt for a few deliveries") {
    GoldenFile golden("emit/few.txt");
    {
        // 200; 503 then 200 on the retry; a redirect, not followed.
        test::LoopbackServer server({{200, "OK", {}, "ok\nsecond line\n", 0ms},
                                     {503, "Service Unavailable", {}, "busy\n", 0ms},
                                     {200, "OK", {}, "", 0ms},
                                     {302, "Found", {{"Location", "/elsewhere"}}, "moved\n", 0ms}});
        golden.run(emit_send({"interview.created", "job.created", "candidate.updated"}, server,
                             {"--retries", "1", "--retry-scale", "0.001"}),
                   with_secret(), "", send_mask(server));
    }
    {
        // 410 Gone stops the run: the events left are counted, not sent.
        test::LoopbackServer server({{200, "OK", {}, "ok\n", 0ms}, {410, "Gone", {}, "", 0ms}});
        golden.run(emit_send({"interview.created", "job.created", "candidate.updated"}, server),
                   with_secret(), "", send_mask(server));
    }
    {
        // The JSON summary of a few deliveries: stdout is the object alone (`| jq` reads it), the
        // attempt lines go to stderr.
        test::LoopbackServer server({{200, "OK", {}, "ok\n", 0ms}});
        golden.run(emit_send({"interview.created", "job.created"}, server, {"--format", "json"}),
                   with_secret(), "", send_mask(server));
    }
    golden.check();
}

TEST_CASE("golden: emit --send prints the summary for many deliveries, as text and JSON") {
    GoldenFile golden("emit/many.txt");
    for (const bool json : {false, true}) {
        test::LoopbackServer server({{200, "OK", {}, "ok\n", 0ms}});
        auto args = emit_send({"interview.created", "job.created"}, server, {"--count", "11"});
        if (json) args.insert(args.end(), {"--format", "json"});
        golden.run(args, with_secret(), "", send_mask(server));
    }
    golden.check();
}

TEST_CASE("golden: emit --send --check-handler prints the check table with passes and failures") {
    GoldenFile golden("emit/check-handler.txt");
    // A handler that answers 200 to everything: plain deliveries and redeliveries pass, every
    // forgery fails, reordered and invalid payloads are information. A few deliveries (a line
    // each, labelled by check), then many (a check after each: every kind comes), then JSON.
    {
        test::LoopbackServer server({{200, "OK", {}, "ok\n", 0ms}});
        golden.run(emit_send({"interview.created", "interview.updated", "job.created"}, server,
                             {"--check-handler", "--check-ratio", "1"}),
                   with_secret(), "", send_mask(server));
    }
    for (const bool json : {false, true}) {
        test::LoopbackServer server({{200, "OK", {}, "ok\n", 0ms}});
        auto args = emit_send({"interview.created", "interview.updated", "job.created"}, server,
                              {"--count", "8", "--check-handler", "--check-ratio", "1"});
        if (json) args.insert(args.end(), {"--format", "json"});
        golden.run(args, with_secret(), "", send_mask(server));
    }
    golden.check();
}

// The summary line counts only the captures sent: "2 of 2 deliveries" for three files, one refused
// (as the README shows), and "0 of 1" beside an unreadable file. Pinned as it is; reported.
TEST_CASE("golden: replay re-signs captures, refuses an unverified one and reports an unreadable "
          "one") {
    GoldenFile golden("replay/captures.txt");
    const std::string captures = k_inputs + "replay/";
    {
        test::LoopbackServer server({{200, "OK", {}, "thanks\n", 0ms}});
        golden.run({"replay", captures, "--to", server.url("/hook")}, with_secret(), "",
                   send_mask(server));
    }
    {
        test::LoopbackServer server({{200, "OK", {}, "thanks\n", 0ms}});
        golden.run({"replay", captures + "c-signed-with-another-secret.http", "--to",
                    server.url("/hook"), "--as-is"},
                   {}, "", send_mask(server));
    }
    {
        test::LoopbackServer server({{500, "Internal Server Error", {}, "oops\n", 0ms}});
        golden.run({"replay", "samples/valid/job.created.json",
                    captures + "a-candidate.tag.added.http", "--to", server.url("/hook")},
                   with_secret(), "", send_mask(server));
    }
    golden.check();
}
