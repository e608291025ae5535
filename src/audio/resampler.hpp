#pragma once
// Streaming band-limited resampler to the fixed analysis rate.
#include <cstddef>
#include <span>
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
  void produce(std::vector<float>& out, std::size_t limit_frames);
  float kernel(double offset) const;

  int input_rate_hz_;
  int output_rate_hz_;
  double step_;                 // input samples per output sample
  double half_width_;           // kernel half width in input samples
  std::vector<float> table_;    // kernel sampled k_table_steps times per input sample
  std::vector<float> history_;  // input not yet fully consumed
  double position_ = 0.0;       // next output time, in input samples from history_[0]
  std::size_t consumed_total_ = 0;
  std::size_t input_total_ = 0;
  std::size_t output_total_ = 0;
};

}  // namespace samplemind::audio
