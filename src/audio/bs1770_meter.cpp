// BS.1770-4 integrated loudness without libebur128 in the hot path. libebur128 runs its
// 4th-order K-filter per sample through state arrays in memory and strides over the
// interleaved channels, and cost 1.5x a whole decode on the benchmark corpus; here the
// same filter (as two biquads in double precision) keeps its history in local
// variables and filters two channels per pass. tests/unit/test_bs1770_meter.cpp holds
// it to libebur128's answers.
#include "audio/bs1770_meter.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <type_traits>

#include "audio/float_vectors.hpp"

namespace samplemind::audio {

namespace {
constexpr double k_offset_db = -0.691;                // BS.1770 loudness offset
constexpr double k_absolute_gate_lufs = -70.0;
constexpr double k_relative_gate_factor = 0.1;        // -10 LU as an energy ratio
constexpr double k_surround_weight = 1.41;            // BS.1770 G for the surround channels
constexpr double k_flush_threshold = 1e-20;           // filter history below this is zeroed (no denormals)

double energy_to_lufs(double energy) { return k_offset_db + 10.0 * std::log10(energy); }

inline void flush_tiny(double& v) {
  if (std::abs(v) < k_flush_threshold) v = 0.0;
}

// Two channels' values in one SSE2 register; one channel is a plain double (measured
// faster alone than half a register).
using Pair = double __attribute__((vector_size(16)));
template <class V>
double get(const V& v, int lane) {
  if constexpr (std::is_same_v<V, double>) return v; else return v[lane];
}
template <class V>
void set(V& v, int lane, double value) {
  if constexpr (std::is_same_v<V, double>) v = value; else v[lane] = value;
}

struct KFilter {
  double b0, b1, b2, a1, a2;  // pre-filter shelf
  double ha1, ha2;            // RLB high-pass (numerator 1, -2, 1)
};

// The per-sample recursion over count frames; history is x1, x2, y1, y2, z1, z2.
template <class Vec, int Lanes>
inline __attribute__((always_inline)) void run_k_filter(const float* frames, std::size_t count, std::size_t stride,
                                                        const std::size_t* offset, const KFilter& k, Vec* history,
                                                        Vec& energy) {
  Vec x1 = history[0], x2 = history[1], y1 = history[2], y2 = history[3], z1 = history[4], z2 = history[5];
  for (std::size_t n = 0; n < count; ++n) {
    const float* frame = frames + n * stride;
    Vec x{};
    for (int l = 0; l < Lanes; ++l) set(x, l, frame[offset[l]]);
    // The feedback product is added last, so the loop-carried chain is one multiply and one add.
    const Vec y = (k.b0 * x + k.b1 * x1 + k.b2 * x2 - k.a2 * y2) - k.a1 * y1;
    const Vec z = ((y - 2.0 * y1 + y2) - k.ha2 * z2) - k.ha1 * z1;
    x2 = x1, x1 = x;
    y2 = y1, y1 = y;
    z2 = z1, z1 = z;
    energy += z * z;
  }
  history[0] = x1, history[1] = x2, history[2] = y1, history[3] = y2, history[4] = z1, history[5] = z2;
}

// One and two channels, each built twice: with fused multiply-adds where the CPU has them
// (one rounding per multiply-add, ~1e-16 relative), chosen once at load time.
SAMPLEMIND_CLONES("fma", "default") void filter_one(const float* frames, std::size_t count, std::size_t stride,
                                                                  const std::size_t* offset, const KFilter& k,
                                                                  double* history, double& energy) {
  run_k_filter<double, 1>(frames, count, stride, offset, k, history, energy);
}
SAMPLEMIND_CLONES("fma", "default") void filter_two(const float* frames, std::size_t count, std::size_t stride,
                                                                  const std::size_t* offset, const KFilter& k,
                                                                  Pair* history, Pair& energy) {
  run_k_filter<Pair, 2>(frames, count, stride, offset, k, history, energy);
}
}  // namespace

// libebur128's default channel map: L, R, C, (LFE unused), Ls, Rs; 4 channels are
// L, R, Ls, Rs and 5 are L, R, C, Ls, Rs; a 7th channel and beyond are not measured.
double Bs1770Meter::channel_weight(int channel, int channels) {
  if (channels == 4) return channel >= 2 ? k_surround_weight : 1.0;
  if (channels == 5) return channel >= 3 ? k_surround_weight : 1.0;
  if (channel <= 2) return 1.0;
  if (channel == 4 || channel == 5) return k_surround_weight;
  return 0.0;
}

Bs1770Meter::Bs1770Meter(int sample_rate, int channels)
    : channels_(std::max(1, channels)),
      state_(static_cast<std::size_t>(channels_)),
      subblock_energy_(static_cast<std::size_t>(channels_), 0.0) {
  const double rate = std::max(1, sample_rate);
  // Pre-filter: high shelf (head acoustics), the constants of libebur128's ebur128_init_filter.
  {
    const double f0 = 1681.974450955533, gain_db = 3.999843853973347, q = 0.7071752369554196;
    const double k = std::tan(std::numbers::pi * f0 / rate);
    const double vh = std::pow(10.0, gain_db / 20.0);
    const double vb = std::pow(vh, 0.4996667741545416);
    const double a0 = 1.0 + k / q + k * k;
    shelf_ = {(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
              2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
  }
  // RLB weighting: second-order high-pass; its numerator is 1, -2, 1 as in BS.1770.
  {
    const double f0 = 38.13547087602444, q = 0.5003270373238773;
    const double k = std::tan(std::numbers::pi * f0 / rate);
    const double a0 = 1.0 + k / q + k * k;
    high_pass_ = {1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
  }
  for (int c = 0; c < channels_; ++c) {
    weights_.push_back(channel_weight(c, channels_));
    if (weights_.back() > 0.0) active_.push_back(c);
  }
  // At least one frame: a 100 ms sub-block of nothing would never fill (a hang below 5 Hz).
  subblock_frames_ = std::max<std::size_t>(1, static_cast<std::size_t>((std::max(1, sample_rate) + 5) / 10));
}

void Bs1770Meter::push(std::span<const float> interleaved) {
  const auto stride = static_cast<std::size_t>(channels_);
  std::size_t frames = interleaved.size() / stride;
  const float* data = interleaved.data();
  while (frames > 0) {
    const std::size_t take = std::min(frames, subblock_frames_ - subblock_filled_);
    filter_segment(data, take);
    subblock_filled_ += take;
    data += take * stride;
    frames -= take;
    if (subblock_filled_ == subblock_frames_) close_subblock();
  }
}

void Bs1770Meter::filter_segment(const float* frames, std::size_t count) {
  // Two channels per pass: their filter recurrences are independent, so the CPU overlaps them.
  std::size_t i = 0;
  for (; i + 2 <= active_.size(); i += 2) filter_lanes<2>(frames, count, active_.data() + i);
  if (i < active_.size()) filter_lanes<1>(frames, count, active_.data() + i);
}

// Filters Lanes channels (1 or 2) of count frames; two channels share SSE2 registers,
// so they cost about what one does.
template <int Lanes>
void Bs1770Meter::filter_lanes(const float* frames, std::size_t count, const int* lanes) {
  using Vec = std::conditional_t<Lanes == 2, Pair, double>;
  Vec history[6] = {};  // x1, x2, y1, y2, z1, z2
  Vec energy{};
  std::size_t offset[2] = {};
  for (int l = 0; l < Lanes; ++l) {
    const ChannelState& st = state_[static_cast<std::size_t>(lanes[l])];
    const double values[6] = {st.x1, st.x2, st.y1, st.y2, st.z1, st.z2};
    for (int i = 0; i < 6; ++i) set(history[i], l, values[i]);
    offset[l] = static_cast<std::size_t>(lanes[l]);
  }
  const KFilter k{shelf_.b0, shelf_.b1, shelf_.b2, shelf_.a1, shelf_.a2, high_pass_.a1, high_pass_.a2};
  if constexpr (Lanes == 2) {
    filter_two(frames, count, static_cast<std::size_t>(channels_), offset, k, history, energy);
  } else {
    filter_one(frames, count, static_cast<std::size_t>(channels_), offset, k, history, energy);
  }
  for (int l = 0; l < Lanes; ++l) {
    ChannelState& st = state_[static_cast<std::size_t>(lanes[l])];
    st = {get(history[0], l), get(history[1], l), get(history[2], l), get(history[3], l), get(history[4], l), get(history[5], l)};
    for (double* v : {&st.x1, &st.x2, &st.y1, &st.y2, &st.z1, &st.z2}) flush_tiny(*v);
    subblock_energy_[static_cast<std::size_t>(lanes[l])] += get(energy, l);
  }
}

void Bs1770Meter::close_subblock() {
  double sum = 0.0;
  for (const int c : active_) {
    const auto channel = static_cast<std::size_t>(c);
    sum += weights_[channel] * subblock_energy_[channel];
    subblock_energy_[channel] = 0.0;
  }
  last_subblocks_[subblocks_done_ % last_subblocks_.size()] = sum;
  ++subblocks_done_;
  subblock_filled_ = 0;
  if (subblocks_done_ < last_subblocks_.size()) return;
  // A 400 ms block every 100 ms (75% overlap), kept when above the absolute gate.
  const double block = (last_subblocks_[0] + last_subblocks_[1] + last_subblocks_[2] + last_subblocks_[3]) /
                       static_cast<double>(last_subblocks_.size() * subblock_frames_);
  static const double absolute_gate = std::pow(10.0, (k_absolute_gate_lufs - k_offset_db) / 10.0);
  if (block >= absolute_gate) gated_blocks_.push_back(block);
}

double Bs1770Meter::integrated_lufs() const {
  if (gated_blocks_.empty()) return -HUGE_VAL;
  double sum = 0.0;
  for (const double block : gated_blocks_) sum += block;
  const double relative_gate = sum / static_cast<double>(gated_blocks_.size()) * k_relative_gate_factor;
  double kept_sum = 0.0;
  std::size_t kept = 0;
  for (const double block : gated_blocks_) {
    if (block < relative_gate) continue;
    kept_sum += block;
    ++kept;
  }
  if (kept == 0) return -HUGE_VAL;
  return energy_to_lufs(kept_sum / static_cast<double>(kept));
}

}  // namespace samplemind::audio
