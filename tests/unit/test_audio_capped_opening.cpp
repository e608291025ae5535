// The second look at a loop cut short or with a tail (version 28): its opening, measured
// against the silence before the file, can hide every later beat; read again with the opening
// capped, the stretched readings find the bar. A sound that dies away gets no such look.
// Version 29: a pulse that repeats clearly passes that look with the plain on-beat line;
// sounds at random times over a held chord do not repeat, and stay a one-shot.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "audio/pulse_evidence.hpp"
#include "audio/tempo_estimator.hpp"
#include "support/stage_probes.hpp"
#include "support/synth.hpp"

namespace {

using namespace samplemind;
using namespace samplemind::audio;

constexpr int k_rate_hz = 44100;

// Two bars of an A minor triad held through each bar (a pad or an organ, both starting on the
// file's first sample) over soft closed hi-hats on the eighths: the hats are the pulse, and
// each is far weaker than the chord's opening.
std::vector<float> held_chord_over_hats(int bpm, Timbre timbre, double hat_amplitude) {
  const double beat_s = 60.0 / bpm, bar_s = 4.0 * beat_s;
  std::vector<float> out = silence(2.0 * bar_s + 0.5, k_rate_hz);
  for (int bar = 0; bar < 2; ++bar) {
    for (const int midi : {57, 60, 64}) add_note(out, k_rate_hz, bar * bar_s, bar_s, midi_to_hz(midi), 0.3, timbre);
  }
  std::mt19937 noise(7);
  for (int eighth = 0; eighth < 16; ++eighth) add_hat(out, k_rate_hz, eighth * beat_s / 2.0, hat_amplitude, noise);
  normalize_peak(out, 0.89);
  return out;
}

// The first `bars` bars at bpm, times `fraction` (0.95: cut 5% short; 1.03: 3% too long).
std::vector<float> cut_bars(std::vector<float> samples, int bpm, double bars, double fraction) {
  samples.resize(static_cast<std::size_t>(std::lround(bars * 240.0 / bpm * fraction * k_rate_hz)));
  return samples;
}

// One bar, then the next bar's sound fading out over `fraction` of a bar (a reverb-like tail
// with no new onset in it: its level falls by e every quarter of the tail).
std::vector<float> with_fading_tail(const std::vector<float>& two_bars, int bpm, double fraction) {
  const double bar_s = 240.0 / bpm;
  std::vector<float> out = cut_bars(two_bars, bpm, 1.0, 1.0 + fraction);
  const auto start = static_cast<std::size_t>(std::lround(bar_s * k_rate_hz));
  const double tau_s = bar_s * fraction / 4.0;
  for (std::size_t i = start; i < out.size(); ++i) {
    out[i] *= static_cast<float>(std::exp(-static_cast<double>(i - start) / k_rate_hz / tau_s));
  }
  return out;
}

double best_periodicity(const PulseEvidence& evidence) {
  double best = 0.0;
  for (const BeatCandidate& c : evidence.candidates) best = std::max(best, c.periodicity);
  return best;
}

}  // namespace

TEST_CASE("capped opening: the onsets and the level shape stay as measured, the periodicity shows the hats") {
  const std::vector<float> cut = cut_bars(held_chord_over_hats(150, Timbre::pad, 0.08), 150, 1.0, 0.95);
  const OnsetEnvelopes envelopes = onset_envelopes_of(cut, k_rate_hz);
  const double duration_s = static_cast<double>(cut.size()) / k_rate_hz;
  const PulseEvidence measured = measure_pulse(envelopes, duration_s, nullptr, Opening::measured);
  const PulseEvidence capped = measure_pulse(envelopes, duration_s, nullptr, Opening::capped);
  CHECK(capped.onsets == measured.onsets);
  CHECK(capped.onset_times_s == measured.onset_times_s);
  CHECK(capped.levels.sustain == measured.levels.sustain);
  CHECK(capped.levels.audible_onsets == measured.levels.audible_onsets);
  // The chord's opening held most of the autocorrelation's energy; without it the hats repeat.
  CHECK(best_periodicity(capped) > 1.4 * best_periodicity(measured));
  CHECK_FALSE(has_pulse(measured));
}

TEST_CASE("capped opening: a held chord over soft hats, cut short, too long or with a tail, keeps its tempo") {
  struct Case {
    const char* name;
    int bpm;
    std::vector<float> samples;
  };
  const std::vector<float> pad_150 = held_chord_over_hats(150, Timbre::pad, 0.08);
  const std::vector<float> organ_150 = held_chord_over_hats(150, Timbre::organ, 0.15);
  const std::vector<float> pad_138 = held_chord_over_hats(138, Timbre::pad, 0.08);
  const std::vector<Case> cases = {
      {"pad, cut 5% short", 150, cut_bars(pad_150, 150, 1.0, 0.95)},
      {"pad, a 15% fading tail", 150, with_fading_tail(pad_150, 150, 0.15)},
      {"organ, a 15% fading tail", 150, with_fading_tail(organ_150, 150, 0.15)},
      {"pad, 3% too long", 138, cut_bars(pad_138, 138, 1.0, 1.03)}};
  for (const Case& c : cases) {
    CAPTURE(c.name);
    // Read with the opening as measured, the file shows no pulse: the second look is needed.
    const PulseEvidence measured =
        measure_pulse(onset_envelopes_of(c.samples, k_rate_hz), static_cast<double>(c.samples.size()) / k_rate_hz);
    CHECK_FALSE(has_pulse(measured));
    const Features f = extract_features_from_signal(c.samples, k_rate_hz);
    CHECK(f.kind == "loop");
    REQUIRE(f.tempo_bpm.has_value());
    CHECK(*f.tempo_bpm == doctest::Approx(c.bpm).epsilon(0.02));
  }
}

TEST_CASE("capped opening: a chord and hats that die away get no second look and stay a one-shot") {
  // The organ chord and its hats fade by e every quarter bar: the second half is more than
  // 10 dB under the loudest, as a struck sound's is. With the opening capped the ticks would
  // still line up with a bar cut 5% short, so only the sustain line keeps the tempo away.
  std::vector<float> fading = cut_bars(held_chord_over_hats(120, Timbre::organ, 0.08), 120, 1.0, 0.95);
  const double tau_s = 0.5;  // a quarter of the 2 s bar
  for (std::size_t i = 0; i < fading.size(); ++i) fading[i] *= static_cast<float>(std::exp(-static_cast<double>(i) / k_rate_hz / tau_s));
  const PulseEvidence measured =
      measure_pulse(onset_envelopes_of(fading, k_rate_hz), static_cast<double>(fading.size()) / k_rate_hz);
  CHECK(measured.levels.sustain < k_min_lone_sound_sustain);
  const Features f = extract_features_from_signal(fading, k_rate_hz);
  CHECK(f.kind == "one-shot");
  CHECK_FALSE(f.tempo_bpm.has_value());
}

TEST_CASE("capped opening: hats that repeat clearly but hit their beats softly keep the tempo of a loop 3% too long") {
  // Below the stricter on-beat line of the stretched readings, above the plain one, with a
  // clear repetition: version 28 read each of these as a one-shot.
  struct Case {
    const char* name;
    int bpm;
    Timbre timbre;
    double hat_amplitude;
  };
  const Case cases[] = {{"saw chord, hats at 0.08", 138, Timbre::saw, 0.08},
                        {"pad chord, hats at 0.03", 138, Timbre::pad, 0.03},
                        {"organ chord, hats at 0.03", 138, Timbre::organ, 0.03},
                        {"saw chord at 120, hats at 0.08", 120, Timbre::saw, 0.08}};
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const std::vector<float> long_bar = cut_bars(held_chord_over_hats(c.bpm, c.timbre, c.hat_amplitude), c.bpm, 1.0, 1.03);
    const Features f = extract_features_from_signal(long_bar, k_rate_hz);
    CHECK(f.kind == "loop");
    REQUIRE(f.tempo_bpm.has_value());
    CHECK(*f.tempo_bpm == doctest::Approx(c.bpm).epsilon(0.02));
  }
}

TEST_CASE("capped opening: hats at random times over a held chord do not repeat and stay one-shots") {
  // Five or nine hats at times drawn from a seeded generator over a held A minor triad. In each
  // case below, the stretched readings of the capped opening hit their beats above the plain
  // line by chance (they read 108-151 BPM without the periodicity line) but do not repeat:
  // the clear-repetition way in refuses them, as version 28 did.
  struct Case {
    std::uint32_t seed;
    Timbre timbre;
    double length_s;
    int hats;
  };
  const Case cases[] = {{9, Timbre::pad, 1.9, 5},   {9, Timbre::organ, 1.9, 5},   {24, Timbre::pad, 1.9, 5},
                        {24, Timbre::organ, 1.9, 5}, {3, Timbre::organ, 1.9, 9},  {9, Timbre::pad, 1.9, 9},
                        {24, Timbre::pad, 2.3, 5},   {9, Timbre::organ, 2.3, 5}};
  for (const Case& c : cases) {
    CAPTURE(c.seed);
    CAPTURE(c.length_s);
    CAPTURE(c.hats);
    std::vector<float> out = silence(c.length_s, k_rate_hz);
    for (const int midi : {57, 60, 64}) add_note(out, k_rate_hz, 0.0, c.length_s, midi_to_hz(midi), 0.3, c.timbre);
    std::mt19937 rng(c.seed);
    for (int hat = 0; hat < c.hats; ++hat) {
      const double at_s = 0.05 + (c.length_s - 0.15) * (static_cast<double>(rng()) / 4294967296.0);
      add_hat(out, k_rate_hz, at_s, 0.08, rng);
    }
    normalize_peak(out, 0.89);
    const Features f = extract_features_from_signal(out, k_rate_hz);
    CHECK(f.kind == "one-shot");
    CHECK_FALSE(f.tempo_bpm.has_value());
  }
}
