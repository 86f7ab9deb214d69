#include "atshook/progress.hpp"

#include <doctest/doctest.h>

using atshook::ProgressChoice;
using atshook::ProgressFigures;

namespace {

constexpr std::uint64_t k_mib = 1024 * 1024;
constexpr std::uint64_t k_gib = 1024 * k_mib;

ProgressFigures validate_figures() {
    ProgressFigures figures;
    figures.label = "validate";
    figures.bytes = true;
    figures.done = 2 * k_gib;
    figures.total = 10 * k_gib;
    figures.items = 1234567;
    figures.item_name = "documents";
    figures.seconds = 4;
    return figures;
}

ProgressFigures emit_figures() {
    ProgressFigures figures;
    figures.label = "emit";
    figures.bytes = false;
    figures.done = 12345;
    figures.total = 100000;
    figures.item_name = "events";
    figures.seconds = 3;
    return figures;
}

} // namespace

TEST_CASE("byte sizes read in binary units with three significant digits") {
    CHECK(atshook::byte_size_text(0) == "0 B");
    CHECK(atshook::byte_size_text(1023) == "1023 B");
    CHECK(atshook::byte_size_text(1024) == "1.00 KiB");
    CHECK(atshook::byte_size_text(1536) == "1.50 KiB");
    CHECK(atshook::byte_size_text(10 * k_mib) == "10.0 MiB");
    CHECK(atshook::byte_size_text(450 * k_mib) == "450 MiB");
    CHECK(atshook::byte_size_text(k_mib - 100) == "1.00 MiB"); // never "1024 KiB"
    CHECK(atshook::byte_size_text(k_gib + k_gib / 5) == "1.20 GiB");
}

TEST_CASE("counts group thousands with commas") {
    CHECK(atshook::count_text(0) == "0");
    CHECK(atshook::count_text(999) == "999");
    CHECK(atshook::count_text(1000) == "1,000");
    CHECK(atshook::count_text(1234567) == "1,234,567");
}

TEST_CASE("durations read as m:ss or h:mm:ss, rounded up to the second") {
    CHECK(atshook::duration_text(0) == "0:00");
    CHECK(atshook::duration_text(6.2) == "0:07");
    CHECK(atshook::duration_text(725) == "12:05");
    CHECK(atshook::duration_text(3723) == "1:02:03");
    CHECK(atshook::duration_text(-5) == "0:00");
}

TEST_CASE("a sized byte count shows done, total, percent, rate, ETA and the documents") {
    CHECK(atshook::progress_line(validate_figures(), 200) ==
          "validate: 2.00 GiB / 10.0 GiB  20%  512 MiB/s  ETA 0:16  (1,234,567 documents)");
    SUBCASE("an unknown total (stdin from a pipe) leaves out percent and ETA") {
        auto figures = validate_figures();
        figures.total.reset();
        CHECK(atshook::progress_line(figures, 200) ==
              "validate: 2.00 GiB  512 MiB/s  (1,234,567 documents)");
    }
    SUBCASE("an input that grew past its size is no longer measured against it") {
        auto figures = validate_figures();
        figures.total = k_gib;
        CHECK(atshook::progress_line(figures, 200) ==
              "validate: 2.00 GiB  512 MiB/s  (1,234,567 documents)");
    }
}

TEST_CASE("an item count shows done of total, percent, rate and ETA") {
    CHECK(atshook::progress_line(emit_figures(), 200) ==
          "emit: 12,345 / 100,000 events  12%  4,115/s  ETA 0:22");
    SUBCASE("a slow rate keeps a decimal") {
        auto figures = emit_figures();
        figures.done = 5;
        figures.total = 10;
        figures.seconds = 2;
        CHECK(atshook::progress_line(figures, 200) == "emit: 5 / 10 events  50%  2.5/s  ETA 0:02");
    }
    SUBCASE("a run of set length counts down its time") {
        auto figures = emit_figures();
        figures.label = "send";
        figures.item_name = "deliveries";
        figures.total.reset();
        figures.done = 1230;
        figures.lasts = 30;
        CHECK(atshook::progress_line(figures, 200) == "send: 1,230 deliveries  410/s  ETA 0:27");
    }
}

TEST_CASE("no rate or ETA before the work has run long enough to measure") {
    auto figures = emit_figures();
    figures.done = 0;
    figures.seconds = 0;
    CHECK(atshook::progress_line(figures, 200) == "emit: 0 / 100,000 events  0%");
}

TEST_CASE("the line is cut short of the terminal's width so that it never wraps") {
    CHECK(atshook::progress_line(validate_figures(), 30) == "validate: 2.00 GiB / 10.0 GiB");
    CHECK(atshook::progress_line(validate_figures(), 30).size() == 29);
}

TEST_CASE("a status line is allowed only on a terminal that can erase it, and not when quiet") {
    const auto tty = true;
    CHECK(atshook::progress_allowed(ProgressChoice::automatic, false, tty, "xterm-256color"));
    CHECK(atshook::progress_allowed(ProgressChoice::always, false, tty, std::nullopt));
    CHECK_FALSE(atshook::progress_allowed(ProgressChoice::always, false, false, "xterm"));
    CHECK_FALSE(atshook::progress_allowed(ProgressChoice::always, true, tty, "xterm"));
    CHECK_FALSE(atshook::progress_allowed(ProgressChoice::always, false, tty, "dumb"));
    CHECK_FALSE(atshook::progress_allowed(ProgressChoice::never, false, tty, "xterm"));
}

TEST_CASE("--progress draws at once, the default only for large work after half a second") {
    constexpr std::uint64_t large = 16 * k_mib;
    ProgressFigures figures;
    figures.total = 100 * k_mib;
    CHECK(atshook::progress_due(ProgressChoice::always, figures, large));
    CHECK_FALSE(atshook::progress_due(ProgressChoice::automatic, figures, large));
    figures.seconds = 0.5;
    CHECK(atshook::progress_due(ProgressChoice::automatic, figures, large));
    CHECK_FALSE(atshook::progress_due(ProgressChoice::never, figures, large));
    SUBCASE("small work does not get a line") {
        figures.total = k_mib;
        figures.seconds = 60;
        CHECK_FALSE(atshook::progress_due(ProgressChoice::automatic, figures, large));
        CHECK(atshook::progress_due(ProgressChoice::always, figures, large));
    }
    SUBCASE("work of unknown size gets one once what is done is large") {
        figures.total.reset();
        figures.done = large - 1;
        CHECK_FALSE(atshook::progress_due(ProgressChoice::automatic, figures, large));
        figures.done = large;
        CHECK(atshook::progress_due(ProgressChoice::automatic, figures, large));
    }
    SUBCASE("work that lasts a set time gets one") {
        figures.total.reset();
        figures.lasts = 2;
        CHECK(atshook::progress_due(ProgressChoice::automatic, figures, large));
    }
}
