// `ats-hook completion`: the scripts it prints, run in the real shells. bash completes through
// its completion function as readline would call it; fish through `complete -C`; zsh is
// checked for syntax.
#include "atshook/catalog.hpp"
#include "cli/secret_safe_run.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace {

using Words = std::set<std::string>;

// The script `ats-hook completion SHELL` prints, in a file for the shell to source.
const std::string& script_file(const std::string& shell) {
    static const test::ScratchDir dir;
    static std::map<std::string, std::string> files;
    auto& file = files[shell];
    if (file.empty()) {
        const auto run = test::run_ats({"completion", shell});
        REQUIRE(run.exit_code == 0);
        REQUIRE(run.err.empty());
        file = dir.write("ats-hook." + shell, run.out);
    }
    return file;
}

Words lines_of(const std::string& text) {
    Words out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) out.insert(line);
    return out;
}

// Sources bash-completion and the script, splits `line` as bash does for completion (at
// blanks not escaped with a backslash, with `=` a word of its own), puts the cursor at its end and
// calls the function `complete -p ats-hook` names. Returns COMPREPLY.
constexpr const char* k_bash_driver = R"(
source "$ATS_BASH_COMPLETION"
source "$1"
line=$2
read -ra split <<<"${line//=/ = }"
COMP_WORDS=()
for word in "${split[@]}"; do
    # A blank after a backslash stays in its word, as when bash splits the line.
    if ((${#COMP_WORDS[@]})) && [[ ${COMP_WORDS[-1]} == *\\ ]]; then
        COMP_WORDS[-1]+=" $word"
    else
        COMP_WORDS+=("$word")
    fi
done
if [[ $line == *'\ ' ]]; then
    COMP_WORDS[-1]+=' '
elif [[ $line == *' ' || -z $line ]]; then
    COMP_WORDS+=('')
fi
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
read -ra registration < <(complete -p ats-hook)
"${registration[2]}" ats-hook "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
)";

Words bash_completes(const std::string& line, const std::string& working_dir = "") {
    test::RunOptions options;
    options.working_dir = working_dir;
    options.env["ATS_BASH_COMPLETION"] = ATS_BASH_COMPLETION;
    const auto run = test::run_program(
        ATS_BASH, {"-c", k_bash_driver, "bash", script_file("bash"), "ats-hook " + line}, options);
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    auto words = lines_of(run.out);
    words.erase("");
    return words;
}

// What fish offers for `line`, without the descriptions; with `escaped`, as fish would insert
// each (special characters escaped, an opening quote closed).
Words fish_completes(const std::string& line, const std::string& working_dir = "",
                     bool escaped = false) {
    test::RunOptions options;
    options.working_dir = working_dir;
    const std::string complete = escaped ? "complete -C --escape" : "complete -C";
    const auto run = test::run_program(ATS_FISH,
                                       {"--no-config", "-c",
                                        "source $argv[1]; " + complete + " \"ats-hook $argv[2]\"",
                                        script_file("fish"), line},
                                       options);
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    Words words;
    for (const auto& entry : lines_of(run.out)) words.insert(entry.substr(0, entry.find('\t')));
    return words;
}

// zsh completes only in its line editor: the driver starts an interactive zsh on a pseudo-
// terminal (zsh/zpty), types `line` and Tab. The shell first runs the set-up below: the script
// on $fpath as _ats-hook, where cmake --install puts it, or sourced after compinit; compadd
// wrapped to write each match it adds to $ATS_OUT; $ATS_OUT.done written when completion ends.
constexpr const char* k_zsh_setup = R"(
if [[ -n $ATS_SOURCE ]]; then
    autoload -Uz compinit && compinit -u -D
    source $ATS_SOURCE
else
    fpath=($ATS_FPATH $fpath)
    autoload -Uz compinit && compinit -u -D
fi
compadd() {
    # _describe and _multi_parts ask for the matches (-O, -A, -D) before adding them.
    if (( ${argv[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi
    local -a hits
    builtin compadd -A hits "$@"
    (( $#hits )) && print -rl -- $hits >> $ATS_OUT
    builtin compadd "$@"
}
comppostfuncs=(ats_done)
ats_done() { print >> $ATS_OUT.done }
# Control-T, typed once completion is done, writes the line as completion left it.
ats_buffer() { print -r -- $BUFFER > $ATS_OUT.buffer }
zle -N ats_buffer
bindkey '^T' ats_buffer
)";

constexpr const char* k_zsh_driver = R"(
zmodload zsh/zpty
zpty shell zsh -f -i
zpty -w shell "source ${(q)1}"
zpty -w -n shell "$2"$'\t'
for i in {1..300}; do [[ -e $ATS_OUT.done ]] && break; sleep 0.1; done
zpty -w -n shell $'\C-t'
for i in {1..50}; do [[ -e $ATS_OUT.buffer ]] && break; sleep 0.1; done
zpty -d shell
[[ -e $ATS_OUT.done ]]
)";

enum class ZshLoad { fpath, source };

struct ZshCompletion {
    Words matches;      // what completion offered
    std::string buffer; // the command line after it, as zsh inserted the match
};

ZshCompletion zsh_complete(const std::string& line, ZshLoad load = ZshLoad::fpath) {
    const test::ScratchDir dir;
    std::filesystem::create_directory(dir.path("functions"));
    std::filesystem::copy_file(script_file("zsh"), dir.path("functions/_ats-hook"));
    test::RunOptions options;
    options.env["ATS_OUT"] = dir.path("matches");
    if (load == ZshLoad::fpath)
        options.env["ATS_FPATH"] = dir.path("functions");
    else
        options.env["ATS_SOURCE"] = script_file("zsh");
    const auto run = test::run_program(
        ATS_ZSH,
        {"-f", "-c", k_zsh_driver, "zsh", dir.write("setup.zsh", k_zsh_setup), "ats-hook " + line},
        options);
    CHECK_MESSAGE(run.exit_code == 0, "zsh did not finish completing: " << run.err);
    ZshCompletion out;
    if (std::filesystem::exists(dir.path("matches")))
        out.matches = lines_of(test::read_file(dir.path("matches")));
    if (std::filesystem::exists(dir.path("matches.buffer"))) {
        out.buffer = test::read_file(dir.path("matches.buffer"));
        if (!out.buffer.empty()) out.buffer.pop_back(); // print's newline
    }
    return out;
}

Words zsh_completes(const std::string& line, ZshLoad load = ZshLoad::fpath) {
    return zsh_complete(line, load).matches;
}

// Runs `line`, a command line as completion left it, in `shell` with ats-hook a function that
// calls the built binary: the arguments are those the shell itself makes of the line.
test::Run run_line(const std::string& shell, const std::string& line) {
    test::RunOptions options;
    options.env["ATS_HOOK"] = ATS_HOOK_BINARY;
    if (shell == "fish")
        return test::run_program(
            ATS_FISH,
            {"--no-config", "-c", "function ats-hook; $ATS_HOOK $argv; end; eval $argv[1]", line},
            options);
    const std::string define = "ats-hook() { \"$ATS_HOOK\" \"$@\"; }; eval \"$1\"";
    if (shell == "zsh")
        return test::run_program(ATS_ZSH, {"-f", "-c", define, "zsh", line}, options);
    return test::run_program(ATS_BASH, {"-c", define, "bash", line}, options);
}

const std::string k_interview = test::source_path("samples/valid/interview.created.json");

// `show` ran with the zone a completed --tz names: India Standard Time, read as Asia/Kolkata.
void check_shows_in_kolkata(const std::string& shell, const std::string& completed_line) {
    CAPTURE(shell);
    CAPTURE(completed_line);
    const auto run = run_line(shell, completed_line + " " + k_interview);
    CHECK(run.exit_code == 0);
    CHECK(run.err == "");
    CHECK(run.out.find("IST (UTC+05:30) · Asia/Kolkata") != std::string::npos);
}

Words event_types(std::string_view prefix) {
    Words out;
    for (const auto& event : atshook::all_events())
        if (event.name.starts_with(prefix)) out.emplace(event.name);
    return out;
}

// The commands `ats-hook --help` lists.
std::vector<std::string> commands() {
    const auto help = test::run_ats({"--help"}).out;
    std::istringstream lines(help.substr(help.find("Subcommands:")));
    std::string line;
    std::getline(lines, line);
    std::vector<std::string> out;
    while (std::getline(lines, line) && line.starts_with("  "))
        out.push_back(line.substr(2, line.find(' ', 2) - 2));
    return out;
}

// Every option name `ats-hook COMMAND --help` lists in its Options section: "-q", "--quiet".
Words help_options(const std::vector<std::string>& command) {
    auto args = command;
    args.emplace_back("--help");
    const auto run = test::run_ats(args);
    REQUIRE(run.exit_code == 0);
    Words out;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with("  -")) continue; // descriptions are indented further
        std::istringstream names(line.substr(2, line.find(' ', 2) - 2));
        for (std::string name; std::getline(names, name, ',');) out.insert(name);
    }
    return out;
}

} // namespace

TEST_CASE("completion prints a script for bash, zsh and fish, another shell is a usage error") {
    for (const std::string shell : {"bash", "zsh", "fish"}) {
        CAPTURE(shell);
        const auto run = test::run_ats({"completion", shell});
        CHECK(run.exit_code == 0);
        CHECK(run.out.find("interview.created") != std::string::npos);
        CHECK(run.out.find("Europe/Berlin") != std::string::npos);
    }
    const auto run = test::run_ats({"completion", "powershell"});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("powershell") != std::string::npos);
    CHECK(test::run_ats({"completion"}).exit_code == 2);
}

TEST_CASE("bash completion offers the commands") {
    CHECK(bash_completes("em") == Words{"emit"});
    const auto all = bash_completes("");
    const auto names = commands();
    CHECK(all == Words(names.begin(), names.end()));
    CHECK(all.count("completion") == 1);
    CHECK(bash_completes("-") == Words{"-h", "--help", "--version"});
}

TEST_CASE("bash completion offers a command's options") {
    CHECK(bash_completes("validate --st") == Words{"--strict"});
    CHECK(bash_completes("verify --ign") == Words{"--ignore-timestamp"});
    CHECK(bash_completes("keygen -") ==
          Words{"-h", "--help", "--bytes", "--ed25519", "-o", "--output"});
    // A command without positional arguments offers its options after a blank.
    CHECK(bash_completes("keygen --ed25519 ").count("--output") == 1);
}

TEST_CASE("bash completion offers event types where a TYPE is expected") {
    CHECK(bash_completes("emit interview.cr") == Words{"interview.created"});
    CHECK(bash_completes("emit job.created al") == Words{"all"});
    CHECK(bash_completes("validate --event job.") == event_types("job."));
    CHECK(bash_completes("validate --event=job.") == event_types("job."));
    CHECK(bash_completes("schema cand") == event_types("candidate."));
    CHECK(bash_completes("schema ").size() == 19);
    // schema takes one type: after it, its options.
    CHECK(bash_completes("schema job.created ") == Words{"-h", "--help", "--strict", "--overlay"});
    // listen --events takes a comma-separated list: the type after the last comma.
    Words listed;
    for (const auto& type : event_types("interview.")) listed.insert("job.created," + type);
    CHECK(bash_completes("listen --events job.created,interview.") == listed);
}

TEST_CASE("bash completion offers --overlay on the commands that validate or print a schema") {
    for (const char* command : {"validate", "verify", "listen", "show", "schema"})
        CHECK(bash_completes(std::string(command) + " --ove") == Words{"--overlay"});
}

TEST_CASE("bash completion offers each command's own --format values") {
    const Words ci{"text", "json", "github", "gitlab", "junit", "sarif"};
    CHECK(bash_completes("validate --format ") == ci);
    CHECK(bash_completes("verify --format ") == ci);
    CHECK(bash_completes("learn --format ") == ci);
    CHECK(bash_completes("listen --format ") == Words{"text", "json"});
    CHECK(bash_completes("show --format ") == Words{"text", "json", "markdown"});
    CHECK(bash_completes("emit --format ") == Words{"json", "ndjson", "http", "curl", "junit"});
    CHECK(bash_completes("sign --format ") == Words{"headers", "json", "http", "curl"});
    CHECK(bash_completes("show --format=m") == Words{"markdown"});
    CHECK(bash_completes("emit --envelope ") == Words{"data-object", "flat"});
    CHECK(bash_completes("emit --scenario ") == Words{"hiring"});
    CHECK(bash_completes("completion ") == Words{"bash", "zsh", "fish"});
}

TEST_CASE("bash completion offers --color values and tz database zones for --tz") {
    CHECK(bash_completes("show --color ") == Words{"auto", "always", "never"});
    CHECK(bash_completes("listen --color a") == Words{"auto", "always"});
    CHECK(bash_completes("show --tz Europe/Ber") == Words{"Europe/Berlin"});
    CHECK(bash_completes("show --tz America/New_") == Words{"America/New_York"});
    // A value that is free text offers nothing, not file names.
    CHECK(bash_completes("emit --url ").empty());
    CHECK(bash_completes("listen --port ").empty());
}

TEST_CASE("bash completion offers Windows zone names for --tz, escaped as one word") {
    const auto india = bash_completes("show --tz India");
    CHECK(india.count("India\\ Standard\\ Time") == 1);
    CHECK(india.count("Indian/Maldives") == 1);
    CHECK(bash_completes("show --tz India\\ S") == Words{"India\\ Standard\\ Time"});
    CHECK(bash_completes("show --tz Tok") == Words{"Tokyo\\ Standard\\ Time"});
    CHECK(bash_completes("show --tz=Tok") == Words{"Tokyo\\ Standard\\ Time"});
    CHECK(bash_completes("show --tz Pacific\\ Standard\\ Time\\ ") ==
          Words{"Pacific\\ Standard\\ Time\\ \\(Mexico\\)"});
    // After an opening quote the name is left whole: readline closes the quote.
    CHECK(bash_completes("show --tz 'Tok") == Words{"Tokyo Standard Time"});
    CHECK(bash_completes("show --tz \"Tok") == Words{"Tokyo Standard Time"});
    check_shows_in_kolkata("bash", "ats-hook show --tz India\\ Standard\\ Time");
    check_shows_in_kolkata("bash", "ats-hook show --tz 'India Standard Time'");
}

TEST_CASE("bash completion offers files for FILE arguments and directories for DIR") {
    const test::ScratchDir dir;
    dir.write("payload.json", "{}");
    dir.write("secret.txt", "whsec_x");
    std::filesystem::create_directory(dir.path("saved"));
    const std::string here = dir.path("");
    CHECK(bash_completes("validate pay", here) == Words{"payload.json"});
    CHECK(bash_completes("show payload.json s", here) == Words{"secret.txt", "saved"});
    CHECK(bash_completes("verify --secret-file se", here) == Words{"secret.txt"});
    CHECK(bash_completes("listen --save s", here) == Words{"saved"});
    CHECK(bash_completes("replay ", here) == Words{"payload.json", "secret.txt", "saved"});
}

TEST_CASE("bash completion offers exactly the options each command's --help shows") {
    // A new option in --help that completion does not offer fails here, and so does an
    // offered option that --help hides.
    CHECK(bash_completes("-") == help_options({}));
    const auto names = commands();
    CHECK(names.size() >= 11);
    for (const auto& command : names) {
        CAPTURE(command);
        const auto shown = help_options({command});
        CHECK(shown.count("--help") == 1);
        CHECK(bash_completes(command + " -") == shown);
    }
}

TEST_CASE("fish completion offers commands, options and their values") {
    CHECK(fish_completes("em") == Words{"emit"});
    CHECK(fish_completes("validate --st") == Words{"--strict"});
    CHECK(fish_completes("emit interview.cr") == Words{"interview.created"});
    CHECK(fish_completes("validate --event job.") == event_types("job."));
    CHECK(fish_completes("show --format ") == Words{"text", "json", "markdown"});
    CHECK(fish_completes("show --tz Europe/Ber") == Words{"Europe/Berlin"});
    for (const auto& command : commands()) {
        CAPTURE(command);
        Words shown;
        for (const auto& name : help_options({command}))
            if (name.starts_with("--")) shown.insert(name); // fish lists -x apart from --x
        CHECK(fish_completes(command + " --") == shown);
    }
}

TEST_CASE("fish completion offers Windows zone names for --tz, escaped as one word") {
    const auto india = fish_completes("show --tz India");
    CHECK(india.count("India Standard Time") == 1);
    CHECK(india.count("Indian/Maldives") == 1);
    CHECK(fish_completes("show --tz India\\ S", "", true) == Words{"India\\ Standard\\ Time"});
    CHECK(fish_completes("show --tz Pacific\\ Standard\\ Time\\ ", "", true) ==
          Words{"Pacific\\ Standard\\ Time\\ \\(Mexico\\)"});
    check_shows_in_kolkata("fish", "ats-hook show --tz India\\ Standard\\ Time");
}

TEST_CASE("fish completion offers each positional argument in its place, none past the last") {
    // schema takes one TYPE, completion one SHELL, verify and sign one BODY_FILE.
    CHECK(fish_completes("schema ").size() == 19);
    CHECK(fish_completes("schema job.created ").empty());
    CHECK(fish_completes("schema --strict job.created ").empty());
    CHECK(fish_completes("schema --strict job.") == event_types("job."));
    CHECK(fish_completes("completion ") == Words{"bash", "zsh", "fish"});
    CHECK(fish_completes("completion bash ").empty());
    const test::ScratchDir dir;
    dir.write("body.json", "{}");
    const std::string here = dir.path("");
    CHECK(fish_completes("verify ", here) == Words{"body.json"});
    // verify's FILE repeats: with --request, every one is a request file.
    CHECK(fish_completes("verify --request body.json ", here) == Words{"body.json"});
    CHECK(fish_completes("sign body.json ", here).empty());
    // An option's value is not a positional argument.
    CHECK(fish_completes("verify --secret-file body.json ", here) == Words{"body.json"});
    CHECK(fish_completes("sign --format json ", here) == Words{"body.json"});
    // emit and show take any number.
    CHECK(fish_completes("emit job.created interview.cr") == Words{"interview.created"});
    CHECK(fish_completes("show body.json ", here) == Words{"body.json"});
}

TEST_CASE("zsh completion offers commands, options and their values") {
    const auto syntax = test::run_program(ATS_ZSH, {"-n", script_file("zsh")});
    CHECK(syntax.exit_code == 0);
    CHECK(syntax.err.empty());
    CHECK(zsh_completes("em") == Words{"emit"});
    CHECK(zsh_completes("em", ZshLoad::source) == Words{"emit"});
    CHECK(zsh_completes("validate --st") == Words{"--strict"});
    CHECK(zsh_completes("emit interview.cr") == Words{"interview.created"});
    CHECK(zsh_completes("validate --event job.") == event_types("job."));
    CHECK(zsh_completes("show --format ") == Words{"text", "json", "markdown"});
    // Zones complete a part at a time: Europe/, then the city.
    CHECK(zsh_completes("show --tz Europe/Ber") == Words{"Berlin"});
    CHECK(zsh_completes("emit --url ").empty());
    for (const auto& command : commands()) {
        CAPTURE(command);
        CHECK(zsh_completes(command + " -") == help_options({command}));
    }
}

TEST_CASE("zsh completion offers Windows zone names for --tz, escaped as one word") {
    // compadd reports each match as it would insert it.
    const auto india = zsh_completes("show --tz India");
    CHECK(india.count("India\\ Standard\\ Time") == 1);
    CHECK(india.count("Indian") == 1); // the first part of Indian/Maldives, ...
    const auto completed = zsh_complete("show --tz India\\ S");
    CHECK(completed.matches == Words{"India\\ Standard\\ Time"});
    CHECK(completed.buffer == "ats-hook show --tz India\\ Standard\\ Time ");
    check_shows_in_kolkata("zsh", completed.buffer);
    CHECK(zsh_complete("show --tz Pacific\\ Standard\\ Time\\ ").buffer ==
          "ats-hook show --tz Pacific\\ Standard\\ Time\\ \\(Mexico\\) ");
}
