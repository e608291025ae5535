// The chroma stage's median: radix selection must agree exactly with std::nth_element.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "audio/radix_select.hpp"

using samplemind::audio::RadixSelect;

TEST_CASE("radix select: the k-th smallest equals std::nth_element's on spectra-like data") {
  std::mt19937 rng(2048);
  std::exponential_distribution<float> magnitude(3.0f);
  std::uniform_int_distribution<int> small(0, 5);
  RadixSelect select;
  for (int round = 0; round < 200; ++round) {
    std::vector<float> values(static_cast<std::size_t>(1 + round * 7));
    for (float& v : values) v = round % 3 == 0 ? static_cast<float>(small(rng)) : magnitude(rng);  // many ties every third round
    if (round % 5 == 0) values[0] = 0.0f;
    for (const std::size_t k : {std::size_t{0}, values.size() / 2, values.size() - 1}) {
      std::vector<float> sorted = values;
      std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
      CAPTURE(round);
      CAPTURE(k);
      CHECK(select.kth_smallest(values, k) == sorted[k]);
    }
  }
}

TEST_CASE("radix select: tiny, huge and subnormal magnitudes") {
  RadixSelect select;
  const std::vector<float> values{1e-40f, 3e38f, 0.0f, 1.0f, 1e-3f, 2.5f, 1e-40f};
  std::vector<float> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t k = 0; k < values.size(); ++k) CHECK(select.kth_smallest(values, k) == sorted[k]);
}
