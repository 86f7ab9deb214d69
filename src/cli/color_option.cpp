#include "cli/color_option.hpp"

#include "atshook/render/terminal.hpp"
#include "cli/environment.hpp"

#include <unistd.h>


namespace cli {

void add_color_option(CLI::App& command, std::string& choice) {
    command
        .add_option("--color", choice,
                    "auto (default: on a terminal unless NO_COLOR; CLICOLOR_FORCE forces), always "
                    "or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
}

bool stdout_color(const std::string& choice) {
    namespace render = atshook::render;
    const auto parsed = choice == "always"  ? render::ColorChoice::always
                        : choice == "never" ? render::ColorChoice::never
                                            : render::ColorChoice::automatic;
    return render::use_color(parsed, {isatty(STDOUT_FILENO) == 1, environment_variable("TERM"),
                                      environment_variable("NO_COLOR"),
                                      environment_variable("CLICOLOR_FORCE")});
}

} // namespace cli
