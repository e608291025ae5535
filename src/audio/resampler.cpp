// Windowed-sinc interpolation from a precomputed kernel table: one code path for
// 44.1 kHz -> 22.05 kHz, 48 kHz -> 22.05 kHz and any other ratio.
#include "audio/resampler.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace samplemind::audio {

namespace {
constexpr int k_zero_crossings = 12;      // kernel lobes each side
constexpr int k_table_steps = 256;        // kernel samples per input sample
constexpr double k_cutoff_fraction = 0.92;  // of the lower Nyquist frequency
}  // namespace

Resampler::Resampler(int input_rate_hz, int output_rate_hz)
    : input_rate_hz_(input_rate_hz), output_rate_hz_(output_rate_hz) {
  step_ = static_cast<double>(input_rate_hz) / output_rate_hz;
  const double cutoff = k_cutoff_fraction * std::min(1.0, 1.0 / step_);  // cycles per input sample * 2
  half_width_ = k_zero_crossings / cutoff;
  const auto table_size = static_cast<std::size_t>(half_width_ * k_table_steps) + 2;
  table_.resize(table_size);
  for (std::size_t i = 0; i < table_size; ++i) {
    const double x = static_cast<double>(i) / k_table_steps;
    if (x >= half_width_) {
      table_[i] = 0.0f;
      continue;
    }
    const double arg = std::numbers::pi * cutoff * x;
    const double sinc = x == 0.0 ? 1.0 : std::sin(arg) / arg;
    const double w = x / half_width_;  // Blackman window over [-1, 1]
    const double window = 0.42 + 0.5 * std::cos(std::numbers::pi * w) + 0.08 * std::cos(2 * std::numbers::pi * w);
    table_[i] = static_cast<float>(cutoff * sinc * window);
  }
  // Zeros before the first sample so output time 0 is centred on input time 0.
  history_.assign(static_cast<std::size_t>(std::ceil(half_width_)), 0.0f);
  position_ = std::ceil(half_width_);
}

float Resampler::kernel(double offset) const {
  const double scaled = std::abs(offset) * k_table_steps;
  const auto index = static_cast<std::size_t>(scaled);
  if (index + 1 >= table_.size()) return 0.0f;
  const auto frac = static_cast<float>(scaled - static_cast<double>(index));
  return table_[index] + frac * (table_[index + 1] - table_[index]);
}

void Resampler::produce(std::vector<float>& out, std::size_t limit_frames) {
  const double available = static_cast<double>(history_.size());
  while (position_ + half_width_ < available && output_total_ < limit_frames) {
    const auto first = static_cast<std::ptrdiff_t>(std::ceil(position_ - half_width_));
    const auto last = static_cast<std::ptrdiff_t>(std::floor(position_ + half_width_));
    double sum = 0.0;
    for (std::ptrdiff_t i = std::max<std::ptrdiff_t>(first, 0); i <= last; ++i) {
      sum += history_[static_cast<std::size_t>(i)] * kernel(position_ - static_cast<double>(i));
    }
    out.push_back(static_cast<float>(sum));
    ++output_total_;
    position_ += step_;
  }
  // Drop input no future output can reach.
  const double keep_from = std::floor(position_ - half_width_) - 1.0;
  if (keep_from > 0.0) {
    const auto drop = std::min(history_.size(), static_cast<std::size_t>(keep_from));
    history_.erase(history_.begin(), history_.begin() + static_cast<std::ptrdiff_t>(drop));
    position_ -= static_cast<double>(drop);
    consumed_total_ += drop;
  }
}

void Resampler::push(std::span<const float> input, std::vector<float>& out) {
  input_total_ += input.size();
  if (is_identity()) {
    out.insert(out.end(), input.begin(), input.end());
    return;
  }
  history_.insert(history_.end(), input.begin(), input.end());
  produce(out, static_cast<std::size_t>(-1));
}

void Resampler::flush(std::vector<float>& out) {
  if (is_identity()) return;
  const auto expected = static_cast<std::size_t>(
      std::ceil(static_cast<double>(input_total_) * output_rate_hz_ / input_rate_hz_));
  history_.insert(history_.end(), static_cast<std::size_t>(std::ceil(half_width_)) + 2, 0.0f);
  produce(out, expected);
}

}  // namespace samplemind::audio
