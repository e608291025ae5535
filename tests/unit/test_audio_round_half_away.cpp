// round_half_away: std::lround's whole number without the libm call, on exact halves, their
// float neighbours, both signs, values near 2^52 and random positions.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "audio/round_half_away.hpp"

TEST_CASE("round_half_away gives std::lround's whole number: halves, their neighbours, signs, random positions") {
  using samplemind::audio::round_half_away;
  for (const double x : {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
                         std::nextafter(2.5, 0.0), std::nextafter(2.5, 3.0), 4503599627370495.5, -4503599627370495.5,
                         4503599627370497.0, 123456.49999999999, 1e15 + 0.5, -7.0}) {
    CAPTURE(x);
    CHECK(round_half_away(x) == std::lround(x));
  }
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> position(-5000.0, 5000.0);
  for (int i = 0; i < 100000; ++i) {
    const double x = position(rng), half = std::floor(x) + 0.5;  // also the exact half nearby
    REQUIRE(round_half_away(x) == std::lround(x));
    REQUIRE(round_half_away(half) == std::lround(half));
  }
}
