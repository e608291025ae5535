// Polyphase windowed-sinc filter bank: exact phases for rational ratios such as
// 44.1 kHz -> 22.05 kHz (1 phase) or 48 kHz -> 22.05 kHz (147 phases), and 4096
// quantised phases for anything else. One dot product of 2K taps per output sample.
#include "audio/resampler.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace samplemind::audio {

namespace {
constexpr int k_zero_crossings = 8;          // kernel lobes each side
constexpr int k_max_phases = 4096;
constexpr double k_cutoff_fraction = 0.9;    // of the lower Nyquist frequency

double kernel(double x, double cutoff, double half_width) {
  if (std::abs(x) >= half_width) return 0.0;
  const double arg = std::numbers::pi * cutoff * x;
  const double sinc = x == 0.0 ? 1.0 : std::sin(arg) / arg;
  const double w = x / half_width;  // Blackman window over [-1, 1]
  const double window = 0.42 + 0.5 * std::cos(std::numbers::pi * w) + 0.08 * std::cos(2 * std::numbers::pi * w);
  return cutoff * sinc * window;
}
}  // namespace

Resampler::Resampler(int input_rate_hz, int output_rate_hz)
    : input_rate_hz_(input_rate_hz), output_rate_hz_(output_rate_hz) {
  step_ = static_cast<double>(input_rate_hz) / output_rate_hz;
  if (is_identity()) return;
  const double cutoff = k_cutoff_fraction * std::min(1.0, 1.0 / step_);
  const double half_width = k_zero_crossings / cutoff;
  half_taps_ = static_cast<int>(std::ceil(half_width));
  const int exact_phases = output_rate_hz / std::gcd(input_rate_hz, output_rate_hz);
  phases_ = std::min(exact_phases, k_max_phases);
  const int taps = 2 * half_taps_;
  bank_.resize(static_cast<std::size_t>(phases_) * static_cast<std::size_t>(taps));
  for (int p = 0; p < phases_; ++p) {
    const double frac = static_cast<double>(p) / phases_;
    for (int t = 0; t < taps; ++t) {
      const int j = t - half_taps_ + 1;  // input offset from floor(time)
      bank_[static_cast<std::size_t>(p * taps + t)] = static_cast<float>(kernel(frac - j, cutoff, half_width));
    }
  }
  // Zeros before the first sample, so the first outputs have full support.
  history_.assign(static_cast<std::size_t>(half_taps_), 0.0f);
  base_ = -half_taps_;
}

void Resampler::produce(std::vector<float>& out, std::uint64_t limit) {
  const int taps = 2 * half_taps_;
  const std::int64_t available_end = base_ + static_cast<std::int64_t>(history_.size());
  while (produced_ < limit) {
    const double time = static_cast<double>(produced_) * step_;
    auto floor_index = static_cast<std::int64_t>(std::floor(time));
    auto phase = static_cast<int>(std::lround((time - static_cast<double>(floor_index)) * phases_));
    if (phase == phases_) {
      phase = 0;
      ++floor_index;
    }
    const std::int64_t first = floor_index - half_taps_ + 1;
    if (floor_index + half_taps_ >= available_end) break;
    const float* x = history_.data() + (first - base_);
    const float* h = bank_.data() + static_cast<std::ptrdiff_t>(phase) * taps;
    float sum = 0.0f;
    for (int t = 0; t < taps; ++t) sum += x[t] * h[t];
    out.push_back(sum);
    ++produced_;
  }
  // Drop input no future output can reach.
  const auto next_first = static_cast<std::int64_t>(std::floor(static_cast<double>(produced_) * step_)) - half_taps_;
  if (next_first > base_) {
    const auto drop = static_cast<std::size_t>(std::min<std::int64_t>(next_first - base_, static_cast<std::int64_t>(history_.size())));
    history_.erase(history_.begin(), history_.begin() + static_cast<std::ptrdiff_t>(drop));
    base_ += static_cast<std::int64_t>(drop);
  }
}

void Resampler::push(std::span<const float> input, std::vector<float>& out) {
  input_total_ += input.size();
  if (is_identity()) {
    out.insert(out.end(), input.begin(), input.end());
    return;
  }
  history_.insert(history_.end(), input.begin(), input.end());
  produce(out, UINT64_MAX);
}

void Resampler::flush(std::vector<float>& out) {
  if (is_identity()) return;
  const auto expected = static_cast<std::uint64_t>(
      std::ceil(static_cast<double>(input_total_) * output_rate_hz_ / input_rate_hz_));
  history_.insert(history_.end(), static_cast<std::size_t>(2 * half_taps_ + 2), 0.0f);
  produce(out, expected);
}

}  // namespace samplemind::audio
