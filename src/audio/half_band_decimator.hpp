#pragma once
// Streaming 2:1 decimation with a short half-band FIR: the chroma stage only needs
// 25 Hz - 3.5 kHz, so it can run its long FFT at half the analysis rate.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace samplemind::audio {

constexpr int k_half_band_taps = 31;  // passband to ~0.16 fs, stopband from ~0.34 fs

class HalfBandDecimator {
 public:
  HalfBandDecimator();
  // Appends one output sample for every two input samples to out.
  void push(std::span<const float> input, std::vector<float>& out);

 private:
  static constexpr int k_side_taps = (k_half_band_taps / 2 + 1) / 2;  // non-zero taps on each side
  float centre_tap_ = 0.5f;
  std::array<float, k_side_taps> side_taps_{};  // at offsets 1, 3, 5, ... from the centre
  std::vector<float> buffer_;                    // the last taps-1 inputs, then the new block
  std::vector<float> even_, odd_;                // buffer_ split by sample parity
};

}  // namespace samplemind::audio
