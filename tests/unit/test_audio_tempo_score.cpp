// The tempo score is the weighted sum of its named terms: what dump_onsets prints and
// tools/fit_tempo_score.py refits must be what the extractor ranks readings by.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>

#include "audio/pulse_evidence.hpp"
#include "audio/tempo_score.hpp"

namespace {

using namespace samplemind::audio;

double term(const TempoScoreTerms& terms, TempoScoreTerm which) { return terms[static_cast<std::size_t>(which)]; }

BeatCandidate reading(int beats, double bpm) {
  BeatCandidate c;
  c.beats = beats;
  c.bpm = bpm;
  c.periodicity = 0.98;   // log(0.98 + 0.02) = 0
  c.on_beat = 0.9;        // log(0.9 + 0.1) = 0
  c.half_beat = std::exp(1.0) - 0.1;
  c.quarter_beat = std::exp(-1.0) - 0.1;
  return c;
}

}  // namespace

TEST_CASE("each term of the tempo score has the value its name says") {
  const TempoScoreTerms terms = tempo_score_terms(reading(8, 240.0));
  CHECK(term(terms, TempoScoreTerm::periodicity) == doctest::Approx(0.0).epsilon(1e-12));
  CHECK(term(terms, TempoScoreTerm::on_beat) == doctest::Approx(0.0).epsilon(1e-12));
  CHECK(term(terms, TempoScoreTerm::half_beat) == doctest::Approx(1.0));
  CHECK(term(terms, TempoScoreTerm::quarter_beat) == doctest::Approx(-1.0));
  CHECK(term(terms, TempoScoreTerm::octaves_squared) == doctest::Approx(1.0));  // 240 is one octave over 120
  CHECK(term(terms, TempoScoreTerm::whole_bars) == 1.0);
  CHECK(term(terms, TempoScoreTerm::even_beats) == 1.0);
  CHECK(term(terms, TempoScoreTerm::cut_short_percent) == 0.0);
  CHECK(term(terms, TempoScoreTerm::stretched) == 0.0);

  const TempoScoreTerms odd = tempo_score_terms(reading(6, 60.0));
  CHECK(term(odd, TempoScoreTerm::whole_bars) == 0.0);
  CHECK(term(odd, TempoScoreTerm::even_beats) == 1.0);
  CHECK(term(odd, TempoScoreTerm::octaves_squared) == doctest::Approx(1.0));  // one octave under
}

TEST_CASE("a loop cut short pays per percent, and any stretched reading pays once") {
  BeatCandidate cut = reading(4, 120.0);
  cut.length_scale = 1.02;
  const TempoScoreTerms terms = tempo_score_terms(cut);
  CHECK(term(terms, TempoScoreTerm::cut_short_percent) == doctest::Approx(100.0 * std::log(1.02)));
  CHECK(term(terms, TempoScoreTerm::stretched) == 1.0);
  BeatCandidate tail = reading(4, 120.0);
  tail.length_scale = 0.95;  // a tail after the loop: no cut-short cost
  CHECK(term(tempo_score_terms(tail), TempoScoreTerm::cut_short_percent) == 0.0);
  CHECK(term(tempo_score_terms(tail), TempoScoreTerm::stretched) == 1.0);
}

TEST_CASE("the score is the shipped weights times the terms, and ranks by them") {
  const BeatCandidate c = reading(4, 96.0);
  const TempoScoreTerms terms = tempo_score_terms(c);
  double expected = 0.0;
  for (std::size_t i = 0; i < k_tempo_score_terms; ++i) expected += k_tempo_score_weights[i] * terms[i];
  CHECK(candidate_score(c) == doctest::Approx(expected).epsilon(1e-12));
  // Strong quarter-beat onsets mean a faster level: the same reading with them scores less.
  BeatCandidate busy = c;
  busy.quarter_beat = 2.0;
  CHECK(candidate_score(busy) < candidate_score(c));
  // Whole bars beat three beats, all else equal.
  CHECK(candidate_score(reading(4, 120.0)) > candidate_score(reading(3, 120.0)));
  CHECK(k_tempo_score_term_names.size() == k_tempo_score_terms);
}
