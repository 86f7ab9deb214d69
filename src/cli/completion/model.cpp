#include "cli/completion/model.hpp"

#include <algorithm>
#include <string_view>

namespace cli::completion {
namespace {

using namespace atshook::completion;

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

bool is_literal_word(std::string_view token) {
    return !token.empty() && token.front() >= 'a' && token.front() <= 'z' &&
           std::all_of(token.begin(), token.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
           });
}

void add_word(Value& value, std::string_view word) {
    if (std::find(value.words.begin(), value.words.end(), word) == value.words.end())
        value.words.emplace_back(word);
}

Value read_metavariable(std::string_view metavariable) {
    Value value;
    value.label = std::string(metavariable);
    for (const auto token : split(metavariable, '|')) {
        if (token == "TYPE")
            value.kind = ValueKind::event_type;
        else if (token == "TYPE,...")
            value.kind = ValueKind::event_type_list;
        else if (token == "FILE")
            value.kind = ValueKind::file;
        else if (token == "DIR" && value.kind != ValueKind::file)
            value.kind = ValueKind::directory; // FILE|DIR: a path, which may be a directory
        else if (token == "ZONE")
            value.kind = ValueKind::zone;
        else if (is_literal_word(token))
            add_word(value, token);
    }
    return value;
}

// CLI11 2.1 keeps a CLI::IsMember set inside the check's closures; the one view of it is the
// description --help prints after the metavariable: "TEXT:{text,json}". Reading that back
// offers exactly the choices --help shows.
Value read_value(const CLI::Option& option) {
    const std::string shown = option.get_type_name();
    const auto parts = split(shown, ':');
    Value value = read_metavariable(parts.front());
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const auto part = parts[i];
        if (part.size() < 2 || part.front() != '{' || part.back() != '}') continue;
        for (const auto word : split(part.substr(1, part.size() - 2), ',')) add_word(value, word);
    }
    return value;
}

bool hidden(const CLI::Option& option) {
    return option.get_group().empty();
}

Option read_option(const CLI::Option& option) {
    Option out;
    for (const auto& name : option.get_lnames()) out.names.push_back("--" + name);
    for (const auto& name : option.get_snames()) out.names.push_back("-" + name);
    out.help = option.get_description();
    out.takes_value = option.get_expected_max() > 0; // add_flag expects none
    if (out.takes_value) out.value = read_value(option);
    const auto policy = option.get_multi_option_policy();
    out.repeatable = option.get_expected_max() > 1 || policy == CLI::MultiOptionPolicy::TakeAll ||
                     policy == CLI::MultiOptionPolicy::Join;
    return out;
}

Positional read_positional(const CLI::Option& option) {
    Positional out;
    out.name = option.get_name(true);
    out.value = read_value(option);
    const int most = option.get_items_expected_max();
    out.count = most >= CLI::detail::expected_max_vector_size ? -1 : most;
    return out;
}

void read_options(const CLI::App& app, std::vector<Option>& options,
                  std::vector<Positional>* positionals) {
    for (const CLI::Option* option : app.get_options()) {
        if (hidden(*option)) continue;
        if (option->nonpositional())
            options.push_back(read_option(*option));
        else if (positionals)
            positionals->push_back(read_positional(*option));
    }
}

} // namespace

Program read_program(const CLI::App& root) {
    Program program;
    program.name = root.get_name();
    read_options(root, program.options, nullptr);
    for (const CLI::App* app : root.get_subcommands(std::function<bool(const CLI::App*)>{})) {
        if (app->get_group().empty()) continue;
        Command command;
        command.name = app->get_name();
        command.help = app->get_description();
        read_options(*app, command.options, &command.positionals);
        program.commands.push_back(std::move(command));
    }
    return program;
}

} // namespace cli::completion
