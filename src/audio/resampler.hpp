#pragma once
// Streaming band-limited resampler to the fixed analysis rate.
#include <cstddef>
#include <cstdint>
#include <span>
#include <memory>
#include <vector>

namespace samplemind::audio {

class Resampler {
 public:
  Resampler(int input_rate_hz, int output_rate_hz);

  // Converts the next block; appends output samples to out.
  void push(std::span<const float> input, std::vector<float>& out);
  // Emits the samples still held back by the filter's look-ahead.
  void flush(std::vector<float>& out);

  bool is_identity() const { return input_rate_hz_ == output_rate_hz_; }

 private:
  void produce(std::vector<float>& out, std::uint64_t limit);
  // Whole-number ratios (44.1 kHz, 88.2 kHz): eight outputs at a time from polyphase planes.
  void produce_integer_ratio(std::vector<float>& out, std::uint64_t limit);
  void drop_consumed_input();

  int input_rate_hz_;
  int output_rate_hz_;
  double step_;                  // input samples per output sample
  int input_step_ = 1;           // step_ as the reduced fraction input_step_ / output_step_
  int output_step_ = 1;
  int half_taps_ = 0;            // K: taps each side of the output time
  int padded_taps_ = 0;          // 2K rounded up to a multiple of 8 (trailing zeros)
  int phases_ = 1;               // sub-sample positions in the filter bank
  std::shared_ptr<const std::vector<float>> bank_;  // phases_ rows of padded_taps_ coefficients, shared per rate pair
  std::vector<float> history_;   // input from absolute index base_ on
  std::vector<float> planes_;    // integer ratio M: history_ split into M planes of every M-th sample
  std::vector<std::size_t> tap_offsets_;  // where each tap reads in planes_
  std::int64_t base_ = 0;        // absolute input index of history_[0]
  std::uint64_t produced_ = 0;   // output samples so far
  std::uint64_t input_total_ = 0;
};

}  // namespace samplemind::audio
