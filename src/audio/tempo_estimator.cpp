// Onset-strength autocorrelation with a comb over beat multiples, an octave choice
// weighted by a tempo prior, then a snap to the nearest whole-beat loop length.
#include "audio/tempo_estimator.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

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
constexpr double k_offbeat_beat_ratio = 0.4;     // off-beats this strong are beats too
constexpr double k_min_level_bpm = 60.0;
constexpr double k_tatum_ratio = 0.12;           // 32nd-note pulses this strong: go faster

// Onset strength: the three bands at equal weight, detrended and half-wave rectified.
std::vector<float> onset_strength(const OnsetEnvelopes& env) {
  const std::size_t n = env.flux_low.size();
  std::vector<float> strength(n, 0.0f);
  const std::vector<float>* bands[] = {&env.flux_low, &env.flux_mid, &env.flux_high};
  for (const auto* band : bands) {
    const double mean = std::accumulate(band->begin(), band->end(), 0.0) / std::max<std::size_t>(1, n);
    if (mean <= 1e-9) continue;
    for (std::size_t i = 0; i < n; ++i) strength[i] += static_cast<float>((*band)[i] / mean);
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
    for (std::size_t i = 0; i < n; ++i) sum += static_cast<double>(x[i]) * x[(i + lag) % n];
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

// Mean onset strength at beats of the given period and phase (frames), allowing a frame of slack.
double pulse_strength(const std::vector<float>& s, double period, double phase) {
  double sum = 0.0;
  int count = 0;
  for (double t = phase; t + 1.0 < static_cast<double>(s.size()); t += period) {
    const auto i = static_cast<std::size_t>(std::lround(t));
    const std::size_t lo = i > 0 ? i - 1 : 0;
    sum += std::max({s[lo], s[i], s[std::min(s.size() - 1, i + 1)]});
    ++count;
  }
  return count > 0 ? sum / count : 0.0;
}

struct BeatGrid {
  double beat = 0.0;    // strength on the beats (best phase)
  double half = 0.0;    // on the off-beats (1/2)
  double eighth = 0.0;  // on the odd eighths of a beat (1/8, 3/8, ...): finer than 16ths
};

// Onset strength on the beats and on their subdivisions, at the best beat phase.
BeatGrid beat_grid(const std::vector<float>& s, double period) {
  double best = 0.0, best_phase = 0.0;
  for (double phase = 0.0; phase < period; phase += 1.0) {
    const double strength = pulse_strength(s, period, phase);
    if (strength > best) {
      best = strength;
      best_phase = phase;
    }
  }
  BeatGrid grid;
  grid.beat = best;
  grid.half = pulse_strength(s, period, best_phase + period / 2.0);
  for (int k : {1, 3, 5, 7}) grid.eighth = std::max(grid.eighth, pulse_strength(s, period, best_phase + period * k / 8.0));
  return grid;
}

// Metrical level: start from the slowest octave candidate and go twice as fast while
// the off-beats are nearly as strong as the beats (they are beats, then).
double choose_metrical_level(const std::vector<float>& s, double frame_rate_hz, double bpm) {
  while (bpm / 2.0 >= k_min_bpm) bpm /= 2.0;
  while (bpm * 2.0 <= k_max_bpm) {
    const BeatGrid grid = beat_grid(s, 60.0 * frame_rate_hz / bpm);
    // Pulses finer than sixteenths mean the beat is faster than this level.
    const bool too_fine = grid.beat > 0.0 && grid.eighth > k_tatum_ratio * grid.beat;
    const bool offbeats_are_beats = grid.beat > 0.0 && grid.half > k_offbeat_beat_ratio * grid.beat;
    if (bpm >= k_min_level_bpm && !too_fine && !offbeats_are_beats) break;
    bpm *= 2.0;
  }
  return bpm;
}

double tempo_prior(double bpm) {
  const double octaves = std::log2(bpm / k_prior_centre_bpm) / k_prior_width_octaves;
  return std::exp(-0.5 * octaves * octaves);
}

}  // namespace

TempoEstimate estimate_tempo(const OnsetEnvelopes& envelopes, double duration_s) {
  TempoEstimate estimate;
  const double fr = envelopes.frame_rate_hz;
  const std::vector<float> strength = onset_strength(envelopes);
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

  best_bpm = choose_metrical_level(strength, fr, best_bpm);

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
