// Envelope points every 100 Hz, each a power-weighted mean of the spectrum over an
// asymmetric window (wider above than below, as harmonics spread upward), so the envelope
// rides on the loudest partials near each point rather than on the noise between them.
#include "audio/spectral_whitening.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "audio/float_vectors.hpp"

namespace samplemind::audio {

namespace {
constexpr double k_envelope_step_hz = 100.0;
constexpr double k_envelope_reach = 1.2;        // envelope points up to 1.2 x the top peak frequency
constexpr double k_window_min_hz = 50.0;
constexpr double k_window_below = 0.34;         // window: f - max(50 Hz, 0.34 f) ..
constexpr double k_window_above = 0.58;         //         f + max(50 Hz, 0.58 f)
constexpr double k_floor_db = 30.0;             // peaks further below the envelope are dropped
constexpr double k_tilt_db_per_hz = 20.0 / 4000.0;
constexpr double k_tiny_power = 1e-30;

// Sums of power x weight and of weight over bins [begin, end), weight = shape^4 x power
// with shape a triangle peaking at the window's centre: loud bins dominate. Eight bins at a
// time; built for AVX2 too (the windows overlap, so this is most of the whitening's cost).
SAMPLEMIND_CLONES("avx2", "default") void window_sums(const float* power, long begin, long end, double& weighted_sum, double& weight_sum) {
  const Floats8 lane_offsets = {0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f};
  const auto centre = static_cast<float>(0.5 * static_cast<double>(begin + end));
  const float inverse_half = 1.0f / (static_cast<float>(end) - centre);
  Floats8 weighted{}, weights{};
  long i = begin;
  for (; i + 8 <= end; i += 8) {
    Floats8 distance = static_cast<float>(i) + lane_offsets - centre;
    clear_sign8(distance);
    const Floats8 shape = 1.0f - distance * inverse_half;
    Floats8 p;
    load8(power + i, p);
    const Floats8 weight = shape * shape * shape * shape * p;
    weighted += p * weight;
    weights += weight;
  }
  for (int lane = 0; lane < 8; ++lane) {
    weighted_sum += weighted[lane];
    weight_sum += weights[lane];
  }
  for (; i < end; ++i) {
    const double shape = 1.0 - std::abs(static_cast<double>(i) - centre) * inverse_half;
    const double p = power[i];
    const double weight = shape * shape * shape * shape * p;
    weighted_sum += p * weight;
    weight_sum += weight;
  }
}

// Envelope level (dB of power) at each multiple of the step up to top_hz. The power is
// scaled to its maximum (float range); window_sums does the per-window work.
std::vector<double> envelope_db(std::span<const float> magnitude, double bin_hz, double top_hz) {
  std::vector<double> levels;
  const auto bins = static_cast<long>(magnitude.size());
  const long reach = std::min(bins, static_cast<long>((top_hz + std::max(k_window_min_hz, top_hz * k_window_above)) / bin_hz) + 2);
  // Vector maxima: one running std::max was a chain through memory that took half of the
  // whitening's time.
  const float loudest = peak_magnitude(magnitude.data(), static_cast<std::size_t>(reach));
  if (!(loudest > 0.0f)) return levels;
  std::vector<float> power(static_cast<std::size_t>(reach) + 8, 0.0f);
  const float scale = 1.0f / loudest;
  for (long i = 0; i < reach; ++i) {
    const float m = magnitude[static_cast<std::size_t>(i)] * scale;
    power[static_cast<std::size_t>(i)] = m * m;
  }
  for (double f = 0.0; f <= top_hz; f += k_envelope_step_hz) {
    const double low_hz = f - std::max(k_window_min_hz, f * k_window_below);
    const double high_hz = f + std::max(k_window_min_hz, f * k_window_above);
    const long begin = std::clamp(std::lround(low_hz / bin_hz), 0L, reach - 1);
    const long end = std::clamp(std::lround(high_hz / bin_hz), begin + 1, reach);
    double weighted_sum = 0.0, weight_sum = 0.0;
    window_sums(power.data(), begin, end, weighted_sum, weight_sum);
    const double mean = weight_sum > 0.0 ? weighted_sum / weight_sum : 0.0;
    levels.push_back(10.0 * std::log10(std::max(mean, k_tiny_power)) + 20.0 * std::log10(loudest));
  }
  return levels;
}

}  // namespace

void whiten_peaks(std::span<const float> magnitude, double bin_hz, double max_hz, std::vector<SpectralPeak>& peaks) {
  if (peaks.empty() || magnitude.size() < 2 || !(bin_hz > 0.0)) return;
  const double nyquist = bin_hz * static_cast<double>(magnitude.size() - 1);
  // Only the envelope points either side of the highest peak are read: stop there (the
  // widest windows are the last ones).
  double highest = 0.0;
  for (const SpectralPeak& peak : peaks) highest = std::max(highest, peak.hz);
  const double needed_hz = (std::floor(highest / k_envelope_step_hz) + 2.0) * k_envelope_step_hz;
  const std::vector<double> levels =
      envelope_db(magnitude, bin_hz, std::min({max_hz * k_envelope_reach, nyquist, needed_hz}));
  if (levels.size() < 2) return;
  for (SpectralPeak& peak : peaks) {
    // Linear interpolation between the envelope points either side of the peak.
    const double x = std::max(0.0, peak.hz / k_envelope_step_hz);
    const auto below = std::min(static_cast<std::size_t>(x), levels.size() - 2);
    const double t = std::clamp(x - static_cast<double>(below), 0.0, 1.0);
    const double envelope = levels[below] + t * (levels[below + 1] - levels[below]);
    const double level = 20.0 * std::log10(std::max(peak.weight, 1e-15));
    if (level < envelope - k_floor_db) {
      peak.weight = 0.0;
      continue;
    }
    const double relative = std::min(0.0, level - envelope) - k_tilt_db_per_hz * peak.hz;
    peak.weight = std::pow(10.0, relative / 20.0);
  }
}

}  // namespace samplemind::audio
