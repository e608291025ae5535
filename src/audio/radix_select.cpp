// Most-significant digit first: count the digit, find the bucket that holds rank k,
// keep only that bucket's keys for the next digit.
#include "audio/radix_select.hpp"

#include <cstring>

namespace samplemind::audio {

namespace {
struct Digit {
  int shift;
  std::uint32_t mask;
};
// Bits 30..21, 20..10, 9..0 (bit 31, the sign, is 0 for non-negative values).
constexpr std::array<Digit, 3> k_digits{{{21, 0x3FFu}, {10, 0x7FFu}, {0, 0x3FFu}}};
}  // namespace

float RadixSelect::kth_smallest(std::span<const float> values, std::size_t k) {
  keys_.resize(values.size());
  std::memcpy(keys_.data(), values.data(), values.size() * sizeof(float));
  std::uint32_t prefix = 0;
  for (const Digit digit : k_digits) {
    counts_.fill(0);
    for (const std::uint32_t key : keys_) ++counts_[(key >> digit.shift) & digit.mask];
    std::uint32_t bucket = 0;
    while (k >= counts_[bucket]) k -= counts_[bucket++];
    prefix |= bucket << digit.shift;
    if (digit.shift == 0) break;
    next_.clear();
    for (const std::uint32_t key : keys_) {
      if (((key >> digit.shift) & digit.mask) == bucket) next_.push_back(key);
    }
    keys_.swap(next_);
  }
  float result = 0.0f;
  std::memcpy(&result, &prefix, sizeof(result));
  return result;
}

}  // namespace samplemind::audio
