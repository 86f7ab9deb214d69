#include "atshook/completion/script.hpp"
#include "atshook/completion/shell_text.hpp"

#include <fmt/format.h>

namespace atshook::completion {
namespace {

// The part of the script that does not depend on the program's options. It reads the words
// before the cursor (the command, options with their values, positional arguments) and asks
// the generated functions above it what can come next. @P@ stands for the function prefix.
constexpr std::string_view k_driver = R"(
# Completes $cur as a value described by $1: fixed words, and @type, @types (a comma-separated
# list of types), @file, @dir or @zone (IANA and Windows names).
@P@_value() {
    local word kind= words=
    for word in $1; do
        case $word in
        @*) kind=$word ;;
        *) words+=" $word" ;;
        esac
    done
    case $kind in
    @type) words+=" $@P@_event_types" ;;
    @zone) @P@_zone_names ;;
    @types)
        local head=
        [[ $cur == *,* ]] && head=${cur%,*},
        COMPREPLY=($(compgen -P "$head" -W "$@P@_event_types" -- "${cur##*,}"))
        return
        ;;
    @file | @dir) @P@_paths "$kind" ;;
    esac
    [[ -n $words ]] && COMPREPLY+=($(compgen -W "$words" -- "$cur"))
}

# The zone names that begin with $cur, each one shell word: Windows names hold spaces and
# parentheses, escaped here with backslashes, or left as they are after an opening quote, which
# readline then closes.
@P@_zone_names() {
    local word=$cur quote= name names IFS=$'\n'
    case $word in
    \'* | \"*) quote=${word:0:1} word=${word:1} ;;
    *) word=${word//\\/} ;;
    esac
    mapfile -t names < <(compgen -W "$@P@_zones" -- "$word")
    for name in "${names[@]}"; do
        [[ -z $quote ]] && printf -v name %q "$name"
        COMPREPLY+=("$name")
    done
}

# Files, or for @dir directories, through bash-completion's _filedir when it is loaded.
@P@_paths() {
    if declare -F _filedir >/dev/null; then
        if [[ $1 == @dir ]]; then _filedir -d; else _filedir; fi
        return
    fi
    compopt -o filenames 2>/dev/null
    local IFS=$'\n' flag=-f
    [[ $1 == @dir ]] && flag=-d
    COMPREPLY+=($(compgen "$flag" -- "$cur"))
}

@P@() {
    local cur=${COMP_WORDS[COMP_CWORD]} command= option= dashdash= word i n=0 REPLY=
    COMPREPLY=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ -n $option ]]; then
            # This word is the option's value; --name=value arrives as three words.
            [[ $word == = ]] || option=
            continue
        fi
        if [[ -z $dashdash && $word == -?* ]]; then
            [[ $word == -- ]] && dashdash=1
            @P@_option_value "$command" "$word" && option=$word
        elif [[ -z $command ]]; then
            command=$word
        else
            n=$((n + 1))
        fi
    done
    if [[ -n $option ]]; then
        [[ $cur == = ]] && cur=
        @P@_option_value "$command" "$option"
        @P@_value "$REPLY"
    elif [[ -z $dashdash && $cur == -* ]]; then
        @P@_options "$command"
        COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
    elif [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$@P@_commands" -- "$cur"))
    elif @P@_positional "$command" "$n"; then
        @P@_value "$REPLY"
    else
        @P@_options "$command"
        COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
    fi
}
)";

// `lead` then the words in single quotes, wrapped to lines of about 100 columns.
std::string quoted_words(std::string_view lead, const std::vector<std::string>& words) {
    std::string text;
    std::size_t column = lead.size() + 1;
    for (const auto& word : words) {
        if (!text.empty()) {
            const bool wrap = column + 1 + word.size() > 99;
            text += wrap ? '\n' : ' ';
            column = wrap ? 0 : column + 1;
        }
        text += word;
        column += word.size();
    }
    return std::string(lead) + single_quoted(text);
}

// A value as the script describes it: fixed words, then @type, @types, @file, @dir or @zone.
std::string describe(const Value& value) {
    std::vector<std::string> words = value.words;
    switch (value.kind) {
    case ValueKind::free:
        break;
    case ValueKind::event_type:
        words.emplace_back("@type");
        break;
    case ValueKind::event_type_list:
        words.emplace_back("@types");
        break;
    case ValueKind::file:
        words.emplace_back("@file");
        break;
    case ValueKind::directory:
        words.emplace_back("@dir");
        break;
    case ValueKind::zone:
        words.emplace_back("@zone");
        break;
    }
    return quoted_words("", words);
}

std::vector<std::string> option_names(const std::vector<Option>& options) {
    std::vector<std::string> names;
    for (const auto& option : options)
        names.insert(names.end(), option.names.begin(), option.names.end());
    return names;
}

std::string options_function(const Program& program, std::string_view prefix) {
    std::string out = fmt::format("# The options of command $1 ('' before any command).\n"
                                  "{}_options() {{\n    case $1 in\n",
                                  prefix);
    out += quoted_words("    '') REPLY=", option_names(program.options)) + " ;;\n";
    for (const auto& command : program.commands)
        out += quoted_words(fmt::format("    {}) REPLY=", single_quoted(command.name)),
                            option_names(command.options)) +
               " ;;\n";
    return out + "    *) REPLY= ;;\n    esac\n}\n";
}

std::string option_value_function(const Program& program, std::string_view prefix) {
    std::string out = fmt::format("# Whether option $2 of command $1 takes a value; if so, REPLY "
                                  "says what it can be, as for {}_value.\n{}_option_value() {{\n"
                                  "    case $1/$2 in\n",
                                  prefix, prefix);
    const auto add = [&out](const std::string& command, const Option& option) {
        if (!option.takes_value) return;
        std::string patterns;
        for (const auto& name : option.names) {
            if (!patterns.empty()) patterns += " | ";
            patterns += single_quoted(command + "/" + name);
        }
        out += fmt::format("    {}) REPLY={} ;;\n", patterns, describe(option.value));
    };
    for (const auto& option : program.options) add("", option);
    for (const auto& command : program.commands)
        for (const auto& option : command.options) add(command.name, option);
    return out + "    *) return 1 ;;\n    esac\n}\n";
}

std::string positional_function(const Program& program, std::string_view prefix) {
    std::string out = fmt::format("# What positional argument $2 (from 0) of command $1 can be, "
                                  "as for {}_value; fails past the last.\n{}_positional() {{\n"
                                  "    case $1/$2 in\n",
                                  prefix, prefix);
    for (const auto& command : program.commands) {
        int first = 0;
        for (const auto& positional : command.positionals) {
            std::string patterns;
            if (positional.count < 0) {
                patterns = single_quoted(command.name + "/") + "*";
            } else {
                for (int i = first; i < first + positional.count; ++i) {
                    if (!patterns.empty()) patterns += " | ";
                    patterns += single_quoted(fmt::format("{}/{}", command.name, i));
                }
            }
            out += fmt::format("    {}) REPLY={} ;;\n", patterns, describe(positional.value));
            if (positional.count < 0) break; // it takes every word that follows
            first += positional.count;
        }
    }
    return out + "    *) return 1 ;;\n    esac\n}\n";
}

} // namespace

std::string bash_script(const Program& program, const Vocabulary& vocabulary) {
    const std::string prefix = "_" + identifier(program.name);
    std::vector<std::string> types;
    for (const auto& type : vocabulary.event_types) types.push_back(type.text);
    std::string out = fmt::format(
        "# bash completion for {0}                                  -*- shell-script -*-\n"
        "# Written by `{0} completion bash` from the options {0} itself defines.\n"
        "# Load it in this shell with: source <({0} completion bash)\n\n",
        program.name);
    out += quoted_words(prefix + "_event_types=", types) + "\n";
    // One name a line: the Windows names hold spaces.
    std::vector<std::string> zones = vocabulary.zones;
    zones.insert(zones.end(), vocabulary.windows_zones.begin(), vocabulary.windows_zones.end());
    out += prefix + "_zones=" + single_quoted(fmt::format("{}", fmt::join(zones, "\n"))) + "\n";
    std::vector<std::string> commands;
    for (const auto& command : program.commands) commands.push_back(command.name);
    out += quoted_words(prefix + "_commands=", commands) + "\n\n";
    out += options_function(program, prefix) + "\n";
    out += option_value_function(program, prefix) + "\n";
    out += positional_function(program, prefix);
    out += replace_all(k_driver, "@P@", prefix);
    out += fmt::format("\ncomplete -F {} {}\n", prefix, program.name);
    return out;
}

} // namespace atshook::completion
