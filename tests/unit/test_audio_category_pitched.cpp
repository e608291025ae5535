// The category of pitched one-shots on generated notes with known answers: a low note is a
// bass however long it holds, a slow swell is a pad in any register, a long held note above
// the bass register is a pad, a short level note that starts at once is no pad.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "support/synth.hpp"

namespace {

using namespace samplemind;
using samplemind::audio::enveloped_sine;
using samplemind::audio::swelling_sine;

constexpr int k_rate = 44100;

// An 808-style sub: a sine driven into soft saturation, its pitch falling into the note in
// its first 20 ms, then dying away slowly (time constant decay_s), faded out at the end.
std::vector<float> sub_808(double freq_hz, double seconds, double decay_s) {
  std::vector<float> out(static_cast<std::size_t>(seconds * k_rate));
  double phase = 0.0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = double(i) / k_rate;
    phase += 2.0 * M_PI * freq_hz * (1.0 + 1.5 * std::exp(-t / 0.02)) / k_rate;
    const double envelope = std::exp(-t / decay_s) * std::min(1.0, (seconds - t) / 0.01);
    out[i] = static_cast<float>(0.8 * envelope * std::tanh(2.0 * std::sin(phase)));
  }
  return out;
}

}  // namespace

TEST_CASE("pitched category: a long 808 is a bass, not a pad") {
  // 3 s of C1 (32.7 Hz) that stays within 20 dB of its peak throughout: before version 18
  // the "long note that holds its level" rule came first and called it a pad.
  for (const double seconds : {1.0, 3.0}) {
    CAPTURE(seconds);
    const Features f = extract_features_from_signal(sub_808(32.703, seconds, 1.5), k_rate, 1);
    CHECK(f.kind == "one-shot");
    CHECK(f.root_note == "C1");
    CHECK(f.category == "bass");
  }
}

TEST_CASE("pitched category: a slow swell is a pad even below E2, a long held note above it is a pad") {
  // 4.3 s: no whole number of bars at a whole BPM, so no length makes either a loop.
  const Features low_swell = extract_features_from_signal(swelling_sine(65.406, 4.3, 0.8, k_rate), k_rate, 1);
  CHECK(low_swell.kind == "one-shot");
  CHECK(low_swell.root_note == "C2");
  CHECK(low_swell.category == "pad");
  // A held A3 that starts at once: no slow attack, but long and level.
  const Features held = extract_features_from_signal(swelling_sine(220.0, 4.3, 0.005, k_rate), k_rate, 1);
  CHECK(held.kind == "one-shot");
  CHECK(held.root_note == "A3");
  CHECK(held.category == "pad");
}

TEST_CASE("pitched category: a level note that starts at once is a lead, wherever its loudest moment falls") {
  // 1.5 s of A3 at once, growing 0.5 dB to its end, as a held organ or synth note may: its
  // loudest block is its last, which read as a 1.5 s swell (a pad) while the attack was
  // timed to the loudest block. It is within 1 dB of that level from its first blocks.
  const std::vector<float> note = enveloped_sine(220.0, 1.5, k_rate, [](double t) {
    return 0.5 * (std::pow(10.0, 0.5 * (t / 1.5) / 20.0) * std::min({1.0, t / 0.005, (1.5 - t) / 0.01}));
  });
  const Features f = extract_features_from_signal(note, k_rate, 1);
  CHECK(f.kind == "one-shot");
  CHECK(f.root_note == "A3");
  CHECK(f.category == "lead");
}

