// The tempo score is the weighted sum of its named terms: what dump_onsets prints and
// tools/fit_tempo_score.py refits must be what the extractor ranks readings by.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <cstddef>
#include <utility>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "audio/pulse_evidence.hpp"
#include "audio/tempo_candidates.hpp"
#include "audio/tempo_estimator.hpp"
#include "audio/tempo_score.hpp"
#include "support/loop_renderer.hpp"
#include "support/synth.hpp"

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

  BeatCandidate low = reading(8, 120.0);
  low.low_on_beat = 2.9;
  low.low_quarter_beat = 0.9;
  CHECK(term(tempo_score_terms(low), TempoScoreTerm::low_band_beats) == doctest::Approx(std::log(3.0)));
  low.low_on_beat = 29.9;  // log(30) = 3.4, over the cap: a clean low band on the beats counts 1.5 at most
  CHECK(term(tempo_score_terms(low), TempoScoreTerm::low_band_beats) == doctest::Approx(1.5));
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

namespace {

constexpr int k_rate_hz = 44100;

// What sounds at each beat's quarter and three-quarter points besides the kick on the beat.
enum class OnQuarters { nothing, hats, kicks };

// Two bars of a kick on every beat (alone: the kick-rate term's case), and at each beat's
// quarter points what `quarters` says.
std::vector<float> kicks_alone(int bpm, OnQuarters quarters = OnQuarters::nothing) {
  const double beat = 60.0 / bpm;
  std::vector<float> out = silence(8 * beat, k_rate_hz);
  std::mt19937 rng(7);
  for (int b = 0; b < 8; ++b) {
    add_faded_kick(out, k_rate_hz, b * beat, 0.9);
    for (const double point : {0.25, 0.75}) {
      if (quarters == OnQuarters::kicks) add_faded_kick(out, k_rate_hz, (b + point) * beat, 0.9);
      if (quarters == OnQuarters::hats) add_hat(out, k_rate_hz, (b + point) * beat, 0.6, rng);
    }
  }
  out.resize(static_cast<std::size_t>(std::lround(8 * beat * k_rate_hz)));
  return out;
}

// The low-band term of the reading with `beats` beats, as the extractor ranked the file.
double low_band_term(const std::vector<float>& samples, int beats) {
  samplemind::FeatureExtractor extractor(k_rate_hz, 1);
  extractor.push(samples);
  (void)extractor.finish();
  for (const RankedReading& r : extractor.tempo_ranking()) {
    if (r.reading.beats == beats && r.reading.length_scale == 1.0) {
      return r.terms[static_cast<std::size_t>(TempoScoreTerm::low_band_beats)];
    }
  }
  FAIL("no reading of that beat count");
  return 0.0;
}

// The ranking the extractor kept for two bars at bpm (rendered drums and chords, or kicks
// alone), cut to `keep` of their length.
std::vector<RankedReading> ranking_of(int bpm, DrumStyle drums, double keep) {
  LoopSpec spec;
  spec.bpm = bpm;
  spec.bars = 2;
  spec.drums = drums;
  spec.sample_rate = k_rate_hz;
  std::vector<float> loop = drums == DrumStyle::four_on_floor ? kicks_alone(bpm) : render_loop(spec);
  loop.resize(static_cast<std::size_t>(static_cast<double>(loop.size()) * keep));
  samplemind::FeatureExtractor extractor(k_rate_hz, 1);
  extractor.push(loop);
  const samplemind::Features features = extractor.finish();
  REQUIRE(features.tempo_bpm_audio);
  CHECK(*features.tempo_bpm_audio == doctest::Approx(bpm).epsilon(0.04));
  return extractor.tempo_ranking();
}

double weighted(const TempoScoreTerms& terms) {
  double sum = 0.0;
  for (std::size_t i = 0; i < k_tempo_score_terms; ++i) sum += k_tempo_score_weights[i] * terms[i];
  return sum;
}

}  // namespace

TEST_CASE("the ranking a tool refits is what the extractor chose: scores are the weights times the terms") {
  // Kicks alone on every beat (the kick-rate term), a whole-bars loop, and one cut 3% short (its
  // own length doubtful among stretched readings): every reading's score must be its terms
  // weighted, own-length extras included, and the ranking best first.
  for (const auto& [drums, keep] : {std::pair{DrumStyle::four_on_floor, 1.0}, std::pair{DrumStyle::rock, 1.0},
                                    std::pair{DrumStyle::rock, 0.97}}) {
    const std::vector<RankedReading> ranking = ranking_of(124, drums, keep);
    REQUIRE(ranking.size() >= 2);
    bool stretched_seen = false;
    for (std::size_t i = 0; i < ranking.size(); ++i) {
      CHECK(ranking[i].score == doctest::Approx(weighted(ranking[i].terms)).epsilon(1e-9));
      if (i > 0) CHECK(ranking[i - 1].score >= ranking[i].score);
      stretched_seen |= ranking[i].reading.length_scale != 1.0;
    }
    CHECK(stretched_seen == (keep < 1.0));  // stretched readings only for a length of no whole bars
  }
}

TEST_CASE("the low-band term is high where the kicks sit on the beats, not where they fill the quarters") {
  // Kicks on the eight beats: the low band (< 200 Hz) has onsets on the beats and none at their
  // quarter points, whether hi-hats (high band only) play there or nothing does. Kicks on the
  // quarter points too: the two low-band saliences are alike.
  const double alone = low_band_term(kicks_alone(124), 8);
  const double with_hats = low_band_term(kicks_alone(124, OnQuarters::hats), 8);
  const double filled = low_band_term(kicks_alone(124, OnQuarters::kicks), 8);
  CHECK(alone == doctest::Approx(1.5));  // at its cap: the quarters' low band is near silent
  CHECK(with_hats == doctest::Approx(1.5));
  CHECK(std::abs(filled) < 1.0);
  CHECK(filled < alone - 1.0);
}

TEST_CASE("the second tempo candidate is the first's half or double whenever one was ranked") {
  const auto ranked = [](std::vector<double> bpms) {
    std::vector<RankedReading> out;
    for (const double bpm : bpms) {
      RankedReading r;
      r.reading.bpm = bpm;
      out.push_back(r);
    }
    return out;
  };
  CHECK(second_candidate_index(ranked({120, 180, 60}), 120) == 2);   // the half, over a 3:2 ranked second
  CHECK(second_candidate_index(ranked({120, 90, 240.4}), 120) == 2); // the double, within 4%
  CHECK(second_candidate_index(ranked({120, 180, 80}), 120) == 1);   // no octave: the best other tempo
  CHECK(second_candidate_index(ranked({120, 120.3, 60}), 120) == 2); // 120.3 is snapped to the first's 120
  CHECK(second_candidate_index(ranked({120, 120.2}), 120) == 2);     // nothing else: none
  CHECK(second_candidate_index(ranked({120}), 120) == 1);
}
