// A tempo in a file's name or tags makes a file a loop only when the file is whole bars at
// that tempo. The check used to be 3% of the length alone, and from 17 beats on every length
// is within 3% of a whole beat count: Asterisk's 21.55 s prompt `conf-usermenu-162` became a
// "loop" at 162 BPM.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "metadata/stated_values.hpp"

using namespace samplemind;

namespace {

// A one-shot as the extractor left it (no pulse heard), named with a tempo.
Features named_one_shot(double duration_s) {
  Features f;
  f.kind = "one-shot";
  f.duration_s = duration_s;
  return f;
}

StatedValues name_stating(double bpm) {
  StatedValues name;
  name.bpm = bpm;
  name.bpm_source = "filename";
  return name;
}

}  // namespace

TEST_CASE("fits_whole_beats: 1, 2, 4, 8 or 16 bars of 4/4, off by at most 3% of the length and 60 ms") {
  struct Row {
    double seconds, bpm;
    bool fits;
    const char* why;
  };
  const Row rows[] = {
      {8.0, 120.0, true, "4 bars at 120"},
      {2.0, 120.0, true, "1 bar at 120"},
      {4.948458, 97.0, true, "Sonic Pi's loop_drone_g_97: 2 bars"},
      {6.857143, 140.0, true, "4 bars at 140"},
      {32.0, 120.0, true, "16 bars at 120"},
      {8.05, 120.0, true, "50 ms long: an MP3's padding"},
      {7.96, 120.0, true, "40 ms short"},
      {8.1, 120.0, false, "100 ms long: not cut at the bar line"},
      {2.07, 120.0, false, "70 ms on 2 s is 3.5%"},
      {1.0, 120.0, false, "2 beats: half a bar"},
      {1.5, 120.0, false, "3 beats"},
      {6.0, 120.0, false, "12 beats: 3 bars"},
      {2.5, 120.0, false, "5 beats"},
      {21.55325, 162.0, false, "58.19 beats: Asterisk's conf-usermenu-162 prompt"},
      {20.98, 162.0, false, "56.65 beats"},
      {64.0, 120.0, false, "128 beats: longer than 16 bars"},
      {1.0, 60.0, false, "one beat"},
  };
  for (const Row& row : rows) {
    const std::string why = row.why;
    CAPTURE(why);
    CHECK(fits_whole_beats(row.seconds, row.bpm) == row.fits);
  }
  CHECK_FALSE(fits_whole_beats(std::numeric_limits<double>::quiet_NaN(), 120.0));
  CHECK_FALSE(fits_whole_beats(8.0, std::numeric_limits<double>::infinity()));
  CHECK_FALSE(fits_whole_beats(8.0, 0.0));
  CHECK_FALSE(fits_whole_beats(8.0, -120.0));
}

TEST_CASE("a stated tempo is reported on every file, and makes a loop only of whole bars") {
  Features prompt = named_one_shot(21.55325);
  resolve_stated_values(prompt, name_stating(162.0), StatementOptions{});
  CHECK(prompt.tempo_bpm == doctest::Approx(162.0));
  CHECK(prompt.tempo_source == "filename");
  CHECK(prompt.kind == "one-shot");

  Features pad = named_one_shot(8.0);
  resolve_stated_values(pad, name_stating(120.0), StatementOptions{});
  CHECK(pad.tempo_bpm == doctest::Approx(120.0));
  CHECK(pad.kind == "loop");

  Features ignored = named_one_shot(8.0);
  resolve_stated_values(ignored, name_stating(120.0), StatementOptions{true, std::nullopt});
  CHECK_FALSE(ignored.tempo_bpm.has_value());  // --ignore-metadata: the audio's (none)
  CHECK(ignored.kind == "one-shot");
}
