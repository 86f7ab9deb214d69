#include "cli/card_options.hpp"

#include "atshook/error.hpp"
#include "atshook/render/terminal.hpp"
#include "atshook/time/zone.hpp"
#include "cli/color_option.hpp"
#include "cli/diagnostics.hpp"
#include "cli/environment.hpp"

#include <date/tz.h>
#include <fmt/core.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <optional>
#include <stdexcept>

namespace cli {
namespace {

namespace render = atshook::render;

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
    if (auto tz = environment_variable("TZ"); tz && !tz->empty()) {
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

} // namespace

render::RenderOptions render_options(const CardOptions& options) {
    render::RenderOptions out;
    out.format = options.format == "json"       ? render::Format::json
                 : options.format == "markdown" ? render::Format::markdown
                                                : render::Format::text;
    const bool tty = isatty(STDOUT_FILENO) == 1;
    out.color = stdout_color(options.color);
    out.ascii = options.ascii || !render::locale_is_utf8(environment_variable("LC_ALL"),
                                                         environment_variable("LC_CTYPE"),
                                                         environment_variable("LANG"));
    std::optional<int> columns;
    winsize size{};
    if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        columns = size.ws_col;
    out.width = options.width > 0 ? options.width
                                  : render::output_width(columns, environment_variable("COLUMNS"));
    out.viewer = viewer_zone(options.tz);
    return out;
}

void add_card_options(CLI::App& command, CardOptions& options) {
    add_color_option(command, options.color);
    command.add_flag("--ascii", options.ascii,
                     "ASCII frame and symbols (automatic when the locale is not UTF-8)");
    command
        .add_option("--tz", options.tz,
                    "Your time zone, IANA or Windows name (default: TZ, else the system's)")
        ->type_name("ZONE");
    command
        .add_option("--width", options.width,
                    "Card width in columns (default: the terminal's, else COLUMNS, else 80)")
        ->check(CLI::PositiveNumber);
}

} // namespace cli
