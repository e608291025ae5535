// Channel folding with a cancellation check (channel_fold.hpp).
#include "audio/channel_fold.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace samplemind::audio {

namespace {
// Sum of squares with eight independent partial sums, so the compiler can vectorise it (one
// sum chain made the fold a few percent of the whole pass). Float within a block of 4096
// frames, carried in double by the caller.
double sum_of_squares(std::span<const float> x) {
  constexpr std::size_t k_lanes = 8;
  std::array<float, k_lanes> lanes{};
  std::size_t i = 0;
  for (; i + k_lanes <= x.size(); i += k_lanes) {
    for (std::size_t k = 0; k < k_lanes; ++k) lanes[k] += x[i + k] * x[i + k];
  }
  for (std::size_t k = 0; i < x.size(); ++i, ++k) lanes[k] += x[i] * x[i];
  double sum = 0.0;
  for (const float lane : lanes) sum += lane;
  return sum;
}
}  // namespace

ChannelFold::ChannelFold(std::size_t channels)
    : channels_(std::max<std::size_t>(1, channels)), signs_(channels_, 1.0f), cross_with_first_(channels_, 0.0) {}

void ChannelFold::set_signs(std::vector<float> signs) {
  if (signs.size() == channels_) signs_ = std::move(signs);
}

void ChannelFold::fold(std::span<const float> interleaved, std::vector<float>& mono) {
  const std::size_t frames = interleaved.size() / channels_;
  mono.resize(frames);
  const float scale = 1.0f / static_cast<float>(channels_);
  if (channels_ == 2) {
    const float right_sign = signs_[1];
    for (std::size_t f = 0; f < frames; ++f) mono[f] = (interleaved[2 * f] + right_sign * interleaved[2 * f + 1]) * scale;
    // Two channels need no product of their own: the fold's energy is a quarter of
    // left + right + 2 x their product (times the right channel's sign).
    const double both = sum_of_squares(interleaved.first(2 * frames));
    const double folded = sum_of_squares(mono);
    channel_energy_ += both;
    cross_with_first_[1] += right_sign * (2.0 * folded - 0.5 * both);
    fold_energy_ += folded;
  } else {
    std::vector<double> cross(channels_, 0.0);
    double energy = 0.0;
    double folded = 0.0;
    for (std::size_t f = 0; f < frames; ++f) {
      const float* frame = interleaved.data() + f * channels_;
      float sum = 0.0f;
      for (std::size_t c = 0; c < channels_; ++c) {
        sum += signs_[c] * frame[c];
        energy += static_cast<double>(frame[c]) * frame[c];
        cross[c] += static_cast<double>(frame[0]) * frame[c];
      }
      sum *= scale;
      mono[f] = sum;
      folded += static_cast<double>(sum) * sum;
    }
    channel_energy_ += energy;
    for (std::size_t c = 0; c < channels_; ++c) cross_with_first_[c] += cross[c];
    fold_energy_ += folded;
  }
  frames_ += frames;
}

bool ChannelFold::cancels() const {
  if (channels_ < 2 || frames_ == 0) return false;
  const double mean_energy = channel_energy_ / static_cast<double>(channels_);
  const double mean_square = mean_energy / static_cast<double>(frames_);
  const double min_mean_square = std::pow(10.0, k_min_fold_channel_rms_dbfs / 10.0);
  if (!(mean_square > min_mean_square)) return false;
  return fold_energy_ < k_cancelling_fold_ratio * mean_energy;
}

std::vector<float> ChannelFold::aligned_signs() const {
  std::vector<float> signs(channels_, 1.0f);
  for (std::size_t c = 1; c < channels_; ++c) signs[c] = cross_with_first_[c] < 0.0 ? -1.0f : 1.0f;
  return signs;
}

}  // namespace samplemind::audio
