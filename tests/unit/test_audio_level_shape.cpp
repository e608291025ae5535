// The hop-level summary the loop gate reads (audio/level_shape.hpp), on level lists with
// known answers.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "audio/level_shape.hpp"

using samplemind::audio::measure_level_shape;

TEST_CASE("level shape: a hit that dies away has little sustain and no swell") {
  std::vector<float> rms;
  for (int i = 0; i < 100; ++i) rms.push_back(static_cast<float>(std::exp(-i / 10.0)));
  const auto shape = measure_level_shape(rms, {0});
  CHECK(shape.sustain < 0.01);
  CHECK_FALSE(shape.swells);
  CHECK(shape.quiet_share == doctest::Approx(0.65).epsilon(0.02));  // exp(-i/10) < 0.0316 from i = 35
  CHECK(shape.audible_onsets == 1);
}

TEST_CASE("level shape: a riser swells, a held level neither swells nor is quiet") {
  std::vector<float> riser, held(80, 0.5f);
  for (int i = 0; i < 80; ++i) riser.push_back(static_cast<float>(0.01 + i * i / 6400.0));
  CHECK(measure_level_shape(riser, {}).swells);
  const auto shape = measure_level_shape(held, {});
  CHECK_FALSE(shape.swells);
  CHECK(shape.sustain == doctest::Approx(1.0));
  CHECK(shape.quiet_share == 0.0);
}

TEST_CASE("level shape: an onset in the silence is not audible, one whose attack ends its hop is") {
  std::vector<float> rms(40, 0.001f);  // room noise, 60 dB under the words
  rms[10] = 1.0f;
  rms[20] = 0.001f;
  rms[21] = 0.5f;   // the attack lands in the hop after the onset's
  const auto shape = measure_level_shape(rms, {0, 10, 20, 39});
  CHECK(shape.audible_onsets == 2);
  CHECK(shape.quiet_share == doctest::Approx(38.0 / 40.0));
  CHECK(measure_level_shape({}, {0, 1}).audible_onsets == 0);
}
