// The vector helpers: the largest magnitude of a block, as a plain loop over std::abs finds it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "audio/float_vectors.hpp"

using samplemind::audio::peak_magnitude;

namespace {
float plain_peak(const std::vector<float>& x) {
  float peak = 0.0f;
  for (const float v : x) peak = std::max(peak, std::abs(v));
  return peak;
}
}  // namespace

TEST_CASE("peak magnitude: a negative peak counts by its size, at every position and length") {
  // Lengths around the eight-float step, the peak in the vector part and in the tail.
  for (std::size_t n = 1; n <= 27; ++n) {
    for (std::size_t at = 0; at < n; ++at) {
      std::vector<float> x(n);
      for (std::size_t i = 0; i < n; ++i) x[i] = 0.01f * static_cast<float>(i % 5) - 0.02f;
      x[at] = -0.9f;
      CHECK(peak_magnitude(x.data(), n) == 0.9f);
      CHECK(peak_magnitude(x.data(), n) == plain_peak(x));
    }
  }
}

TEST_CASE("peak magnitude: nothing, zeros and silence read 0") {
  CHECK(peak_magnitude(nullptr, 0) == 0.0f);
  const std::vector<float> zeros(19, 0.0f), negative_zeros(19, -0.0f);
  CHECK(peak_magnitude(zeros.data(), zeros.size()) == 0.0f);
  CHECK(peak_magnitude(negative_zeros.data(), negative_zeros.size()) == 0.0f);
}

TEST_CASE("peak magnitude: a NaN is passed over, as std::max passes it over") {
  std::vector<float> x(21, 0.25f);
  x[3] = std::numeric_limits<float>::quiet_NaN();   // in the vector part
  x[20] = -std::numeric_limits<float>::quiet_NaN(); // in the tail
  x[9] = -0.5f;
  CHECK(peak_magnitude(x.data(), x.size()) == 0.5f);
  CHECK(plain_peak(x) == 0.5f);
}

TEST_CASE("peak magnitude: an infinity is the peak") {
  std::vector<float> x(12, 0.1f);
  x[5] = -std::numeric_limits<float>::infinity();
  CHECK(std::isinf(peak_magnitude(x.data(), x.size())));
}
