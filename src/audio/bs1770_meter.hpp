#pragma once
// ITU-R BS.1770-4 / EBU R128 integrated loudness: K-weighting (two biquads), 400 ms
// blocks with 75% overlap, absolute gate -70 LUFS, relative gate -10 LU. Computes what
// libebur128's EBUR128_MODE_I computes, with the filter state in registers.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace samplemind::audio {

class Bs1770Meter {
 public:
  // K-filter coefficients for this rate exactly as libebur128 derives them, so both agree.
  Bs1770Meter(int sample_rate, int channels);

  // Feeds interleaved frames with the channel count given to the constructor.
  void push(std::span<const float> interleaved);
  // Gated integrated loudness in LUFS; -inf when no 400 ms block passes the gates.
  double integrated_lufs() const;
  // Channel weight in the sum (libebur128's default map: surrounds 1.41, LFE and 7th+ 0).
  static double channel_weight(int channel, int channels);

 private:
  // Coefficients of one second-order section, normalised so a0 = 1.
  struct Biquad {
    double b0 = 1.0, b1 = 0.0, b2 = 0.0, a1 = 0.0, a2 = 0.0;
  };
  // Direct form I history of the cascade: shelf input, shelf output (= high-pass input),
  // high-pass output, each at n-1 and n-2.
  struct ChannelState {
    double x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0, z1 = 0.0, z2 = 0.0;
  };
  void filter_segment(const float* frames, std::size_t count);
  template <int Lanes>
  void filter_lanes(const float* frames, std::size_t count, const int* lanes);
  void close_subblock();

  int channels_;
  Biquad shelf_;
  Biquad high_pass_;
  std::vector<ChannelState> state_;
  std::vector<int> active_;              // channels with a non-zero weight
  std::vector<double> weights_;          // per channel
  std::vector<double> subblock_energy_;  // per channel, sum of squares in the open 100 ms sub-block
  std::size_t subblock_frames_ = 0;      // frames per 100 ms sub-block, (rate + 5) / 10 like libebur128
  std::size_t subblock_filled_ = 0;
  std::array<double, 4> last_subblocks_{};  // weighted energy sums of the last four sub-blocks
  std::size_t subblocks_done_ = 0;
  std::vector<double> gated_blocks_;     // mean-square energy of each 400 ms block above -70 LUFS
};

}  // namespace samplemind::audio
