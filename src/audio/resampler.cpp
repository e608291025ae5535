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
constexpr int k_zero_crossings = 4;          // kernel lobes each side (analysis only needs < 10 kHz)
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
  const int divisor = std::gcd(input_rate_hz, output_rate_hz);
  input_step_ = input_rate_hz / divisor;
  output_step_ = output_rate_hz / divisor;
  phases_ = std::min(output_step_, k_max_phases);
  const int taps = 2 * half_taps_;
  padded_taps_ = (taps + 7) / 8 * 8;  // whole groups of eight for the vectorised dot product
  bank_.assign(static_cast<std::size_t>(phases_) * static_cast<std::size_t>(padded_taps_), 0.0f);
  for (int p = 0; p < phases_; ++p) {
    const double frac = static_cast<double>(p) / phases_;
    for (int t = 0; t < taps; ++t) {
      const int j = t - half_taps_ + 1;  // input offset from floor(time)
      bank_[static_cast<std::size_t>(p * padded_taps_ + t)] = static_cast<float>(kernel(frac - j, cutoff, half_width));
    }
  }
  // Zeros before the first sample, so the first outputs have full support.
  history_.assign(static_cast<std::size_t>(half_taps_), 0.0f);
  base_ = -half_taps_;
}

void Resampler::produce(std::vector<float>& out, std::uint64_t limit) {
  const auto taps = static_cast<std::size_t>(padded_taps_);
  const std::int64_t available_end = base_ + static_cast<std::int64_t>(history_.size());
  const auto in_step = static_cast<std::uint64_t>(input_step_);
  const auto out_step = static_cast<std::uint64_t>(output_step_);
  const std::int64_t padding = padded_taps_ - 2 * half_taps_;  // zero taps read past the kernel
  // Exact rational time of the next output: floor index and remainder in units of 1/out_step.
  auto floor_index = static_cast<std::int64_t>(produced_ * in_step / out_step);
  std::uint64_t remainder = produced_ * in_step % out_step;
  const auto whole_step = static_cast<std::int64_t>(in_step / out_step);
  const std::uint64_t fraction_step = in_step % out_step;
  const bool exact_phases = static_cast<std::uint64_t>(phases_) == out_step;
  for (; produced_ < limit; ++produced_) {
    std::int64_t centre = floor_index;
    auto phase = exact_phases ? static_cast<std::size_t>(remainder)
                              : static_cast<std::size_t>((remainder * static_cast<std::uint64_t>(phases_) + out_step / 2) / out_step);
    if (phase == static_cast<std::size_t>(phases_)) {
      phase = 0;
      ++centre;
    }
    if (centre + half_taps_ + padding >= available_end) break;
    const float* x = history_.data() + (centre - half_taps_ + 1 - base_);
    const float* h = bank_.data() + phase * taps;
    // Eight independent partial sums: the compiler vectorises them, a single sum it cannot.
    float partial[8] = {};
    for (std::size_t t = 0; t < taps; t += 8) {
      for (std::size_t j = 0; j < 8; ++j) partial[j] += x[t + j] * h[t + j];
    }
    out.push_back(((partial[0] + partial[1]) + (partial[2] + partial[3])) +
                  ((partial[4] + partial[5]) + (partial[6] + partial[7])));
    floor_index += whole_step;
    remainder += fraction_step;
    if (remainder >= out_step) {
      remainder -= out_step;
      ++floor_index;
    }
  }
  // Drop input no future output can reach.
  const auto next_first = static_cast<std::int64_t>(produced_ * in_step / out_step) - half_taps_;
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
  history_.insert(history_.end(), static_cast<std::size_t>(padded_taps_ + 2), 0.0f);
  produce(out, expected);
}

}  // namespace samplemind::audio
