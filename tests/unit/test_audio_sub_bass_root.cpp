// An 808 or sub bass tuned to C1-F#1 (33-46 Hz) is a pitched one-shot with a root. Before
// version 30 the harmonic share that admits a root was measured from 50 Hz up, so a pure sub
// below 48 Hz showed only its leakage there and got no root at all (a sine at E1 read none).
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "support/synth.hpp"

using namespace samplemind;
using namespace samplemind::audio;

namespace {

constexpr int k_rate_hz = 44100;

// An 808: a sine whose pitch falls from twice f0 to f0 within ~30 ms, decaying over decay_s,
// optionally driven into tanh saturation (drive 1: clean).
std::vector<float> eight_oh_eight(double f0, double seconds, double decay_s, double drive) {
  std::vector<float> out(static_cast<std::size_t>(seconds * k_rate_hz));
  double phase = 0.0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = static_cast<double>(i) / k_rate_hz;
    phase += 2.0 * std::numbers::pi * f0 * (1.0 + std::exp(-t / 0.03)) / k_rate_hz;
    const double release = std::min(1.0, (seconds - t) / 0.02);
    const double level = std::exp(-t / decay_s) * std::min(1.0, t / 0.002) * release;
    double x = std::sin(phase) * level;
    if (drive > 1.0) x = std::tanh(drive * x) / std::tanh(drive);
    out[i] = static_cast<float>(0.8 * x);
  }
  return out;
}

}  // namespace

TEST_CASE("sub bass root: a held sine at C1-F#1 gets its root") {
  for (int midi = 24; midi <= 30; ++midi) {
    CAPTURE(midi);
    std::vector<float> tone = silence(1.5, k_rate_hz);
    add_note(tone, k_rate_hz, 0.0, 1.5, midi_to_hz(midi), 0.8, Timbre::sine);
    const Features f = extract_features_from_signal(tone, k_rate_hz);
    CHECK(f.kind == "one-shot");
    CHECK_FALSE(f.key.has_value());
    REQUIRE(f.root_midi.has_value());
    CHECK(*f.root_midi == midi);
  }
}

TEST_CASE("sub bass root: an 808 at C1, D#1 and E1, clean or driven, gets its root and is a bass") {
  for (const int midi : {24, 27, 28}) {
    for (const double drive : {1.0, 2.0}) {
      CAPTURE(midi);
      CAPTURE(drive);
      const Features f = extract_features_from_signal(eight_oh_eight(midi_to_hz(midi), 1.5, 1.0, drive), k_rate_hz);
      CHECK_FALSE(f.tempo_bpm.has_value());
      REQUIRE(f.root_midi.has_value());
      CHECK(*f.root_midi == midi);
      CHECK(f.category == "bass");
    }
  }
}
