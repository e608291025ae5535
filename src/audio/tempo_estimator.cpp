// Onset-strength autocorrelation with a comb over beat multiples, an octave choice
// weighted by a tempo prior, then a snap to the nearest whole-beat loop length.
#include "audio/tempo_estimator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

#include "audio/metrical_level.hpp"

namespace samplemind::audio {

namespace {
constexpr double k_min_bpm = 50.0;
constexpr double k_max_bpm = 210.0;
constexpr double k_grid_step_bpm = 0.25;
constexpr double k_prior_centre_bpm = 120.0;
constexpr double k_prior_width_octaves = 0.9;
constexpr double k_local_mean_s = 0.35;          // detrending window of the onset strength
constexpr double k_min_periodicity = 0.10;       // below this there is no steady pulse
constexpr int k_min_onsets = 3;
constexpr double k_loop_tolerance = 0.04;        // relative distance to a whole-beat tempo
constexpr double k_integer_snap_bpm = 0.05;
constexpr double k_beats_per_bar = 4.0;
constexpr double k_bar_fit_tolerance = 0.03;     // relative, for the whole-bar test
constexpr double k_rescue_ratios[] = {1.5, 2.0 / 3.0, 4.0 / 3.0, 0.75, 3.0, 1.0 / 3.0};
constexpr double k_rescue_min_ratio = 0.5;       // of the winner's periodicity

// Onset strength: the bands (low, mid, high) with the given weights, each divided by
// its mean, detrended and half-wave rectified.
std::vector<float> onset_strength(const OnsetEnvelopes& env, std::array<float, 3> band_weights) {
  const std::size_t n = env.flux_low.size();
  std::vector<float> strength(n, 0.0f);
  const std::vector<float>* bands[] = {&env.flux_low, &env.flux_mid, &env.flux_high};
  for (std::size_t b = 0; b < 3; ++b) {
    const auto* band = bands[b];
    const double mean = std::accumulate(band->begin(), band->end(), 0.0) / std::max<std::size_t>(1, n);
    if (mean <= 1e-9 || band_weights[b] == 0.0f) continue;
    for (std::size_t i = 0; i < n; ++i) strength[i] += static_cast<float>(band_weights[b] * (*band)[i] / mean);
  }
  const auto half = static_cast<std::ptrdiff_t>(k_local_mean_s * env.frame_rate_hz / 2);
  std::vector<double> prefix(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + strength[i];
  std::vector<float> detrended(n);
  for (std::ptrdiff_t i = 0; i < static_cast<std::ptrdiff_t>(n); ++i) {
    const auto lo = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, i - half));
    const auto hi = static_cast<std::size_t>(std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(n), i + half + 1));
    const double local = (prefix[hi] - prefix[lo]) / static_cast<double>(hi - lo);
    detrended[static_cast<std::size_t>(i)] = std::max(0.0f, strength[static_cast<std::size_t>(i)] - static_cast<float>(local));
  }
  return detrended;
}

// Counts clear peaks of the onset strength (local maxima above a fraction of the max).
int count_onsets(const std::vector<float>& strength, double frame_rate_hz) {
  if (strength.empty()) return 0;
  const float peak = *std::max_element(strength.begin(), strength.end());
  if (peak <= 1e-6f) return 0;
  const auto gap = static_cast<std::ptrdiff_t>(0.06 * frame_rate_hz);
  int count = 0;
  std::ptrdiff_t last = -gap - 1;
  for (std::ptrdiff_t i = 1; i + 1 < static_cast<std::ptrdiff_t>(strength.size()); ++i) {
    const float v = strength[static_cast<std::size_t>(i)];
    if (v > 0.2f * peak && v >= strength[static_cast<std::size_t>(i - 1)] &&
        v > strength[static_cast<std::size_t>(i + 1)] && i - last > gap) {
      ++count;
      last = i;
    }
  }
  return count;
}

// Autocorrelation normalised by lag 0, for lags 0..max_lag (circular when the file is a loop).
std::vector<double> autocorrelation(const std::vector<float>& x, std::size_t max_lag) {
  const std::size_t n = x.size();
  std::vector<double> acf(max_lag + 1, 0.0);
  double energy = 0.0;
  for (float v : x) energy += static_cast<double>(v) * v;
  if (energy <= 1e-12) return acf;
  for (std::size_t lag = 0; lag <= max_lag && lag < n; ++lag) {
    double sum = 0.0;
    for (std::size_t i = 0; i + lag < n; ++i) sum += static_cast<double>(x[i]) * x[i + lag];
    for (std::size_t i = n - lag; i < n; ++i) sum += static_cast<double>(x[i]) * x[i + lag - n];
    acf[lag] = sum / energy;
  }
  return acf;
}

double acf_at(const std::vector<double>& acf, double lag) {
  if (lag < 0.0 || lag + 1.0 >= static_cast<double>(acf.size())) return 0.0;
  const auto i = static_cast<std::size_t>(lag);
  const double frac = lag - static_cast<double>(i);
  // Allow a frame of slack: take the best of the neighbourhood.
  const double centre = acf[i] + frac * (acf[i + 1] - acf[i]);
  const double left = i > 0 ? acf[i - 1] : centre;
  const double right = i + 2 < acf.size() ? acf[i + 2] : centre;
  return std::max({centre, 0.5 * (centre + left), 0.5 * (centre + right)});
}

// Periodicity of a tempo: the autocorrelation at 1..4 beat periods.
double comb_score(const std::vector<double>& acf, double frame_rate_hz, double bpm) {
  const double period = 60.0 * frame_rate_hz / bpm;
  constexpr double weights[] = {1.0, 0.8, 0.6, 0.5};
  double score = 0.0, total = 0.0;
  for (int k = 1; k <= 4; ++k) {
    const double lag = period * k;
    if (lag + 2.0 >= static_cast<double>(acf.size())) break;
    score += weights[k - 1] * acf_at(acf, lag);
    total += weights[k - 1];
  }
  return total > 0.0 ? score / total : 0.0;
}

// True when the file is a whole number (>= 1) of 4-beat bars at bpm, within tolerance.
bool fits_whole_bars(double bpm, double duration_s) {
  const double beats = duration_s * bpm / 60.0;
  const double bars = std::round(beats / k_beats_per_bar);
  return bars >= 1.0 && std::abs(beats - k_beats_per_bar * bars) <= k_bar_fit_tolerance * beats;
}

// True when some octave of bpm inside the tempo range is a whole number of bars.
bool octave_fits_whole_bars(double bpm, double duration_s) {
  while (bpm / 2.0 >= k_min_bpm) bpm /= 2.0;
  for (; bpm <= k_max_bpm; bpm *= 2.0) {
    if (fits_whole_bars(bpm, duration_s)) return true;
  }
  return false;
}

double tempo_prior(double bpm) {
  const double octaves = std::log2(bpm / k_prior_centre_bpm) / k_prior_width_octaves;
  return std::exp(-0.5 * octaves * octaves);
}

}  // namespace

TempoEstimate estimate_tempo(const OnsetEnvelopes& envelopes, double duration_s) {
  TempoEstimate estimate;
  const double fr = envelopes.frame_rate_hz;
  const std::vector<float> strength = onset_strength(envelopes, {1.0f, 1.0f, 1.0f});
  if (strength.size() < 8 || duration_s < 0.5) return estimate;
  if (count_onsets(strength, fr) < k_min_onsets) return estimate;

  const auto max_lag = std::min(strength.size() - 1,
                                static_cast<std::size_t>(4.0 * 60.0 * fr / k_min_bpm) + 4);
  const std::vector<double> acf = autocorrelation(strength, max_lag);

  // Best tempo on a grid, weighted by the prior.
  double best_bpm = 0.0, best_score = -1.0, best_raw = 0.0;
  for (double bpm = k_min_bpm; bpm <= k_max_bpm; bpm += k_grid_step_bpm) {
    const double raw = comb_score(acf, fr, bpm);
    const double score = raw * tempo_prior(bpm);
    if (score > best_score) {
      best_score = score;
      best_bpm = bpm;
      best_raw = raw;
    }
  }
  if (best_raw < k_min_periodicity) return estimate;

  // Loops are whole bars: when no octave of the winner fits the duration, a 3:2, 4:3 or
  // 3:1 relative that does (with a comparable periodicity) is the better family.
  if (!octave_fits_whole_bars(best_bpm, duration_s)) {
    double rescue_score = -1.0;
    for (double ratio : k_rescue_ratios) {
      for (double candidate = best_bpm * ratio; candidate <= k_max_bpm; candidate *= 2.0) {
        if (candidate < k_min_bpm || !fits_whole_bars(candidate, duration_s)) continue;
        const double raw = comb_score(acf, fr, candidate);
        const double score = raw * tempo_prior(candidate);
        if (raw >= k_rescue_min_ratio * best_raw && score > rescue_score) {
          rescue_score = score;
          best_bpm = candidate;
        }
      }
    }
  }

  const std::vector<float> low = onset_strength(envelopes, {1.0f, 0.0f, 0.0f});
  const std::vector<float> mid = onset_strength(envelopes, {0.0f, 1.0f, 0.0f});
  const std::vector<float> high = onset_strength(envelopes, {0.0f, 0.0f, 1.0f});
  best_bpm = choose_metrical_level({low, mid, high, fr}, best_bpm, duration_s, k_min_bpm, k_max_bpm);

  // Loop-length fit: a whole number of beats close to the periodicity estimate.
  double bpm = best_bpm;
  const double beats = duration_s * best_bpm / 60.0;
  double best_fit_score = -1.0;
  for (long count = std::max(1L, std::lround(beats * (1 - k_loop_tolerance)));
       count <= std::lround(beats * (1 + k_loop_tolerance)) + 1; ++count) {
    const double candidate = 60.0 * static_cast<double>(count) / duration_s;
    if (std::abs(candidate - best_bpm) > k_loop_tolerance * best_bpm) continue;
    const double bar_bonus = count % 4 == 0 ? 1.1 : 1.0;
    const double fit_score = comb_score(acf, fr, candidate) * bar_bonus;
    if (fit_score > best_fit_score) {
      best_fit_score = fit_score;
      bpm = candidate;
      estimate.fits_loop = true;
    }
  }
  if (estimate.fits_loop && std::abs(bpm - std::round(bpm)) < k_integer_snap_bpm * 10) bpm = std::round(bpm);
  estimate.bpm = bpm;
  estimate.confidence = std::clamp(best_raw * (estimate.fits_loop ? 1.5 : 1.0), 0.0, 1.0);
  return estimate;
}

}  // namespace samplemind::audio
