// A kick on every beat and nothing else (four on the floor) is read at its kick rate; a
// pulse with anything between the kicks, an accent on every second kick, or a bright sound
// is left to the beat-count score.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "support/synth.hpp"
#include "audio/analysis_rate.hpp"
#include "audio/feature_extractor.hpp"
#include "audio/kick_pulse.hpp"
#include "audio/onset_stage.hpp"
#include "audio/pulse_evidence.hpp"
#include "audio/resampler.hpp"

namespace {

using namespace samplemind;
using namespace samplemind::audio;

constexpr int k_rate_hz = 44100;

// Two bars of kicks at bpm; every second kick at `second_gain`, hats on the off-beats at `hat_gain`.
std::vector<float> kick_bars(double bpm, double second_gain = 0.9, double hat_gain = 0.0) {
  const double beat = 60.0 / bpm;
  std::vector<float> out = silence(8 * beat, k_rate_hz);
  std::mt19937 rng(11);
  for (int b = 0; b < 8; ++b) {
    add_faded_kick(out, k_rate_hz, b * beat, b % 2 == 0 ? 0.9 : second_gain);
    if (hat_gain > 0.0) add_hat(out, k_rate_hz, (b + 0.5) * beat, hat_gain, rng);
  }
  out.resize(static_cast<std::size_t>(std::lround(8 * beat * k_rate_hz)));  // cut at the bar line
  normalize_peak(out, 0.9);
  return out;
}

// What kick_rate_beats answers for a signal, with the onsets measure_pulse finds in it.
int kick_beats_of(const std::vector<float>& signal) {
  Resampler resampler(k_rate_hz, k_analysis_rate_hz);
  std::vector<float> resampled;
  resampler.push(signal, resampled);
  resampler.flush(resampled);
  OnsetStage onset;
  onset.push(resampled);
  onset.finish();
  const double duration_s = static_cast<double>(signal.size()) / k_rate_hz;
  const PulseEvidence pulse = measure_pulse(onset.envelopes(), duration_s);
  return kick_rate_beats(onset.envelopes(), pulse.onset_times_s, duration_s, onset.brightness_hz());
}

}  // namespace

TEST_CASE("kick pulse: a kick on every beat is eight beats over two bars, at 70-140 BPM") {
  for (double bpm : {72.0, 90.0, 100.0, 128.0, 140.0}) {
    CAPTURE(bpm);
    CHECK(kick_beats_of(kick_bars(bpm)) == 8);
  }
  // Above 140 the same pulse is as often even eighths at half the rate: no claim.
  CHECK(kick_beats_of(kick_bars(174.0)) == 0);
}

TEST_CASE("kick pulse: off-beat hats, an accent on every second kick, or a bright hit are no kick pulse") {
  CHECK(kick_beats_of(kick_bars(120.0, 0.9, 0.4)) == 0);  // hats between the kicks
  CHECK(kick_beats_of(kick_bars(120.0, 0.35)) == 0);      // a metre: every second kick soft
  std::vector<float> hats = silence(8 * 0.5, k_rate_hz);
  std::mt19937 rng(3);
  for (int b = 0; b < 8; ++b) add_hat(hats, k_rate_hz, b * 0.5, 0.8, rng);
  CHECK(kick_beats_of(hats) == 0);                        // identical, but bright: eighths of a hat loop
  CHECK(kick_rate_beats(OnsetEnvelopes{}, {}, 4.0, 300.0) == 0);
}

TEST_CASE("kick pulse: a four-on-the-floor kick loop reads its kick rate, not half of it") {
  // Without the rule these kicks alone read 50 and 60.
  for (double bpm : {100.0, 120.0}) {
    CAPTURE(bpm);
    const Features f = extract_features_from_signal(kick_bars(bpm), k_rate_hz);
    CHECK(f.kind == "loop");
    REQUIRE(f.tempo_bpm.has_value());
    CHECK(*f.tempo_bpm == doctest::Approx(bpm));
  }
  // With off-beat hats the score alone reads them right, and still does.
  const Features with_hats = extract_features_from_signal(kick_bars(100.0, 0.9, 0.4), k_rate_hz);
  REQUIRE(with_hats.tempo_bpm.has_value());
  CHECK(*with_hats.tempo_bpm == doctest::Approx(100.0));
}
