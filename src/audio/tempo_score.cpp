// The whole-beat readings' score, term by term (tempo_score.hpp).
#include "audio/tempo_score.hpp"

#include <algorithm>
#include <cmath>

namespace samplemind::audio {

namespace {
constexpr double k_prior_centre_bpm = 120.0;
constexpr double k_low_band_cap = 1.5;

constexpr std::size_t index(TempoScoreTerm term) { return static_cast<std::size_t>(term); }
}  // namespace

TempoScoreTerms tempo_score_terms(const BeatCandidate& c) {
  TempoScoreTerms terms{};
  const double octaves = std::log2(c.bpm / k_prior_centre_bpm);
  terms[index(TempoScoreTerm::periodicity)] = std::log(std::max(0.0, c.periodicity) + 0.02);
  terms[index(TempoScoreTerm::on_beat)] = std::log(c.on_beat + 0.1);
  terms[index(TempoScoreTerm::half_beat)] = std::log(c.half_beat + 0.1);
  terms[index(TempoScoreTerm::quarter_beat)] = std::log(c.quarter_beat + 0.1);
  terms[index(TempoScoreTerm::octaves_squared)] = octaves * octaves;
  terms[index(TempoScoreTerm::whole_bars)] = c.beats % 4 == 0 ? 1.0 : 0.0;
  terms[index(TempoScoreTerm::even_beats)] = c.beats % 2 == 0 ? 1.0 : 0.0;
  terms[index(TempoScoreTerm::cut_short_percent)] = c.length_scale > 1.0 ? 100.0 * std::log(c.length_scale) : 0.0;
  terms[index(TempoScoreTerm::stretched)] = c.length_scale != 1.0 ? 1.0 : 0.0;
  terms[index(TempoScoreTerm::low_band_beats)] =
      std::min(k_low_band_cap, std::log((c.low_on_beat + 0.1) / (c.low_quarter_beat + 0.1)));
  return terms;
}

double weighted_score(const TempoScoreTerms& terms) {
  double score = 0.0;
  for (std::size_t i = 0; i < k_tempo_score_terms; ++i) score += k_tempo_score_weights[i] * terms[i];
  return score;
}

double candidate_score(const BeatCandidate& c) { return weighted_score(tempo_score_terms(c)); }

double length_score(const TempoScoreTerms& terms, double score) {
  const std::size_t low = index(TempoScoreTerm::low_band_beats);
  return score - k_tempo_score_weights[low] * terms[low];
}

double length_score(const BeatCandidate& c) {
  const TempoScoreTerms terms = tempo_score_terms(c);
  return length_score(terms, weighted_score(terms));
}

}  // namespace samplemind::audio
