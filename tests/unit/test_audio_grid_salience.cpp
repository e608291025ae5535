// Grid salience: onsets on a grid's points against the file's baseline, the file wrapping round.
#include <doctest/doctest.h>

#include <vector>

#include "audio/grid_salience.hpp"

using samplemind::audio::GridSalience;

namespace {
constexpr double k_rate = 100.0;  // frames per second: a slack of 25 ms is 3 frames either side

std::vector<float> impulses(std::size_t frames, std::size_t every, std::size_t first = 0) {
  std::vector<float> x(frames, 0.0f);
  for (std::size_t i = first; i < frames; i += every) x[i] = 1.0f;
  return x;
}
}  // namespace

TEST_CASE("grid salience: onsets on the grid stand over the baseline, the half-way points do not") {
  const std::vector<float> x = impulses(100, 10);
  const GridSalience salience(x, k_rate);
  // Every frame within 3 of an impulse sees it: 7 of every 10, so the baseline is 0.7.
  CHECK(salience.at_grid(10.0, 0.0) == doctest::Approx(1.0 / 0.7));
  CHECK(salience.at_grid(10.0, 0.5) == doctest::Approx(0.0));
  // A point 2 frames off an impulse still finds it; 4 frames off does not.
  CHECK(salience.at_grid(10.0, 0.2) == doctest::Approx(1.0 / 0.7));
  CHECK(salience.at_grid(10.0, 0.4) == doctest::Approx(0.0));
}

TEST_CASE("grid salience: the file wraps round, and an end limits the points counted") {
  // One onset at frame 1. The grid point at frame 99 reaches frames 96..102, which wrap to
  // 96..99 and 0..2: it finds the onset. The baseline is 7 frames of 100 seeing it.
  const std::vector<float> lone = impulses(100, 1000, 1);
  const GridSalience wrapped(lone, k_rate);
  CHECK(wrapped.at_grid(99.0, 0.0) == doctest::Approx(1.0 / 0.07));
  CHECK(wrapped.at_grid(50.0, 0.0) == doctest::Approx(0.0));  // frame 50 only: nothing near it

  // Onsets every 10 frames over the first half, none after: over the whole file the grid's
  // later points are empty, up to frame 50 every point is on an onset.
  std::vector<float> half = impulses(100, 10);
  for (std::size_t i = 50; i < half.size(); ++i) half[i] = 0.0f;
  const GridSalience partial(half, k_rate);
  CHECK(partial.at_grid(10.0, 0.0, 50.0) > 1.5 * partial.at_grid(10.0, 0.0));
}

TEST_CASE("grid salience: silence and a zero period read nothing") {
  const std::vector<float> silence(100, 0.0f);
  CHECK(GridSalience(silence, k_rate).at_grid(10.0, 0.0) == 0.0);
  const std::vector<float> x = impulses(100, 10);
  CHECK(GridSalience(x, k_rate).at_grid(0.0, 0.0) == 0.0);
  const std::vector<float> empty;
  CHECK(GridSalience(empty, k_rate).at_grid(10.0, 0.0) == 0.0);
}
