// Onset strength, its circular autocorrelation, and the salience of onsets on the beat
// grid of every whole-beat reading of the file. Loops are cut at bar lines, so their
// grid starts at the file's first frame and their length is a whole number of beats.
#include "audio/pulse_evidence.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "audio/float_vectors.hpp"
#include "audio/grid_salience.hpp"
#include "audio/tail_shape.hpp"

namespace samplemind::audio {
namespace {
constexpr double k_local_mean_s = 0.35;        // detrending window of the onset strength
constexpr double k_onset_peak_ratio = 0.2;     // of the strongest peak
constexpr double k_onset_gap_s = 0.06;
constexpr double k_regularity_window_s = 0.035;
constexpr double k_acf_grid_step_bpm = 0.25;
// Stretched readings: loop lengths of 0.80-1.055 x the file's, in steps of 0.5%.
constexpr int k_min_length_scale_steps = -40;  // a tail of up to a quarter of the loop
constexpr int k_max_length_scale_steps = 11;   // a loop cut up to 5% short (1 / 0.95 = 1.0526)
constexpr double k_length_scale_step = 0.005;
constexpr double k_tail_onset_slack_s = 0.03;  // an onset this far into a supposed tail refutes it
constexpr int k_min_stretched_beats = 4;        // a loop cut short or with a tail is a bar at least
constexpr double k_whole_bpm_reach = 0.01;     // whole BPM tried within 1% of the best grid reading
constexpr double k_opening_s = 0.05;           // the frames Opening::capped caps (the first onset's rise)

// The first 50 ms at most as strong as the strongest value after them (Opening::capped).
void cap_opening(std::vector<float>& strength, double frame_rate_hz) {
  const auto opening = static_cast<std::size_t>(std::ceil(k_opening_s * frame_rate_hz));
  if (strength.size() <= opening) return;
  const float later = *std::max_element(strength.begin() + static_cast<std::ptrdiff_t>(opening), strength.end());
  for (std::size_t i = 0; i < opening; ++i) strength[i] = std::min(strength[i], later);
}

std::vector<std::size_t> onset_peaks(const std::vector<float>& strength, double frame_rate_hz) {
  std::vector<std::size_t> peaks;
  if (strength.size() < 3) return peaks;
  const float top = *std::max_element(strength.begin(), strength.end());
  if (top <= 1e-6f) return peaks;
  const auto gap = static_cast<std::ptrdiff_t>(k_onset_gap_s * frame_rate_hz);
  std::ptrdiff_t last = -gap - 1;
  for (std::size_t i = 0; i < strength.size(); ++i) {
    const float v = strength[i];
    const float before = i > 0 ? strength[i - 1] : 0.0f;
    const float after = i + 1 < strength.size() ? strength[i + 1] : 0.0f;
    if (v > k_onset_peak_ratio * top && v >= before && v > after &&
        static_cast<std::ptrdiff_t>(i) - last > gap) {
      peaks.push_back(i);
      last = static_cast<std::ptrdiff_t>(i);
    }
  }
  return peaks;
}

// Circular autocorrelation (a loop wraps around), normalised by lag 0.
std::vector<double> circular_autocorrelation(const std::vector<float>& x, std::size_t max_lag) {
  const std::size_t n = x.size();
  std::vector<double> acf(max_lag + 1, 0.0);
  const double energy = dot_in_double(x.data(), x.data(), n);
  if (energy <= 1e-12) return acf;
  for (std::size_t lag = 0; lag <= max_lag && lag < n; ++lag) {
    // x[i] * x[i + lag], wrapping past the end: the tail of x meets its head.
    const double sum = dot_in_double(x.data(), x.data() + lag, n - lag) + dot_in_double(x.data() + (n - lag), x.data(), lag);
    acf[lag] = sum / energy;
  }
  return acf;
}

double acf_at(const std::vector<double>& acf, double lag) {
  if (lag < 0.0 || lag + 1.0 >= static_cast<double>(acf.size())) return 0.0;
  const auto i = static_cast<std::size_t>(lag);
  const double frac = lag - static_cast<double>(i);
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

double share_on_eighths(const std::vector<std::size_t>& peaks, double period, double frame_rate_hz) {
  if (peaks.empty()) return 0.0;
  const double eighth = period / 2.0;
  const double window = k_regularity_window_s * frame_rate_hz;
  int on = 0;
  for (std::size_t p : peaks) {
    const double phase = std::fmod(static_cast<double>(p), eighth);
    if (std::min(phase, eighth - phase) <= window) ++on;
  }
  return static_cast<double>(on) / static_cast<double>(peaks.size());
}

// One reading: `beats` beats over a loop of scale x the file's frames, at bpm.
// Onset salience over every band, and over the low band alone.
struct Saliences {
  const GridSalience& all;
  const GridSalience& low;
};

// The four grid saliences of a beat period over the first `end` frames (end <= 0: all).
void set_grid_saliences(BeatCandidate& c, const Saliences& salience, double period, double end = -1.0) {
  c.on_beat = salience.all.at_grid(period, 0.0, end);
  c.half_beat = salience.all.at_grid(period, 0.5, end);
  c.quarter_beat = 0.5 * (salience.all.at_grid(period, 0.25, end) + salience.all.at_grid(period, 0.75, end));
  c.low_on_beat = salience.low.at_grid(period, 0.0, end);
  c.low_quarter_beat = 0.5 * (salience.low.at_grid(period, 0.25, end) + salience.low.at_grid(period, 0.75, end));
}

BeatCandidate reading(const std::vector<double>& acf, const Saliences& salience, double frame_rate_hz, int beats,
                      double bpm, double scale, double file_frames) {
  const double loop_frames = file_frames * scale;
  const double period = loop_frames / beats;
  const double end = std::min(loop_frames, file_frames);
  BeatCandidate c;
  c.beats = beats;
  c.bpm = bpm;
  c.length_scale = scale;
  c.periodicity = comb_score(acf, frame_rate_hz, c.bpm);
  set_grid_saliences(c, salience, period, end);
  return c;
}

// The whole-beat readings of loop lengths near the file's: a loop cut a little short, or
// followed by a tail with no onset in it (reverb, a fade, padding). Per beat count, the
// length that scores best on a 0.5% grid, then the best whole BPM within 1% of it: the
// grid alone cannot tell 120 from 121 on a bar, and producers set whole BPM.
void add_stretched_readings(PulseEvidence& evidence, const std::vector<double>& acf, const Saliences& salience,
                            const std::vector<std::size_t>& peaks, double fr, double frames, const TailShape& tail,
                            const std::function<double(const BeatCandidate&)>& score) {
  const double last_onset_s = peaks.empty() ? 0.0 : static_cast<double>(peaks.back()) / fr;
  // A tail holds no onset, and sounds like one (tail_shape.hpp).
  const auto allowed = [&](double scale) {
    return std::abs(scale - 1.0) > 1e-9 && scale >= 1.0 + k_min_length_scale_steps * k_length_scale_step - 1e-9 &&
           scale <= 1.0 + k_max_length_scale_steps * k_length_scale_step + 1e-9 &&
           (scale > 1.0 || (last_onset_s <= evidence.duration_s * scale + k_tail_onset_slack_s && tail.can_follow_loop(scale)));
  };
  for (int beats = k_min_stretched_beats; beats <= k_max_loop_beats; ++beats) {
    bool found = false;
    double best_value = 0.0;
    BeatCandidate best;
    const auto consider = [&](double scale) {
      const double bpm = 60.0 * beats / (evidence.duration_s * scale);
      if (!allowed(scale) || bpm < k_min_tempo_bpm || bpm > k_max_tempo_bpm) return;
      const BeatCandidate c = reading(acf, salience, fr, beats, bpm, scale, frames);
      evidence.stretched_periodicity = std::max(evidence.stretched_periodicity, c.periodicity);
      evidence.stretched_on_beat = std::max(evidence.stretched_on_beat, c.on_beat);
      const double value = score(c);
      if (!found || value > best_value) {
        found = true;
        best_value = value;
        best = c;
      }
    };
    for (int step = k_min_length_scale_steps; step <= k_max_length_scale_steps; ++step) consider(1.0 + step * k_length_scale_step);
    if (!found) continue;
    const double coarse_bpm = best.bpm;
    found = false;
    for (double bpm = std::ceil(coarse_bpm * (1.0 - k_whole_bpm_reach)); bpm <= coarse_bpm * (1.0 + k_whole_bpm_reach); bpm += 1.0) {
      consider(60.0 * beats / (evidence.duration_s * bpm));
    }
    if (found) evidence.stretched.push_back(best);
  }
}

}  // namespace

std::vector<float> onset_strength(const OnsetEnvelopes& env, const float (&band_weights)[3]) {
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

PulseEvidence measure_pulse(const OnsetEnvelopes& envelopes, double duration_s, const StretchPolicy* stretch,
                            Opening opening) {
  PulseEvidence evidence;
  evidence.duration_s = duration_s;
  const double fr = envelopes.frame_rate_hz;
  std::vector<float> strength = onset_strength(envelopes, {1.0f, 1.0f, 1.0f});
  if (strength.size() < 8 || fr <= 0.0 || !(duration_s > 0.0)) return evidence;
  const std::vector<std::size_t> peaks = onset_peaks(strength, fr);
  evidence.onsets = static_cast<int>(peaks.size());
  for (const std::size_t p : peaks) {
    const double before = p > 0 ? strength[p - 1] : 0.0, at = strength[p], after = p + 1 < strength.size() ? strength[p + 1] : 0.0;
    const double curvature = before - 2.0 * at + after;
    const double shift = curvature < 0.0 ? std::clamp(0.5 * (before - after) / curvature, -0.5, 0.5) : 0.0;
    evidence.onset_times_s.push_back((static_cast<double>(p) + shift) / fr);
  }

  evidence.levels = measure_level_shape(envelopes.frame_rms, peaks);
  if (opening == Opening::capped) cap_opening(strength, fr);  // the peaks, times and levels stay as measured

  const auto max_lag = std::min(strength.size() - 1, static_cast<std::size_t>(4.0 * 60.0 * fr / k_min_tempo_bpm) + 4);
  const std::vector<double> acf = circular_autocorrelation(strength, max_lag);
  std::vector<double> grid_scores;
  for (double bpm = k_min_tempo_bpm; bpm <= k_max_tempo_bpm; bpm += k_acf_grid_step_bpm) {
    const double score = comb_score(acf, fr, bpm);
    grid_scores.push_back(score);
    if (score > evidence.acf_peak) {
      evidence.acf_peak = score;
      evidence.acf_peak_bpm = bpm;
    }
  }
  const auto middle = grid_scores.begin() + static_cast<std::ptrdiff_t>(grid_scores.size() / 2);
  std::nth_element(grid_scores.begin(), middle, grid_scores.end());
  // A clean click track's autocorrelation is zero between its peaks: a median of zero is
  // the strongest contrast, not none (the floor keeps the ratio finite).
  evidence.acf_contrast = evidence.acf_peak / std::max(*middle, 1e-6);

  const GridSalience all_bands(strength, fr), low_band(envelopes.flux_low, fr);
  const Saliences salience{all_bands, low_band};
  const double frames = static_cast<double>(strength.size());
  for (int beats = 1; beats <= k_max_loop_beats; ++beats) {
    const double bpm = 60.0 * beats / duration_s;
    if (bpm < k_min_tempo_bpm) continue;
    if (bpm > k_max_tempo_bpm) break;
    const double period = frames / beats;
    BeatCandidate c;
    c.beats = beats;
    c.bpm = bpm;
    c.periodicity = comb_score(acf, fr, bpm);
    set_grid_saliences(c, salience, period);
    evidence.candidates.push_back(c);
  }
  if (stretch != nullptr && stretch->wanted(evidence)) {
    add_stretched_readings(evidence, acf, salience, peaks, fr, frames, TailShape(envelopes.frame_rms), stretch->score);
  }
  if (!evidence.candidates.empty()) {
    const auto best = std::max_element(evidence.candidates.begin(), evidence.candidates.end(),
                                       [](const BeatCandidate& a, const BeatCandidate& b) {
                                         return a.periodicity * a.on_beat < b.periodicity * b.on_beat;
                                       });
    evidence.regularity = share_on_eighths(peaks, frames / best->beats, fr);
  }
  return evidence;
}

}  // namespace samplemind::audio
