#include "atshook/completion/script.hpp"
#include "atshook/completion/shell_text.hpp"

#include <fmt/format.h>

namespace atshook::completion {
namespace {

// Backslashes before the characters _arguments and _describe give a meaning to.
std::string escaped(std::string_view text, std::string_view special) {
    std::string out;
    for (const char c : text) {
        if (c == '\\' || special.find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string words_action(const std::vector<std::string>& words) {
    std::string out = "(";
    for (const auto& word : words) {
        if (out.size() > 1) out += ' ';
        out += escaped(word, " ()");
    }
    return out + ")";
}

// The _arguments action completing a value.
std::string action(const Value& value, std::string_view prefix) {
    std::string kind;
    switch (value.kind) {
    case ValueKind::free:
        return value.words.empty() ? " " : words_action(value.words);
    case ValueKind::event_type:
        kind = fmt::format("{}_event_types", prefix);
        break;
    case ValueKind::event_type_list:
        kind = fmt::format("_sequence {}_event_types", prefix);
        break;
    case ValueKind::file:
        kind = "_files";
        break;
    case ValueKind::directory:
        kind = "_files -/";
        break;
    case ValueKind::zone:
        kind = fmt::format("{}_zones", prefix);
        break;
    }
    if (value.words.empty()) return kind;
    std::string out = "{" + kind + "; compadd --";
    for (const auto& word : value.words) out += " " + escaped(word, " ;{}()");
    return out + "}";
}

// One _arguments spec, e.g. '(-q --quiet)'{-q,--quiet}'[Print nothing]', quoted for the shell.
std::string option_spec(const Option& option, std::string_view prefix) {
    std::vector<std::string> names;
    for (const auto& name : option.names) {
        if (!option.takes_value)
            names.push_back(name);
        else
            names.push_back(name + (name.starts_with("--") ? "=" : "+"));
    }
    std::string out;
    if (option.repeatable)
        out += "'*'";
    else if (names.size() > 1)
        out += single_quoted("(" + fmt::format("{}", fmt::join(option.names, " ")) + ")");
    if (names.size() == 1)
        out += names.front();
    else
        out += "{" + fmt::format("{}", fmt::join(names, ",")) + "}";
    std::string tail = "[" + escaped(one_line(option.help), "[]") + "]";
    if (option.takes_value)
        tail += ":" + escaped(option.value.label, ":") + ":" + action(option.value, prefix);
    return out + single_quoted(tail);
}

// The _arguments specs of the positional arguments, after the options'.
std::vector<std::string> positional_specs(const Command& command, std::string_view prefix) {
    std::vector<std::string> specs;
    int position = 1;
    for (const auto& positional : command.positionals) {
        const std::string tail =
            ":" + escaped(positional.value.label, ":") + ":" + action(positional.value, prefix);
        if (positional.count < 0) {
            specs.push_back(single_quoted("*" + tail));
            break; // it takes every word that follows
        }
        for (int i = 0; i < positional.count; ++i)
            specs.push_back(single_quoted(fmt::format("{}{}", position++, tail)));
    }
    return specs;
}

// The specs, each on a line of its own after a backslash, indented by `indent` spaces.
std::string spec_lines(const std::vector<std::string>& specs, std::size_t indent) {
    std::string out;
    for (const auto& spec : specs) out += " \\\n" + std::string(indent, ' ') + spec;
    return out;
}

std::vector<std::string> option_specs(const std::vector<Option>& options, std::string_view prefix) {
    std::vector<std::string> specs;
    for (const auto& option : options) specs.push_back(option_spec(option, prefix));
    return specs;
}

// The part that does not depend on the options. @N@ stands for the program's name (the function
// _@N@ is named after the file zsh autoloads it from); @ARGS@, @COMMANDS@ and @CASES@ for what
// is written from its options.
constexpr std::string_view k_main = R"(
_@N@() {
    local curcontext=$curcontext state state_descr line ret=1
    typeset -A opt_args
    _arguments -C@ARGS@ \
        '1: :->command' \
        '*:: :->argument' && ret=0
    case $state in
    command)
        local -a commands=(@COMMANDS@
        )
        _describe -t commands '@N@ command' commands && ret=0
        ;;
    argument)
        curcontext=${curcontext%:*:*}:@N@-$words[1]:
        case $words[1] in@CASES@
        esac
        ;;
    esac
    return ret
}

# Autoloaded from $fpath, this file is the body of the function _@N@, running: complete now.
# Sourced, it registers the function.
if [[ $funcstack[1] == _@N@ ]]; then
    _@N@ "$@"
else
    compdef _@N@ @N@
fi
)";

} // namespace

std::string zsh_script(const Program& program, const Vocabulary& vocabulary) {
    const std::string prefix = "_" + identifier(program.name);
    std::string out = fmt::format(
        "#compdef {0}\n"
        "# zsh completion for {0}, written by `{0} completion zsh` from the options {0} itself\n"
        "# defines. Installed in a directory of $fpath as _{0}, or loaded in this shell (after\n"
        "# compinit) with: source <({0} completion zsh)\n\n",
        program.name);

    out += fmt::format("{}_event_types() {{\n    local -a types=(\n", prefix);
    for (const auto& type : vocabulary.event_types)
        out += "        " + single_quoted(escaped(type.text, ":") + ":" + one_line(type.meaning)) +
               "\n";
    out += "    )\n    _describe -t event-types 'event type' types \"$@\"\n}\n\n";

    out += fmt::format("{}_zones() {{\n    local -a zones=(", prefix);
    std::size_t column = 99;
    for (const auto& zone : vocabulary.zones) {
        if (column + 1 + zone.size() > 99) {
            out += "\n       ";
            column = 7;
        }
        out += " " + single_quoted(zone);
        column += 3 + zone.size();
    }
    // Windows names hold spaces and parentheses: compadd escapes them as it inserts one.
    out += "\n    )\n    local -a windows=(";
    for (const auto& zone : vocabulary.windows_zones) out += "\n        " + single_quoted(zone);
    out += "\n    )\n    local ret=1\n"
           "    _multi_parts \"$@\" / zones && ret=0\n"
           "    compadd \"$@\" -a windows && ret=0\n"
           "    return ret\n}\n";

    std::string commands;
    std::string cases;
    for (const auto& command : program.commands) {
        commands += "\n            " +
                    single_quoted(escaped(command.name, ":") + ":" + one_line(command.help));
        auto specs = option_specs(command.options, prefix);
        for (auto& spec : positional_specs(command, prefix)) specs.push_back(std::move(spec));
        cases += fmt::format("\n        {})\n            _arguments -S{} && ret=0\n            ;;",
                             single_quoted(command.name), spec_lines(specs, 16));
    }
    std::string main = replace_all(k_main, "@N@", program.name);
    main = replace_all(main, "@ARGS@", spec_lines(option_specs(program.options, prefix), 8));
    main = replace_all(main, "@COMMANDS@", commands);
    return out + replace_all(main, "@CASES@", cases);
}

} // namespace atshook::completion
