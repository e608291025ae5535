// The terminal progress line and the cutting of text to a number of columns.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "report/progress_line.hpp"
#include "report/text_cut.hpp"

using namespace samplemind;

TEST_CASE("report text cut: an ellipsis shows the cut, and a UTF-8 character is never split") {
  CHECK(cut_with_ellipsis("short", 10) == "short");
  CHECK(cut_with_ellipsis("exactly10!", 10) == "exactly10!");
  CHECK(cut_with_ellipsis("genre: drum and bass", 10) == "genre: dr\xE2\x80\xA6");
  CHECK(display_columns(cut_with_ellipsis("genre: drum and bass", 10)) == 10);
  const std::string accents = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";  // four é
  CHECK(cut_with_ellipsis(accents, 3) == "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
  CHECK(display_columns(accents) == 4);
  CHECK(fit_column("ab", 4) == "ab  ");
  CHECK(fit_column("abcdef", 4) == "abc\xE2\x80\xA6");
  CHECK(cut_with_ellipsis("abc", 0).empty());
  CHECK(cut_front_with_ellipsis("lib/d1/tiny_42.wav", 12) == "\xE2\x80\xA6tiny_42.wav");
  CHECK(cut_front_with_ellipsis("a.wav", 12) == "a.wav");
  CHECK(cut_front_with_ellipsis("\xC3\xA9\xC3\xA9\xC3\xA9", 2) == "\xE2\x80\xA6\xC3\xA9");
}

TEST_CASE("report progress line: counts, percent, rate, ETA, hits and dollars") {
  ProgressState state;
  state.done = 250;
  state.total = 1000;
  state.elapsed_s = 5.0;
  state.cache_hits = 200;
  state.cost_usd = 0.0123;
  state.current = "lib/a.wav";
  const std::string line = format_progress_line("analyzing", state, 200);
  CHECK(line == "analyzing 250/1000 25.0% 50/s ETA 0:15 hits 200 $0.0123 lib/a.wav");
  state.show_money = false;
  CHECK(format_progress_line("extracting", state, 200) == "extracting 250/1000 25.0% 50/s ETA 0:15 lib/a.wav");
}

TEST_CASE("report progress line: fits a 60-column pane, and never shows nan or inf") {
  ProgressState state;
  state.done = 12345;
  state.total = 100000;
  state.elapsed_s = 10.0;
  state.current = std::string(200, 'x');
  for (std::size_t width : {10u, 40u, 60u, 80u}) {
    CAPTURE(width);
    CHECK(display_columns(format_progress_line("analyzing", state, width)) <= width - 1);
  }
  state.current = "lib/deep/folder/tiny_42.wav";
  state.done = 12000;
  const std::string full = "analyzing 12000/100000 12.0% 1200/s ETA 1:13 hits 0 $0.0000";
  CHECK(format_progress_line("analyzing", state, 60) == full);  // no room left for the path
  CHECK(format_progress_line("analyzing", state, 80) == full + " \xE2\x80\xA6" "folder/tiny_42.wav");
  state.total = 0;  // the walk is still going: no percent, no ETA
  state.current.clear();
  state.elapsed_s = 5.0;
  CHECK(format_progress_line("analyzing", state, 200) == "analyzing 12000/? 2400/s hits 0 $0.0000");
  state.elapsed_s = 0.0;  // too early for a rate
  state.cost_usd = std::numeric_limits<double>::quiet_NaN();
  const std::string early = format_progress_line("analyzing", state, 200);
  CHECK(early == "analyzing 12000/? hits 0 $0.0000");
  state.elapsed_s = std::numeric_limits<double>::infinity();
  state.total = 20000;
  const std::string odd = format_progress_line("analyzing", state, 200);
  CHECK(odd.find("nan") == std::string::npos);
  CHECK(odd.find("inf") == std::string::npos);
}

TEST_CASE("report progress line: ETA for people") {
  CHECK(format_eta(0.0) == "0:00");
  CHECK(format_eta(7.4) == "0:07");
  CHECK(format_eta(725.0) == "12:05");
  CHECK(format_eta(11050.0) == "3:04:10");
  CHECK(format_eta(-1.0) == "-");
  CHECK(format_eta(std::nan("")) == "-");
}
