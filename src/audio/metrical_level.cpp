// A logistic model over autocorrelation features, in the spirit of Percival &
// Tzanetakis (2014), who also pick between octave candidates with a trained classifier.
// Trained on corpus seed 2024 only (tools/gen_corpus.cpp); seeds 7 and 555 are held out
// (docs/features.md has the numbers). For a candidate level L (beat period P frames)
// the features are each band's autocorrelation at lags P/4, P/2, P, 2P, 4P, the hats'
// at P/8, log2(L / 100 BPM) and whether the file is not a whole number of 4-beat bars
// at L. A positive score means the beat is at 2L rather than L.
#include "audio/metrical_level.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>

namespace samplemind::audio {

namespace {
constexpr std::size_t k_max_lag_frames = 1000;  // longer lags count as no evidence
constexpr std::array<double, 5> k_beat_fractions = {0.25, 0.5, 1.0, 2.0, 4.0};
// Weights per band (low, mid, high) at the beat fractions above.
constexpr std::array<std::array<double, 5>, 3> k_band_weights = {{
    {-0.0946, 4.8197, -0.4497, 0.4779, -0.7748},   // kicks on half beats: the beat is faster
    {0.7783, 0.9236, -0.3563, 1.7857, -0.7685},
    {2.8000, -0.8036, -0.1461, 0.2850, -1.2040},   // hats on quarter beats: faster
}};
constexpr double k_hat_eighth_weight = 1.5919;     // hats at P/8
constexpr double k_log_tempo_weight = 0.0885;      // per octave above 100 BPM
constexpr double k_not_whole_bars_weight = 1.9008;
constexpr double k_bias = -1.2555;
constexpr double k_reference_bpm = 100.0;
constexpr int k_beats_per_bar = 4;

// Circular autocorrelation of the mean-removed signal, normalised by its energy,
// computed only at the lags asked for.
class LazyAutocorrelation {
 public:
  explicit LazyAutocorrelation(std::span<const float> x) : x_(x) {
    if (x.empty()) return;
    mean_ = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    for (float v : x) energy_ += (v - mean_) * (v - mean_);
  }

  // Best of lag-1, lag, lag+1 (one frame of slack), 0 when out of range.
  double at(double lag) {
    const long centre = std::lround(lag);
    if (centre < 1 || static_cast<std::size_t>(centre) + 1 >= x_.size() ||
        static_cast<std::size_t>(centre) >= k_max_lag_frames || energy_ <= 1e-12) {
      return 0.0;
    }
    return std::max({exact(static_cast<std::size_t>(centre - 1)), exact(static_cast<std::size_t>(centre)),
                     exact(static_cast<std::size_t>(centre + 1))});
  }

 private:
  double exact(std::size_t lag) {
    if (const auto found = cache_.find(lag); found != cache_.end()) return found->second;
    const std::size_t n = x_.size();
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t j = i + lag < n ? i + lag : i + lag - n;
      sum += (x_[i] - mean_) * (x_[j] - mean_);
    }
    return cache_[lag] = sum / energy_;
  }

  std::span<const float> x_;
  double mean_ = 0.0;
  double energy_ = 0.0;
  std::map<std::size_t, double> cache_;
};

}  // namespace

double choose_metrical_level(const BandOnsets& onsets, double bpm, double duration_s, double min_bpm, double max_bpm) {
  if (bpm <= 0.0 || onsets.frame_rate_hz <= 0.0) return bpm;
  while (bpm / 2.0 >= min_bpm) bpm /= 2.0;
  std::array<LazyAutocorrelation, 3> bands = {LazyAutocorrelation(onsets.low), LazyAutocorrelation(onsets.mid),
                                              LazyAutocorrelation(onsets.high)};
  while (bpm * 2.0 <= max_bpm) {
    const double period = 60.0 * onsets.frame_rate_hz / bpm;
    double score = k_bias + k_log_tempo_weight * std::log2(bpm / k_reference_bpm);
    for (std::size_t b = 0; b < bands.size(); ++b) {
      for (std::size_t k = 0; k < k_beat_fractions.size(); ++k) {
        score += k_band_weights[b][k] * bands[b].at(period * k_beat_fractions[k]);
      }
    }
    score += k_hat_eighth_weight * bands[2].at(period / 8.0);
    const long beats = std::lround(duration_s * bpm / 60.0);
    if (beats % k_beats_per_bar != 0) score += k_not_whole_bars_weight;
    if (score <= 0.0) break;
    bpm *= 2.0;
  }
  return bpm;
}

}  // namespace samplemind::audio
