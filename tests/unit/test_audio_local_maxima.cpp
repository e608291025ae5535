// The chroma frame's peak scans: the four-lane search must find exactly the bins the scalar
// tests it replaced find, in order, ties, plateaus and NaN included.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "audio/local_maxima.hpp"

using samplemind::audio::find_local_maxima;
using samplemind::audio::PeakRule;

namespace {
std::vector<std::uint32_t> scalar_maxima(const std::vector<float>& m, std::size_t first, std::size_t last, float level,
                                         PeakRule rule) {
  std::vector<std::uint32_t> out;
  for (std::size_t k = first; k <= last; ++k) {
    const bool pass = rule == PeakRule::above_level_plateau_left
                          ? (m[k] > level && m[k] >= m[k - 1] && m[k] >= m[k + 1])
                          : !(m[k] < level || m[k] <= m[k - 1] || m[k] < m[k + 1]);
    if (pass) out.push_back(static_cast<std::uint32_t>(k));
  }
  return out;
}
}  // namespace

TEST_CASE("local maxima: the four-lane scan finds what the scalar tests find, for both rules") {
  std::mt19937 rng(1500);
  std::uniform_int_distribution<int> level_step(0, 6);  // few distinct values: many ties and plateaus
  for (int round = 0; round < 300; ++round) {
    std::vector<float> m(static_cast<std::size_t>(3 + round * 5));
    for (float& v : m) v = 0.5f * static_cast<float>(level_step(rng));
    if (round % 7 == 0) m[m.size() / 2] = std::numeric_limits<float>::quiet_NaN();
    const std::size_t first = 1 + static_cast<std::size_t>(round % 3);
    const std::size_t last = m.size() - 2;
    if (first > last) continue;
    for (const PeakRule rule : {PeakRule::above_level_plateau_left, PeakRule::from_level_strict_left}) {
      for (const float level : {0.0f, 1.0f, 2.5f}) {
        CAPTURE(round);
        CAPTURE(static_cast<int>(rule));
        CAPTURE(level);
        std::vector<std::uint32_t> got{7};  // appended to, not replaced
        find_local_maxima(m.data(), first, last, level, rule, got);
        std::vector<std::uint32_t> want{7};
        const std::vector<std::uint32_t> scalar = scalar_maxima(m, first, last, level, rule);
        want.insert(want.end(), scalar.begin(), scalar.end());
        CHECK(got == want);
      }
    }
  }
}

TEST_CASE("local maxima: a plateau's first bin is a peak under one rule and not the other") {
  const std::vector<float> m{0.0f, 1.0f, 3.0f, 3.0f, 1.0f, 0.0f, 2.0f, 0.0f, 0.0f};
  std::vector<std::uint32_t> plateau, strict;
  find_local_maxima(m.data(), 1, m.size() - 2, 0.5f, PeakRule::above_level_plateau_left, plateau);
  find_local_maxima(m.data(), 1, m.size() - 2, 0.5f, PeakRule::from_level_strict_left, strict);
  CHECK(plateau == std::vector<std::uint32_t>{2, 3, 6});  // both halves of the plateau, and 6
  CHECK(strict == std::vector<std::uint32_t>{2, 6});      // its rising edge only
}
