// Polyphase windowed-sinc filter bank: exact phases for rational ratios such as
// 44.1 kHz -> 22.05 kHz (1 phase) or 48 kHz -> 22.05 kHz (147 phases), and 4096
// quantised phases for anything else. One dot product of 2K taps per output sample.
#include "audio/resampler.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <utility>

#include "audio/float_vectors.hpp"
#include "audio/shared_tables.hpp"

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

// The filter bank for one rate pair, built once per process: 4096 phases of windowed sinc
// cost more than resampling a short sample. A library of odd rates keeps at most 16.
std::shared_ptr<const std::vector<float>> shared_bank(int input_rate_hz, int output_rate_hz, int phases, int padded_taps,
                                                      int half_taps, double cutoff, double half_width) {
  static SharedTables<std::pair<int, int>, std::vector<float>> banks(16);
  return banks.get({input_rate_hz, output_rate_hz}, [&] {
    std::vector<float> bank(static_cast<std::size_t>(phases) * static_cast<std::size_t>(padded_taps), 0.0f);
    for (int p = 0; p < phases; ++p) {
      const double frac = static_cast<double>(p) / phases;
      for (int t = 0; t < 2 * half_taps; ++t) {
        const int j = t - half_taps + 1;  // input offset from floor(time)
        bank[static_cast<std::size_t>(p * padded_taps + t)] = static_cast<float>(kernel(frac - j, cutoff, half_width));
      }
    }
    return bank;
  });
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
  bank_ = shared_bank(input_rate_hz, output_rate_hz, phases_, padded_taps_, half_taps_, cutoff, half_width);
  // Zeros before the first sample, so the first outputs have full support.
  history_.assign(static_cast<std::size_t>(half_taps_), 0.0f);
  base_ = -half_taps_;
}

namespace {
// What the polyphase loop reads, fixed for one call: the input from absolute index base on,
// the filter bank, and the rational step between outputs.
struct PolyphaseWalk {
  const float* history;
  std::int64_t base;
  std::int64_t available_end;
  const float* bank;
  std::size_t taps;
  int half_taps;
  std::int64_t padding;
  std::uint64_t out_step;
  std::uint64_t phases;
  bool exact_phases;
  std::int64_t whole_step;
  std::uint64_t fraction_step;
};

// Why: the loop reloaded the member pointers after every push_back and summed in four-float
// halves. Each output is one dot product of taps (a multiple of 8): lanes 0-3 sum taps
// t..t+3 and lanes 4-7 taps t+4..t+7 of each group, then the halves and the lanes pairwise,
// the same floats as the four-wide code (no FMA in the AVX2 build). Writes up to max_count
// outputs and returns how many; floor_index and remainder move on with them.
SAMPLEMIND_CLONES("avx2", "default")
std::size_t polyphase_outputs(const PolyphaseWalk& w, std::int64_t& floor_index, std::uint64_t& remainder,
                              std::size_t max_count, float* y) {
  std::size_t n = 0;
  for (; n < max_count; ++n) {
    std::int64_t centre = floor_index;
    auto phase = w.exact_phases ? remainder : (remainder * w.phases + w.out_step / 2) / w.out_step;
    if (phase == w.phases) {
      phase = 0;
      ++centre;
    }
    if (centre + w.half_taps + w.padding >= w.available_end) break;
    const float* x = w.history + (centre - w.half_taps + 1 - w.base);
    const float* h = w.bank + static_cast<std::size_t>(phase) * w.taps;
    Floats8 acc{};
    for (std::size_t t = 0; t < w.taps; t += 8) {
      Floats8 xv, hv;
      load8(x + t, xv);
      load8(h + t, hv);
      acc += xv * hv;
    }
    const Floats4 partial = Floats4{acc[0], acc[1], acc[2], acc[3]} + Floats4{acc[4], acc[5], acc[6], acc[7]};
    y[n] = (partial[0] + partial[1]) + (partial[2] + partial[3]);
    floor_index += w.whole_step;
    remainder += w.fraction_step;
    if (remainder >= w.out_step) {
      remainder -= w.out_step;
      ++floor_index;
    }
  }
  return n;
}
}  // namespace

void Resampler::produce(std::vector<float>& out, std::uint64_t limit) {
  if (output_step_ == 1 && phases_ == 1) {
    produce_integer_ratio(out, limit);
    return;
  }
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
  // At most as many outputs as the input reaches (the loop below stops at the exact one).
  const auto reach = static_cast<std::uint64_t>(std::max<std::int64_t>(0, available_end - floor_index)) * out_step / in_step + 2;
  const std::size_t start = out.size();
  out.resize(start + static_cast<std::size_t>(std::min(limit - std::min(limit, produced_), reach)));
  const PolyphaseWalk walk{history_.data(), base_, available_end, bank_->data(), taps, half_taps_, padding,
                           out_step, static_cast<std::uint64_t>(phases_), exact_phases, whole_step, fraction_step};
  const std::size_t count = polyphase_outputs(walk, floor_index, remainder, out.size() - start, out.data() + start);
  out.resize(start + count);
  produced_ += count;
  drop_consumed_input();
}

namespace {
// Eight consecutive outputs of whole-ratio planes: output n + i sums h[t] * plane[t][n + i]
// over the taps in tap order, so every output is the same float sum however many are done
// at once. Thirty-two at a time keep four sums in flight (eight waited on their additions);
// the AVX2 build without FMA rounds exactly as the SSE2 one. Returns how many it wrote.
SAMPLEMIND_CLONES("avx2", "default")
std::size_t integer_ratio_outputs(const float* planes, const std::size_t* offsets, const float* h, std::size_t taps,
                                  std::size_t count, float* y) {
  std::size_t n = 0;
  for (; n + 32 <= count; n += 32) {
    Floats8 a{}, b{}, c{}, d{};
    for (std::size_t t = 0; t < taps; ++t) {
      const float* x = planes + offsets[t] + n;
      Floats8 xa, xb, xc, xd;
      load8(x, xa);
      load8(x + 8, xb);
      load8(x + 16, xc);
      load8(x + 24, xd);
      a += h[t] * xa;
      b += h[t] * xb;
      c += h[t] * xc;
      d += h[t] * xd;
    }
    store8(y + n, a);
    store8(y + n + 8, b);
    store8(y + n + 16, c);
    store8(y + n + 24, d);
  }
  for (; n + 8 <= count; n += 8) {
    Floats8 acc{};
    for (std::size_t t = 0; t < taps; ++t) {
      Floats8 x;
      load8(planes + offsets[t] + n, x);
      acc += h[t] * x;
    }
    store8(y + n, acc);
  }
  return n;
}
}  // namespace

void Resampler::produce_integer_ratio(std::vector<float>& out, std::uint64_t limit) {
  const auto ratio = static_cast<std::int64_t>(input_step_);
  const auto taps = static_cast<std::size_t>(2 * half_taps_);
  const auto size = static_cast<std::int64_t>(history_.size());
  // Output n reads history_[first + ratio * (n - produced_) + t] for t in [0, taps).
  const std::int64_t first = static_cast<std::int64_t>(produced_) * ratio - half_taps_ + 1 - base_;
  const std::int64_t spare = size - first - static_cast<std::int64_t>(taps);
  if (first < 0 || spare < 0 || produced_ >= limit) return;
  const auto count = static_cast<std::size_t>(std::min<std::uint64_t>(static_cast<std::uint64_t>(spare / ratio + 1), limit - produced_));
  // Plane p holds history_[first + p + ratio * i], so each tap reads consecutive floats of one plane.
  // Every float a tap reads below is written first (its history index stays under size), so the
  // planes are not cleared: clearing them was a tenth of the resampler's time.
  const auto plane_length = static_cast<std::size_t>((size - first) / ratio + 1);
  planes_.resize(static_cast<std::size_t>(ratio) * plane_length);
  for (std::int64_t p = 0; p < ratio; ++p) {
    float* plane = planes_.data() + static_cast<std::size_t>(p) * plane_length;
    for (std::int64_t i = first + p, k = 0; i < size; i += ratio, ++k) plane[k] = history_[static_cast<std::size_t>(i)];
  }
  tap_offsets_.resize(taps);
  for (std::size_t t = 0; t < taps; ++t) {
    tap_offsets_[t] = (t % static_cast<std::size_t>(ratio)) * plane_length + t / static_cast<std::size_t>(ratio);
  }
  const float* h = bank_->data();
  const std::size_t* offsets = tap_offsets_.data();
  const std::size_t start = out.size();
  out.resize(start + count);
  float* y = out.data() + start;
  std::size_t n = integer_ratio_outputs(planes_.data(), offsets, h, taps, count, y);
  for (; n < count; ++n) {
    float acc = 0.0f;
    for (std::size_t t = 0; t < taps; ++t) acc += h[t] * planes_[offsets[t] + n];
    y[n] = acc;
  }
  produced_ += count;
  drop_consumed_input();
}

// Drops input no future output can reach.
void Resampler::drop_consumed_input() {
  const auto next_first = static_cast<std::int64_t>(produced_ * static_cast<std::uint64_t>(input_step_) /
                                                    static_cast<std::uint64_t>(output_step_)) - half_taps_;
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
