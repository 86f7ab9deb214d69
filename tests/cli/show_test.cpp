// `ats-hook show` run as a user runs it. Golden outputs live in tests/data/show/golden and were
// read by hand against their inputs; ATS_HOOK_UPDATE_GOLDEN=1 rewrites them.
#include "atshook/render/text/layout.hpp"
#include "cli/golden.hpp"
#include "cli/run_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const std::string k_inputs = "tests/data/show/inputs/";
const std::string k_golden = "tests/data/show/golden/";
const std::string k_interview = test::source_path("samples/valid/interview.created.json");

std::string input(const std::string& name) {
    return test::source_path(k_inputs + name);
}

test::RunOptions with_env(std::map<std::string, std::string> env) {
    test::RunOptions options;
    options.env = std::move(env);
    return options;
}

std::vector<std::string> valid_samples() {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(test::source_path("samples/valid")))
        if (entry.path().extension() == ".json") out.push_back(entry.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Shows `args` and compares stdout with the golden file `name`; the run must succeed.
void golden_case(const std::string& name, const std::vector<std::string>& args,
                 const test::RunOptions& options = {}) {
    CAPTURE(name);
    std::vector<std::string> full{"show"};
    full.insert(full.end(), args.begin(), args.end());
    const auto run = test::run_ats(full, options);
    CHECK(run.err == "");
    CHECK(run.exit_code == 0);
    test::check_golden(k_golden + "cases/" + name, run.out);
}

} // namespace

TEST_CASE("show renders every bundled sample as text, coloured text, JSON and Markdown") {
    const auto samples = valid_samples();
    CHECK(samples.size() >= 19);
    for (const auto& sample : samples) {
        const std::string stem = fs::path(sample).stem().string();
        CAPTURE(stem);
        const std::pair<std::vector<std::string>, std::string> variants[] = {
            {{"--color", "never"}, ".txt"},
            {{"--color", "always"}, ".color.txt"},
            {{"--format", "json"}, ".json"},
            {{"--format", "markdown"}, ".md"},
        };
        for (const auto& [options, extension] : variants) {
            std::vector<std::string> args{"show"};
            args.insert(args.end(), options.begin(), options.end());
            args.push_back(sample);
            const auto run = test::run_ats(args);
            CHECK(run.exit_code == 0);
            CHECK(run.err == "");
            if (extension != ".json") CHECK(run.out.find("null") == std::string::npos);
            test::check_golden(k_golden + "samples/" + stem + extension, run.out);
        }
    }
}

TEST_CASE(
    "the interview card shows title, type, status, both clocks, the link and every attendee") {
    const auto run = test::run_ats({"show", "--tz", "America/New_York", k_interview});
    REQUIRE(run.exit_code == 0);
    for (const char* expected :
         {"Technical interview: María José García López", "interview.created", "● active", "online",
          "Mon 19 Feb 2024 10:00–11:00 GMT (UTC+00:00)", "Europe/Dublin",
          "Mon 19 Feb 2024 05:00–06:00 EST (UTC-05:00)", "Microsoft Teams",
          "https://teams.microsoft.com/", "Organizer  Yuki Tanaka", "Rahul Menon", "Kwame Mensah",
          "candidate", "○ pending", "✓ accepted", "? maybe",
          "4 attendees: 2 accepted, 1 maybe, 1 pending"}) {
        CAPTURE(expected);
        CHECK(run.out.find(expected) != std::string::npos);
    }
    // The candidate comes first in the table although the payload lists them first anyway;
    // see the every-status case for a candidate listed later.
    CHECK(run.out.find("María José García") < run.out.find("Rahul Menon"));
}

TEST_CASE("show reads time zones across DST changes, Windows names and unknown names") {
    golden_case("dst-dublin.txt", {"--tz", "America/New_York", input("interview-dst-dublin.json")});
    golden_case("dst-new-york.txt",
                {"--tz", "America/New_York", input("interview-dst-new-york.json")});
    golden_case("windows-zone.txt",
                {"--tz", "Europe/London", input("interview-windows-zone.json")});
    golden_case("windows-display-name.txt",
                {"--tz", "Europe/London", input("interview-windows-display-name.json")});
    golden_case("unknown-zone.txt",
                {"--tz", "Europe/Dublin", input("interview-unknown-zone.json")});
    golden_case("wall-times.txt", {"--tz", "UTC", input("interview-wall-times.json")});
}

TEST_CASE("the reader's time is added only when their clock differs from the interview's") {
    const auto shared = test::run_ats({"show", "--tz", "Europe/Dublin", k_interview});
    CHECK(shared.out.find("Your time") == std::string::npos);
    // London and Dublin read the same clock in February: nothing to add either.
    const auto london = test::run_ats({"show", "--tz", "Europe/London", k_interview});
    CHECK(london.out.find("Your time") == std::string::npos);
    const auto tokyo = test::run_ats({"show", "--tz", "Asia/Tokyo", k_interview});
    CHECK(tokyo.out.find("Your time  Mon 19 Feb 2024 19:00–20:00 JST (UTC+09:00)") !=
          std::string::npos);
    // Without --tz the zone comes from TZ.
    const auto from_env = test::run_ats({"show", k_interview}, with_env({{"TZ", "Asia/Tokyo"}}));
    CHECK(from_env.out == tokyo.out);
    golden_case("viewer-shares-zone.txt", {"--tz", "Europe/Dublin", k_interview});
}

TEST_CASE("show lays out interviews with no attendees, with 50, and with every status") {
    golden_case("no-attendees.txt", {input("interview-no-attendees.json")});
    golden_case("every-status.txt", {"--tz", "UTC", input("interview-every-status.json")});
    golden_case("50-attendees.txt", {input("interview-50-attendees.json")});
    const auto fifty = test::run_ats({"show", input("interview-50-attendees.json")});
    CHECK(fifty.out.find("50 attendees: 13 accepted, 12 maybe, 13 pending, 12 declined") !=
          std::string::npos);
}

TEST_CASE("a cancelled interview is unmistakable, whichever field says so") {
    golden_case("cancelled-by-type.txt", {input("interview-cancelled-by-type.json")});
    const auto run =
        test::run_ats({"show", test::source_path("samples/valid/interview.cancelled.json")});
    const auto first_lines = run.out.substr(0, run.out.find("Type"));
    CHECK(first_lines.find("✗ CANCELLED Phone screen") != std::string::npos);
    CHECK(first_lines.find("Status     ✗ CANCELLED") != std::string::npos);
}

TEST_CASE("absent and null fields show a dash, never null, in text and Markdown") {
    golden_case("all-null.txt", {input("interview-all-null.json")});
    golden_case("all-null.md", {"--format", "markdown", input("interview-all-null.json")});
    golden_case("all-null.json", {"--format", "json", input("interview-all-null.json")});
    golden_case("odd-types.txt", {input("job-odd-types.json")});
    for (const auto& format : {"text", "markdown"}) {
        const auto run =
            test::run_ats({"show", "--format", format, input("interview-all-null.json")});
        CHECK(run.out.find("null") == std::string::npos);
        CHECK(run.out.find("—") != std::string::npos);
    }
}

TEST_CASE("JSON output is one object per event with the same keys whatever is absent") {
    const auto full = test::run_ats({"show", "--format", "json", k_interview});
    const auto empty =
        test::run_ats({"show", "--format", "json", input("interview-all-null.json")});
    REQUIRE(full.exit_code == 0);
    REQUIRE(empty.exit_code == 0);
    CHECK(std::count(full.out.begin(), full.out.end(), '\n') == 1);
    const auto a = nlohmann::json::parse(full.out);
    const auto b = nlohmann::json::parse(empty.out);
    std::vector<std::string> keys_a, keys_b;
    for (const auto& [key, value] : a["interview"].items()) keys_a.push_back(key);
    for (const auto& [key, value] : b["interview"].items()) keys_b.push_back(key);
    CHECK(keys_a == keys_b);
    CHECK(a["interview"]["attendee_counts"]["accepted"] == 2);
    CHECK(a["interview"]["organizer"]["name"] == "Yuki Tanaka");
    CHECK(a["interview"]["start"]["local"] == "2024-02-19T10:00:00+00:00");
    CHECK(b["interview"]["title"].is_null());
}

TEST_CASE("long text wraps to the width, at 40 and at 200 columns, without losing words") {
    for (const int width : {40, 200}) {
        CAPTURE(width);
        const auto run =
            test::run_ats({"show", k_interview}, with_env({{"COLUMNS", std::to_string(width)}}));
        REQUIRE(run.exit_code == 0);
        for (const auto& line : lines_of(run.out)) {
            CAPTURE(line);
            CHECK(atshook::render::display_width(line) == width);
        }
        CHECK(run.out.find("afterwards,") != std::string::npos);
        test::check_golden(k_golden + "cases/width-" + std::to_string(width) + ".txt", run.out);
    }
    // --width wins over COLUMNS.
    const auto forced =
        test::run_ats({"show", "--width", "40", k_interview}, with_env({{"COLUMNS", "200"}}));
    CHECK(lines_of(forced.out).front().size() < 200);
    CHECK(atshook::render::display_width(lines_of(forced.out).front()) == 40);
}

TEST_CASE("NO_COLOR and a pipe give output without escape codes, colour can be forced") {
    const auto piped = test::run_ats({"show", k_interview});
    CHECK(piped.out.find('\x1b') == std::string::npos);
    const auto no_color = test::run_ats({"show", k_interview},
                                        with_env({{"NO_COLOR", "1"}, {"CLICOLOR_FORCE", "1"}}));
    CHECK(no_color.out.find('\x1b') == std::string::npos);
    const auto forced = test::run_ats({"show", k_interview}, with_env({{"CLICOLOR_FORCE", "1"}}));
    CHECK(forced.out.find("\x1b[") != std::string::npos);
    const auto always =
        test::run_ats({"show", "--color", "always", k_interview}, with_env({{"NO_COLOR", "1"}}));
    CHECK(always.out.find("\x1b[") != std::string::npos);
}

TEST_CASE("escape sequences inside the payload never reach the terminal") {
    const auto run = test::run_ats({"show", input("interview-control-characters.json")});
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.find('\x1b') == std::string::npos);
    CHECK(run.out.find('\a') == std::string::npos);
    CHECK(run.out.find("\u202e") == std::string::npos);
    golden_case("control-characters.txt", {input("interview-control-characters.json")});
}

TEST_CASE("--ascii, or a locale that is not UTF-8, draws the card in ASCII") {
    golden_case("ascii.txt", {"--ascii", input("interview-every-status.json")});
    const auto ascii = test::run_ats({"show", "--ascii", input("interview-dst-dublin.json")});
    for (const char c : ascii.out) CHECK(static_cast<unsigned char>(c) < 0x80);
    const auto c_locale = test::run_ats(
        {"show", input("interview-dst-dublin.json")},
        with_env({{"LC_ALL", "\x01unset"}, {"LC_CTYPE", "\x01unset"}, {"LANG", "C"}}));
    CHECK(c_locale.out == ascii.out);
}

TEST_CASE("show reads stdin when no file or - is given") {
    const auto expected = test::run_ats({"show", k_interview}).out;
    for (const auto& args :
         {std::vector<std::string>{"show"}, std::vector<std::string>{"show", "-"}}) {
        const auto run = test::run_ats(args, test::stdin_of(test::read_file(k_interview)));
        CHECK(run.exit_code == 0);
        CHECK(run.out == expected);
    }
}

TEST_CASE("an NDJSON log gives one card per line in order and names the line it cannot read") {
    const auto run = test::run_ats({"show", input("log.ndjson")});
    CHECK(run.exit_code == 3);
    CHECK(run.err.starts_with("ats-hook: error: " + input("log.ndjson") + ":3: not valid JSON: "));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    const auto first = run.out.find("interview.created");
    const auto second = run.out.find("candidate.tag.added");
    const auto third = run.out.find("feedback.requested");
    CHECK(first < second);
    CHECK(second < third);
    CHECK(third != std::string::npos);
    CHECK(run.out.find("Tag added     Shortlist tag_Abc1") != std::string::npos);
    const auto json = test::run_ats({"show", "--format", "json", input("log.ndjson")});
    CHECK(lines_of(json.out).size() == 3);
}

TEST_CASE("show exit code 3 for input that is not a HireHive event") {
    const std::pair<std::string, std::string> cases[] = {
        {"[1, 2]", "<stdin>: an array, not a HireHive event"},
        {"{\"type\": \"interview.create\"}", "<stdin>: \"interview.create\" is not a HireHive "
                                             "event type; did you mean \"interview.created\"?"},
        {"{\"data\": {}}", "<stdin>: no \"type\" member"},
        {"", "<stdin>: empty"},
    };
    for (const auto& [payload, message] : cases) {
        const auto& input = payload; // clang 14 cannot capture a binding
        CAPTURE(input);
        const auto run = test::run_ats({"show"}, test::stdin_of(payload));
        CHECK(run.exit_code == 3);
        CHECK(run.out == "");
        CHECK(run.err.find("ats-hook: error: " + message) == 0);
    }
    const auto missing = test::run_ats({"show", "no-such-file.json", k_interview});
    CHECK(missing.exit_code == 3);
    CHECK(missing.err ==
          "ats-hook: error: no-such-file.json: cannot open: No such file or directory\n");
    CHECK(missing.out.find("interview.created") != std::string::npos); // the others are shown
}

TEST_CASE("show exit code 2 for a bad option value") {
    CHECK(test::run_ats({"show", "--format", "yaml", k_interview}).exit_code == 2);
    CHECK(test::run_ats({"show", "--color", "sometimes", k_interview}).exit_code == 2);
    const auto tz = test::run_ats({"show", "--tz", "Mars/Olympus_Mons", k_interview});
    CHECK(tz.exit_code == 2);
    CHECK(tz.err.find("--tz: unknown time zone \"Mars/Olympus_Mons\"") != std::string::npos);
    CHECK(tz.out == "");
}

TEST_CASE("an unknown TZ falls back to UTC with a warning, not an error") {
    const auto run = test::run_ats({"show", k_interview}, with_env({{"TZ", "Nowhere/Special"}}));
    CHECK(run.exit_code == 0);
    CHECK(run.err.find("warning: TZ=\"Nowhere/Special\"") != std::string::npos);
}

TEST_CASE("--check adds the validator's findings under the card and exits 1 when invalid") {
    const auto valid = test::run_ats({"show", "--check", k_interview});
    CHECK(valid.exit_code == 0);
    CHECK(valid.out.find("✓ valid") != std::string::npos);
    const std::string invalid_file =
        test::source_path("samples/invalid/attendee-status-attending.json");
    const auto invalid = test::run_ats({"show", "--check", invalid_file});
    CHECK(invalid.exit_code == 1);
    test::check_golden(k_golden + "cases/check-invalid.txt", invalid.out);
    const auto json = test::run_ats({"show", "--check", "--format", "json", invalid_file});
    const auto parsed = nlohmann::json::parse(json.out);
    CHECK(parsed["check"]["valid"] == false);
    CHECK(parsed["check"]["findings"][0]["pointer"] == "/data/object/event/attendees/1/status");
    // Without --check the same payload is simply shown.
    CHECK(test::run_ats({"show", invalid_file}).exit_code == 0);
}
