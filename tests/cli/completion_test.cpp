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
// blanks, with `=` a word of its own), puts the cursor at its end and calls the function
// `complete -p ats-hook` names. Returns COMPREPLY.
constexpr const char* k_bash_driver = R"(
source "$ATS_BASH_COMPLETION"
source "$1"
line=$2
read -ra COMP_WORDS <<<"${line//=/ = }"
[[ $line == *' ' || -z $line ]] && COMP_WORDS+=('')
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

// What fish offers for `line`, without the descriptions.
Words fish_completes(const std::string& line, const std::string& working_dir = "") {
    test::RunOptions options;
    options.working_dir = working_dir;
    const auto run = test::run_program(ATS_FISH,
                                       {"--no-config", "-c",
                                        "source $argv[1]; complete -C \"ats-hook $argv[2]\"",
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
)";

constexpr const char* k_zsh_driver = R"(
zmodload zsh/zpty
zpty shell zsh -f -i
zpty -w shell "source ${(q)1}"
zpty -w -n shell "$2"$'\t'
for i in {1..300}; do [[ -e $ATS_OUT.done ]] && break; sleep 0.1; done
zpty -d shell
[[ -e $ATS_OUT.done ]]
)";

enum class ZshLoad { fpath, source };

Words zsh_completes(const std::string& line, ZshLoad load = ZshLoad::fpath) {
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
    if (!std::filesystem::exists(dir.path("matches"))) return {};
    return lines_of(test::read_file(dir.path("matches")));
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
    CHECK(bash_completes("schema job.created ") == Words{"-h", "--help", "--strict"});
    // listen --events takes a comma-separated list: the type after the last comma.
    Words listed;
    for (const auto& type : event_types("interview.")) listed.insert("job.created," + type);
    CHECK(bash_completes("listen --events job.created,interview.") == listed);
}

TEST_CASE("bash completion offers each command's own --format values") {
    CHECK(bash_completes("validate --format ") == Words{"text", "json"});
    CHECK(bash_completes("show --format ") == Words{"text", "json", "markdown"});
    CHECK(bash_completes("emit --format ") == Words{"json", "ndjson", "http", "curl"});
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
    CHECK(fish_completes("verify body.json ", here).empty());
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
