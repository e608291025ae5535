#pragma once
// ITU-R BS.1770-4 / EBU R128 integrated loudness: K-weighting (two biquads), 400 ms
// blocks with 75% overlap, absolute gate -70 LUFS, relative gate -10 LU. Computes what
// libebur128's EBUR128_MODE_I computes, with the filter state in registers and, where the
// CPU has the instructions and a window of audio fits in k_max_window_floats, eight
// stretches of the window filtered in step (k_filter.hpp).
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "audio/k_filter.hpp"

namespace samplemind::audio {

class Bs1770Meter {
 public:
  // K-filter coefficients for this rate exactly as libebur128 derives them, so both agree.
  // kernel picks the eight-lane build (tests ask for each); none filters as audio arrives.
  Bs1770Meter(int sample_rate, int channels, LaneKernel kernel = best_lane_kernel());
  // Hands the window buffer on to the thread's next meter.
  ~Bs1770Meter();
  Bs1770Meter(const Bs1770Meter&) = delete;
  Bs1770Meter& operator=(const Bs1770Meter&) = delete;

  // Feeds interleaved frames with the channel count given to the constructor.
  void push(std::span<const float> interleaved);
  // Gated integrated loudness in LUFS; -inf when no 400 ms block passes the gates. Filters
  // what is still buffered first, so it is called once, after the last push.
  double integrated_lufs();
  // Channel weight in the sum (libebur128's default map: surrounds 1.41, LFE and 7th+ 0).
  static double channel_weight(int channel, int channels);

  // Largest window buffered for the lanes, in floats (8 MB); a rate or channel count whose
  // window is larger filters as audio arrives.
  static constexpr std::size_t k_max_window_floats = std::size_t{1} << 21;

 private:
  void filter_in_order(const float* frames, std::size_t count);
  void filter_segment(const float* frames, std::size_t count);
  void filter_window(std::size_t chunk_subblocks, std::size_t subblocks_available);
  void filter_tail();
  void close_subblock(const double* channel_energy, bool per_active_channel);

  int channels_;
  KFilter k_{};
  std::vector<KFilterHistory> state_;
  std::vector<int> active_;              // channels with a non-zero weight
  std::vector<double> weights_;          // per channel
  std::vector<double> subblock_energy_;  // per channel, sum of squares in the open 100 ms sub-block
  std::size_t subblock_frames_ = 0;      // frames per 100 ms sub-block, (rate + 5) / 10 like libebur128
  std::size_t subblock_filled_ = 0;
  std::array<double, 4> last_subblocks_{};  // weighted energy sums of the last four sub-blocks
  std::size_t subblocks_done_ = 0;
  std::vector<double> gated_blocks_;     // mean-square energy of each 400 ms block above -70 LUFS

  // The lanes: each window of chunks_ * chunk_subblocks_ sub-blocks is cut into chunks_
  // stretches per active channel; window_ keeps settle_ frames before the next unfiltered
  // frame (silence at the start), so every stretch settles on the audio before it.
  LaneKernel kernel_ = LaneKernel::none;
  std::size_t settle_ = 0;
  std::size_t chunks_ = 1;
  std::size_t chunk_subblocks_ = 0;
  std::size_t windows_done_ = 0;
  std::vector<float> window_;
  std::vector<double> lane_energy_;
  bool finished_ = false;
};

}  // namespace samplemind::audio
