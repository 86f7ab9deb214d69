#include "atshook/completion/script.hpp"
#include "atshook/completion/shell_text.hpp"

#include <fmt/format.h>

namespace atshook::completion {
namespace {

// fish's single quotes: only \\ and \' are escapes inside them.
std::string fish_quoted(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

// What fish offers for a value: files (-F), and words or the functions that print them (-a).
struct Offer {
    bool files = false;
    std::vector<std::string> words;
};

void add_value(Offer& offer, const Value& value, std::string_view prefix) {
    offer.words.insert(offer.words.end(), value.words.begin(), value.words.end());
    switch (value.kind) {
    case ValueKind::free:
        break;
    case ValueKind::event_type:
        offer.words.push_back(fmt::format("({}_event_types)", prefix));
        break;
    case ValueKind::event_type_list:
        offer.words.push_back(fmt::format("(__fish_complete_list , {}_event_types)", prefix));
        break;
    case ValueKind::file:
        offer.files = true;
        break;
    case ValueKind::directory:
        offer.words.emplace_back("(__fish_complete_directories)");
        break;
    case ValueKind::zone:
        offer.words.push_back(fmt::format("({}_zones)", prefix));
        break;
    }
}

std::string offer_arguments(const Offer& offer) {
    std::string out = offer.files ? " -F" : "";
    if (!offer.words.empty())
        out += " -a " + fish_quoted(fmt::format("{}", fmt::join(offer.words, " ")));
    return out;
}

std::string option_line(const Option& option, std::string_view head, std::string_view prefix) {
    std::string out(head);
    for (const auto& name : option.names)
        out += name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1);
    if (option.takes_value) {
        Offer offer;
        add_value(offer, option.value, prefix);
        // -r: a value follows; -x: one that is not a file.
        out += (offer.files ? " -r" : " -x") + offer_arguments(offer);
    }
    return out + " -d " + fish_quoted(one_line(option.help)) + "\n";
}

// A line for each positional argument, offered only in its place: fish does not count
// positional arguments, the script's _argument function does.
std::string positional_lines(const Command& command, std::string_view name,
                             std::string_view prefix) {
    std::string out;
    int first = 0;
    for (const auto& positional : command.positionals) {
        Offer offer;
        add_value(offer, positional.value, prefix);
        const std::string place = positional.count < 0
                                      ? fmt::format("{}", first)
                                      : fmt::format("{} {}", first, first + positional.count);
        if (offer.files || !offer.words.empty())
            out += fmt::format("complete -c {} -n {}{}\n", name,
                               fish_quoted(fmt::format("{0}_using {1}; and {0}_argument {2}",
                                                       prefix, command.name, place)),
                               offer_arguments(offer));
        if (positional.count < 0) break; // it takes every word that follows
        first += positional.count;
    }
    return out;
}

// The fish function telling whether an option takes a value, that is the next word.
std::string takes_value_function(const Program& program, std::string_view prefix) {
    std::string cases;
    std::size_t column = 12;
    const auto add = [&](const std::string& command, const Option& option) {
        if (!option.takes_value) return;
        for (const auto& name : option.names) {
            const auto pattern = fish_quoted(command + "/" + name);
            if (column + 1 + pattern.size() > 96) {
                cases += " \\\n            ";
                column = 12;
            }
            cases += " " + pattern;
            column += 1 + pattern.size();
        }
    };
    for (const auto& option : program.options) add("", option);
    for (const auto& command : program.commands)
        for (const auto& option : command.options) add(command.name, option);
    std::string out = fmt::format("# Whether option $option of $command takes a value: the word "
                                  "after it.\nfunction {}_takes_value -a command option\n",
                                  prefix);
    if (!cases.empty())
        out += fmt::format("    switch \"$command/$option\"\n        case{}\n            return 0\n"
                           "    end\n",
                           cases);
    return out + "    return 1\nend\n";
}

// The fish function that counts positional arguments. @P@ stands for the function prefix.
constexpr std::string_view k_argument_function = R"(
# Whether the word being completed is positional argument $from (counted from 0) of the
# command, or one from $from up to, not including, $to; or without $to, any from $from on. It
# counts the words after the command that are neither options nor values of options.
function @P@_argument -a from to
    set -l command
    set -l n 0
    set -l value 0
    set -l dashdash 0
    for token in (commandline -opc)[2..-1]
        if test -z "$command"
            string match -q -- '-*' $token; or set command $token
        else if test $value = 1
            set value 0
        else if test $dashdash = 0; and string match -q -- '-?*' $token
            string match -q -- '--' $token; and set dashdash 1
            @P@_takes_value $command $token; and set value 1
        else
            set n (math $n + 1)
        end
    end
    test $n -ge $from; or return 1
    test -z "$to"; or test $n -lt $to
end

)";

} // namespace

std::string fish_script(const Program& program, const Vocabulary& vocabulary) {
    const std::string prefix = "__" + identifier(program.name);
    const std::string name = program.name;
    std::string out = fmt::format(
        "# fish completion for {0}, written by `{0} completion fish` from the options {0}\n"
        "# itself defines. Load it in this shell with: {0} completion fish | source\n\n",
        name);
    out += fmt::format("function {}_event_types\n    printf '%s\\t%s\\n'", prefix);
    for (const auto& type : vocabulary.event_types)
        out += " \\\n        " + fish_quoted(type.text) + " " + fish_quoted(one_line(type.meaning));
    out += "\nend\n\n";

    out += fmt::format("function {}_zones\n    printf '%s\\n'", prefix);
    std::size_t column = 99;
    for (const auto& zone : vocabulary.zones) {
        if (column + 1 + zone.size() > 96) {
            out += " \\\n       ";
            column = 7;
        }
        out += " " + fish_quoted(zone);
        column += 3 + zone.size();
    }
    // Windows names hold spaces: fish escapes them as it inserts one.
    for (const auto& zone : vocabulary.windows_zones) out += " \\\n        " + fish_quoted(zone);
    out += "\nend\n\n";

    out +=
        fmt::format("# The command given so far: the first word after {0} that is not an option.\n"
                    "function {1}_command\n"
                    "    for token in (commandline -opc)[2..-1]\n"
                    "        string match -q -- '-*' $token; and continue\n"
                    "        echo $token\n"
                    "        return 0\n"
                    "    end\n"
                    "    return 1\n"
                    "end\n\n"
                    "function {1}_using -a name\n"
                    "    test \"$({1}_command)\" = \"$name\"\n"
                    "end\n\n",
                    name, prefix);
    out += takes_value_function(program, prefix);
    out += replace_all(k_argument_function, "@P@", prefix);
    out += fmt::format("complete -c {0} -e\ncomplete -c {0} -f\n", name);

    const std::string root = fmt::format("complete -c {} -n __fish_use_subcommand", name);
    for (const auto& option : program.options) out += option_line(option, root, prefix);
    for (const auto& command : program.commands)
        out += fmt::format("{} -a {} -d {}\n", root, fish_quoted(command.name),
                           fish_quoted(one_line(command.help)));
    for (const auto& command : program.commands) {
        const std::string head = fmt::format("complete -c {} -n {}", name,
                                             fish_quoted(prefix + "_using " + command.name));
        out += "\n";
        for (const auto& option : command.options) out += option_line(option, head, prefix);
        out += positional_lines(command, name, prefix);
    }
    return out;
}

} // namespace atshook::completion
