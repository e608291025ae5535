// A few sounds in a file that is mostly silence (a spoken word, a chime) are a phrase, not a
// pulse; the same sounds repeated through a bar and more are a loop (version 22).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "support/synth.hpp"
#include "audio/analysis_rate.hpp"
#include "audio/feature_extractor.hpp"
#include "audio/onset_stage.hpp"
#include "audio/pulse_evidence.hpp"
#include "audio/resampler.hpp"

namespace {

using namespace samplemind;
using namespace samplemind::audio;

constexpr int k_rate_hz = 44100;

// A syllable: a voiced tone (a 150 Hz buzz with its first 12 harmonics, louder near a
// 700 Hz formant) that speaks at once, dies away at `decay` of its length and ends softly.
void add_syllable(std::vector<float>& out, double start_s, double length_s, double decay) {
  const auto first = static_cast<std::size_t>(start_s * k_rate_hz);
  const auto count = static_cast<std::size_t>(length_s * k_rate_hz);
  if (out.size() < first + count) out.resize(first + count, 0.0f);
  for (std::size_t i = 0; i < count; ++i) {
    const double t = static_cast<double>(i) / k_rate_hz;
    double v = 0.0;
    for (int h = 1; h <= 12; ++h) {
      const double hz = 150.0 * h;
      v += std::sin(2.0 * M_PI * hz * t) / (1.0 + std::abs(hz - 700.0) / 300.0);
    }
    const double envelope =
        std::min({1.0, t / 0.005, (length_s - t) / 0.03}) * std::exp(-t / (decay * length_s));
    out[first + i] += static_cast<float>(0.2 * envelope * v);
  }
}

// Syllables of 0.16 s every `spacing_s`, `count` of them, in a file of `seconds`.
std::vector<float> syllables(int count, double spacing_s, double seconds, double decay) {
  std::vector<float> out = silence(seconds, k_rate_hz);
  for (int k = 0; k < count; ++k) add_syllable(out, 0.05 + k * spacing_s, 0.16, decay);
  out.resize(static_cast<std::size_t>(seconds * k_rate_hz), 0.0f);
  normalize_peak(out, 0.8);
  return out;
}

// A click 40 samples long, alternating in sign: a tap or a switch in a recording's noise.
void add_faint_click(std::vector<float>& out, double start_s, double amplitude) {
  const auto first = static_cast<std::size_t>(start_s * k_rate_hz);
  for (std::size_t i = 0; i < 40 && first + i < out.size(); ++i) {
    out[first + i] += static_cast<float>(amplitude * (1.0 - static_cast<double>(i) / 40.0) * (i % 2 == 0 ? 1.0 : -1.0));
  }
}

// What the tempo stage measures of a signal at the analysis rate.
audio::PulseEvidence pulse_of(const std::vector<float>& signal) {
  audio::Resampler resampler(k_rate_hz, audio::k_analysis_rate_hz);
  std::vector<float> resampled;
  resampler.push(signal, resampled);
  resampler.flush(resampled);
  audio::OnsetStage onsets;
  onsets.push(resampled);
  onsets.finish();
  return audio::measure_pulse(onsets.envelopes(), static_cast<double>(signal.size()) / k_rate_hz);
}

}  // namespace

TEST_CASE("sparse phrase: the share of quiet hops is the share of the file 30 dB under its loudest") {
  std::vector<float> half = enveloped_sine(220.0, 1.0, k_rate_hz, [](double) { return 0.5; });
  half.resize(2 * half.size(), 0.0f);  // one second of tone, one of silence
  CHECK(pulse_of(half).levels.quiet_share == doctest::Approx(0.5).epsilon(0.05));
  const std::vector<float> held = enveloped_sine(220.0, 2.0, k_rate_hz, [](double) { return 0.5; });
  CHECK(pulse_of(held).levels.quiet_share == doctest::Approx(0.0).epsilon(0.02));
}

TEST_CASE("sparse phrase: two or three syllables in a mostly silent file have no tempo") {
  // 0.6 s apart in 1.47 s (no whole bar at a whole BPM). Version 21 read 192, 199 and 200.
  const std::vector<float> phrases[] = {syllables(2, 0.6, 1.47, 0.25), syllables(2, 0.6, 1.47, 0.6),
                                        syllables(3, 0.6, 1.47, 0.6)};
  for (const std::vector<float>& phrase : phrases) {
    const audio::PulseEvidence evidence = pulse_of(phrase);
    CHECK(evidence.levels.quiet_share > 0.6);
    CHECK(evidence.onsets <= 3);
    const Features f = extract_features_from_signal(phrase, k_rate_hz);
    CHECK(f.kind == "one-shot");
    CHECK_FALSE(f.tempo_bpm.has_value());
    CHECK(f.tempo_candidates.empty());
  }
}

TEST_CASE("sparse phrase: the same syllables repeated through two bars are a loop at their pulse") {
  // Eight of them, 0.45 s apart: 133.33 BPM, as quiet between them as the phrases above.
  const std::vector<float> loop = syllables(8, 0.45, 3.6, 0.6);
  CHECK(pulse_of(loop).levels.quiet_share > 0.6);
  const Features f = extract_features_from_signal(loop, k_rate_hz);
  CHECK(f.kind == "loop");
  REQUIRE(f.tempo_bpm.has_value());
  const bool pulse_or_half = std::abs(*f.tempo_bpm - 133.33) < 2.0 || std::abs(*f.tempo_bpm - 66.67) < 1.0;
  CHECK(pulse_or_half);
}

TEST_CASE("sparse phrase: a faint click before the phrase is no sound of its own") {
  // Three syllables 0.3 s apart after a click some 40 dB down, as a recording starts: four
  // clear onsets, three of them audible. Counting the click, the phrase read 82-119 BPM.
  for (const double seconds : {1.47, 1.62, 2.01}) {
    CAPTURE(seconds);
    std::vector<float> phrase = silence(seconds, k_rate_hz);
    add_faint_click(phrase, 0.0, 0.01);
    for (int k = 0; k < 3; ++k) add_syllable(phrase, 0.5 + 0.3 * k, 0.16, 0.25);
    phrase.resize(static_cast<std::size_t>(seconds * k_rate_hz), 0.0f);
    normalize_peak(phrase, 0.8);
    const audio::PulseEvidence evidence = pulse_of(phrase);
    CHECK(evidence.levels.quiet_share > 0.6);
    CHECK(evidence.onsets == 4);
    CHECK(evidence.levels.audible_onsets == 3);
    const Features f = extract_features_from_signal(phrase, k_rate_hz);
    CHECK(f.kind == "one-shot");
    CHECK_FALSE(f.tempo_bpm.has_value());
  }
}
