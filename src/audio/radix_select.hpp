#pragma once
// Exact k-th smallest of non-negative floats without comparisons: their IEEE bit
// patterns sort like the values, so three histogram passes over 10-11 bit digits find
// it. The chroma stage's median per frame cost more than its FFT with std::nth_element
// (a branch per comparison, mispredicted half the time on spectra).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace samplemind::audio {

class RadixSelect {
 public:
  // The k-th smallest (0-based) of values, all >= 0 and not NaN; k < values.size().
  float kth_smallest(std::span<const float> values, std::size_t k);

 private:
  std::vector<std::uint32_t> keys_;
  std::vector<std::uint32_t> next_;
  std::array<std::uint32_t, 2048> counts_{};
};

}  // namespace samplemind::audio
