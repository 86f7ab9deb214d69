#include "atshook/error.hpp"
#include "atshook/input.hpp"
#include "atshook/render/render.hpp"
#include "atshook/render/terminal.hpp"
#include "atshook/validation.hpp"
#include "atshook/view/event.hpp"
#include "cli/command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/exit_code.hpp"

#include <fmt/core.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace cli {
namespace {

namespace render = atshook::render;

struct ShowOptions {
    std::vector<std::string> files;
    std::string format = "text";
    std::string color = "auto";
    bool ascii = false;
    std::string tz;
    int width = 0;
    bool check = false;
};

std::optional<std::string_view> env(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::optional<std::string_view>(value) : std::nullopt;
}

// The reader's zone: --tz, else TZ, else the system's local zone, else UTC.
atshook::time::Zone viewer_zone(const std::string& option) {
    if (!option.empty()) {
        auto zone = atshook::time::resolve_zone(option);
        if (zone.source == atshook::time::Zone::Source::unknown)
            throw atshook::Error(
                fmt::format("--tz: unknown time zone \"{}\": use an IANA name such "
                            "as Europe/Dublin or a Windows name such as \"GMT "
                            "Standard Time\"",
                            option),
                atshook::Error::Kind::usage);
        return zone;
    }
    if (auto tz = env("TZ"); tz && !tz->empty()) {
        std::string_view name = *tz;
        if (name.starts_with(':')) name.remove_prefix(1);
        if (const auto pos = name.find("zoneinfo/"); pos != std::string_view::npos)
            name.remove_prefix(pos + 9); // a path into the tz database names the zone after it
        auto zone = atshook::time::resolve_zone(name);
        if (zone.source != atshook::time::Zone::Source::unknown) return zone;
        print_warning(
            fmt::format("TZ=\"{}\" is not in the tz database; showing your times in UTC", *tz));
        return atshook::time::utc_zone();
    }
    try {
        return atshook::time::resolve_zone(date::current_zone()->name());
    } catch (const std::runtime_error&) {
        return atshook::time::utc_zone(); // no /etc/localtime, as in many containers
    }
}

render::RenderOptions render_options(const ShowOptions& options) {
    render::RenderOptions out;
    out.format = options.format == "json"       ? render::Format::json
                 : options.format == "markdown" ? render::Format::markdown
                                                : render::Format::text;
    const bool tty = isatty(STDOUT_FILENO) == 1;
    const auto choice = options.color == "always"  ? render::ColorChoice::always
                        : options.color == "never" ? render::ColorChoice::never
                                                   : render::ColorChoice::automatic;
    out.color =
        render::use_color(choice, {tty, env("TERM"), env("NO_COLOR"), env("CLICOLOR_FORCE")});
    out.ascii =
        options.ascii || !render::locale_is_utf8(env("LC_ALL"), env("LC_CTYPE"), env("LANG"));
    std::optional<int> columns;
    winsize size{};
    if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        columns = size.ws_col;
    out.width = options.width > 0 ? options.width : render::output_width(columns, env("COLUMNS"));
    out.viewer = viewer_zone(options.tz);
    return out;
}

int run_show(const ShowOptions& options) {
    const auto rendering = render_options(options);
    atshook::view::EventReader reader;
    std::unique_ptr<atshook::Validator> validator;
    if (options.check) validator = std::make_unique<atshook::Validator>();
    const std::string separator = rendering.format == render::Format::text       ? "\n"
                                  : rendering.format == render::Format::markdown ? "\n---\n\n"
                                                                                 : "";
    bool unreadable = false, invalid = false, first = true;
    const auto files = options.files.empty() ? std::vector<std::string>{"-"} : options.files;
    for (const auto& file : files) {
        try {
            atshook::InputReader input(file);
            atshook::Chunk chunk;
            while (input.next(chunk)) {
                for (const auto& document : chunk.documents) {
                    const std::string source =
                        document.line ? fmt::format("{}:{}", input.source(), document.line)
                                      : input.source();
                    try {
                        if (document.too_large)
                            throw atshook::Error(fmt::format("{}: larger than {} bytes", source,
                                                             atshook::k_default_max_bytes));
                        const auto event = reader.read(document.bytes, source);
                        std::optional<atshook::Findings> findings;
                        if (validator) {
                            auto result = validator->validate(document.bytes);
                            invalid = invalid || !result.ok();
                            findings = std::move(result.findings);
                        }
                        const std::string card =
                            render::render_event(event, rendering, findings ? &*findings : nullptr);
                        if (!first) std::fputs(separator.c_str(), stdout);
                        std::fwrite(card.data(), 1, card.size(), stdout);
                        first = false;
                    } catch (const atshook::Error& e) {
                        // One bad payload in a log must not hide the others: report, go on.
                        print_error(e.what());
                        unreadable = true;
                    }
                }
            }
        } catch (const atshook::Error& e) {
            print_error(e.what());
            unreadable = true;
        }
    }
    if (unreadable) return exit_code::bad_input;
    return invalid ? exit_code::failed : exit_code::ok;
}

} // namespace

void add_show_command(CLI::App& root, Commands& commands) {
    auto options = std::make_shared<ShowOptions>();
    CLI::App* app = root.add_subcommand(
        "show", "Show events readably: interviews with their attendees, jobs, applications, ...");
    app->add_option("files", options->files,
                    "JSON payloads or NDJSON logs (one card per line); none or - reads stdin");
    app->add_option("--format", options->format,
                    "text (default, a card), json (the normalised view, one object per line) or "
                    "markdown (for tickets)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    app->add_option("--color", options->color,
                    "auto (default: on a terminal unless NO_COLOR; CLICOLOR_FORCE forces), always "
                    "or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app->add_flag("--ascii", options->ascii,
                  "ASCII frame and symbols (automatic when the locale is not UTF-8)");
    app->add_option("--tz", options->tz,
                    "Your time zone, IANA or Windows name (default: TZ, else the system's)");
    app->add_option("--width", options->width,
                    "Card width in columns (default: the terminal's, else COLUMNS, else 80)")
        ->check(CLI::PositiveNumber);
    app->add_flag("--check", options->check,
                  "Validate each payload too and list the findings under its card");
    app->footer("Exit codes: 0 shown; 1 with --check, some payload invalid; 2 usage error;\n"
                "3 input unreadable or not a HireHive event (the other inputs are still shown).");
    commands.push_back({app, [options] { return run_show(*options); }});
}

} // namespace cli
