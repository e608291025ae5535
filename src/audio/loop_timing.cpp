#include "audio/loop_timing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "audio/float_vectors.hpp"

namespace samplemind::audio {

namespace {
constexpr float k_sound_ratio = 0.00316f;  // -50 dB of the loudest sample
constexpr float k_digital_silence = 1e-4f;  // -80 dBFS: zeros, or a 16-bit export's dither (a few LSB)
constexpr double k_max_lead_in_s = 0.5;

constexpr double k_onset_fit_slack = 0.2;         // of an eighth: onsets further off the grid are left out
constexpr int k_min_fit_onsets = 3;
constexpr double k_min_fit_eighths = 4.0;         // the onsets used span two beats at least
constexpr double k_max_onset_fit_change = 0.06;   // a loop cut up to 5% short

// The eighth-note length (as a tempo) that best explains the onsets up to until_s.
std::optional<double> eighth_fit(const std::vector<double>& onset_times_s, double bpm, double until_s) {
  const double eighth = 30.0 / bpm;
  double sum_n = 0.0, sum_t = 0.0, sum_nn = 0.0, sum_nt = 0.0, first = 0.0, last = 0.0;
  int count = 0;
  for (const double t : onset_times_s) {
    if (t > until_s) break;
    const double n = std::round(t / eighth);
    if (std::abs(t - n * eighth) > k_onset_fit_slack * eighth) continue;
    if (count == 0) first = n;
    last = n;
    sum_n += n, sum_t += t, sum_nn += n * n, sum_nt += n * t;
    ++count;
  }
  const double spread = count * sum_nn - sum_n * sum_n;
  if (count < k_min_fit_onsets || last - first < k_min_fit_eighths || spread <= 0.0) return std::nullopt;
  const double slope = (count * sum_nt - sum_n * sum_t) / spread;
  if (!(slope > 0.0) || !std::isfinite(slope)) return std::nullopt;
  return 30.0 / slope;
}

// values[first, first + count), clipped to the vector.
std::vector<float> slice(const std::vector<float>& values, std::size_t first, std::size_t count) {
  const std::size_t begin = std::min(first, values.size());
  const std::size_t end = begin + std::min(count, values.size() - begin);
  return {values.begin() + static_cast<std::ptrdiff_t>(begin), values.begin() + static_cast<std::ptrdiff_t>(end)};
}

std::size_t whole_hops(double seconds, double frame_rate_hz) {
  return static_cast<std::size_t>(std::max(0L, std::lround(seconds * frame_rate_hz)));
}
}  // namespace

double leading_silence_s(std::span<const float> samples, int rate_hz) {
  if (samples.empty() || rate_hz <= 0) return 0.0;
  const float loudest = peak_magnitude(samples.data(), samples.size());
  if (!(loudest > 0.0f)) return 0.0;
  const auto first = std::find_if(samples.begin(), samples.end(), [&](float v) { return std::abs(v) > k_sound_ratio * loudest; });
  const double lead = static_cast<double>(first - samples.begin()) / rate_hz;
  return lead <= k_max_lead_in_s ? lead : 0.0;
}

OnsetEnvelopes envelope_window(const OnsetEnvelopes& envelopes, double start_s, double length_s) {
  const std::size_t first = whole_hops(start_s, envelopes.frame_rate_hz);
  const std::size_t count =
      std::isfinite(length_s) ? whole_hops(length_s, envelopes.frame_rate_hz) : std::numeric_limits<std::size_t>::max();
  OnsetEnvelopes out;
  out.frame_rate_hz = envelopes.frame_rate_hz;
  out.flux_low = slice(envelopes.flux_low, first, count);
  out.flux_mid = slice(envelopes.flux_mid, first, count);
  out.flux_high = slice(envelopes.flux_high, first, count);
  out.frame_rms = slice(envelopes.frame_rms, first, count);
  return out;
}

std::ptrdiff_t last_sounding_index(std::span<const float> samples) {
  for (auto i = static_cast<std::ptrdiff_t>(samples.size()) - 1; i >= 0; --i) {
    if (std::abs(samples[static_cast<std::size_t>(i)]) > k_digital_silence) return i;
  }
  return -1;
}

double tempo_from_onsets(const std::vector<double>& onset_times_s, double bpm) {
  if (!(bpm > 0.0) || !std::isfinite(bpm)) return bpm;
  double fitted = bpm;
  if (const auto first_bar = eighth_fit(onset_times_s, fitted, 4.0 * 60.0 / bpm)) fitted = *first_bar;
  if (const auto whole = eighth_fit(onset_times_s, fitted, HUGE_VAL)) fitted = *whole;
  return std::abs(fitted / bpm - 1.0) <= k_max_onset_fit_change ? fitted : bpm;
}

}  // namespace samplemind::audio
