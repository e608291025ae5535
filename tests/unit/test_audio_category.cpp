// The category classifier on generated sounds with known answers, and the timbre
// descriptor's basic promises (finite, fixed size, empty for silence).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "audio/category_classifier.hpp"
#include "audio/feature_extractor.hpp"
#include "audio/timbre_descriptor.hpp"
#include "support/feature_checks.hpp"
#include "support/loop_renderer.hpp"
#include "support/synth.hpp"

namespace samplemind::audio {
namespace {
constexpr int k_rate = 44100;

// White noise with an exponential decay: a hat when short, a cymbal when long.
std::vector<float> noise_burst(double decay_per_s, double seconds, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> noise(-1.0, 1.0);
  std::vector<float> out(static_cast<std::size_t>(seconds * k_rate));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<float>(0.8 * noise(rng) * std::exp(-decay_per_s * double(i) / k_rate));
  return out;
}

// Noise through a one-pole low-pass (a darker metal than white noise) under an attack ramp
// of attack_s. A struck cymbal falls fast from its peak, then rings on: a quick decay and a
// slow one holding ring_share of the level (0.2 as Hydrogen's rides and open hats; a
// recorded crash or ride rings longer).
std::vector<float> dark_noise(double seconds, double attack_s, std::uint32_t seed, double ring_share = 0.2) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> noise(-1.0, 1.0);
  std::vector<float> out(static_cast<std::size_t>(seconds * k_rate));
  double low = 0.0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = double(i) / k_rate;
    low += 0.1 * (noise(rng) - low);
    const double ring = (1.0 - ring_share) * std::exp(-8.0 * t) + ring_share * std::exp(-0.8 * t);
    out[i] = static_cast<float>(3.0 * std::min(1.0, t / std::max(attack_s, 1e-3)) * ring * low);
  }
  return out;
}

// Two bars at 120 BPM of closed hats on the eighths and a snare on beats 2 and 4, no kick:
// a top loop with nothing below 150 Hz, the kind a bass-energy sign alone calls music.
std::vector<float> hat_and_snare_loop() {
  const std::size_t eighth = k_rate / 4;  // 0.25 s at 120 BPM
  std::vector<float> out(16 * eighth, 0.0f);
  const auto place = [&](const std::vector<float>& hit, std::size_t at, float gain) {
    for (std::size_t i = 0; i < hit.size() && at + i < out.size(); ++i) out[at + i] += gain * hit[i];
  };
  for (std::size_t e = 0; e < 16; ++e) {
    place(render_drum_hit(DrumHit::closed_hat, k_rate, static_cast<std::uint32_t>(e + 1)), e * eighth, 0.5f);
    if (e % 4 == 2) place(render_drum_hit(DrumHit::snare, k_rate, static_cast<std::uint32_t>(e + 40)), e * eighth, 0.8f);
  }
  return out;
}

// The hat and snare loop over a tuned 808-style kick (a sine at 55 Hz, A1, with a second
// and third partial, decaying in about 0.2 s) on every beat: a drum loop whose partials
// spell A (without the drop below it reads A, at key confidence 0.52).
std::vector<float> tuned_kick_drum_loop() {
  std::vector<float> out = hat_and_snare_loop();
  const std::size_t beat = k_rate / 2;
  for (std::size_t b = 0; b < 8; ++b) {
    for (std::size_t i = 0; i < beat; ++i) {
      const double t = double(i) / k_rate;
      const double body = std::sin(2 * M_PI * 55 * t) + 0.5 * std::sin(2 * M_PI * 110 * t) + 0.3 * std::sin(2 * M_PI * 165 * t);
      out[b * beat + i] += static_cast<float>(std::exp(-25.0 * t) * body);
    }
  }
  return out;
}

// Every key field empty, as a keyless file prints them.
void check_keyless(const Features& features) {
  CHECK_FALSE(features.key);
  CHECK_FALSE(features.mode);
  CHECK_FALSE(features.camelot);
  CHECK_FALSE(features.key_audio);
  CHECK(features.key_confidence == 0.0);
}

std::optional<std::string> category_of(const std::vector<float>& mono) {
  return extract_features_from_signal(mono, k_rate, 1).category;
}
}  // namespace

TEST_CASE("category: a generated kick is a kick") {
  CHECK(category_of(render_drum_hit(DrumHit::kick, k_rate, 1)) == "kick");
}

TEST_CASE("category: a noise burst with a fast decay is a hat, with a slow one a cymbal") {
  CHECK(category_of(noise_burst(40.0, 0.3, 7)) == "hat");
  CHECK(category_of(noise_burst(2.5, 2.0, 7)) == "cymbal");
}

TEST_CASE("category: a long dark sound struck and left to ring is a cymbal, without a key") {
  const Features ride = extract_features_from_signal(dark_noise(6.0, 0.002, 3), k_rate, 1);
  CHECK(ride.kind == "one-shot");
  CHECK(ride.category == "cymbal");
  check_keyless(ride);
  // The same noise swelling in over 1.5 s is an effect, and a struck boom is no cymbal.
  CHECK(category_of(dark_noise(6.0, 1.5, 3)) == "fx");
  std::vector<float> boom(static_cast<std::size_t>(4.0 * k_rate));
  for (std::size_t i = 0; i < boom.size(); ++i) {
    const double t = double(i) / k_rate;
    boom[i] = static_cast<float>(0.9 * std::exp(-1.0 * t) * std::sin(2.0 * M_PI * 45.0 * t));
  }
  CHECK(category_of(boom) != "cymbal");
}

TEST_CASE("category: a recorded crash that peaks after 60 ms and rings on is a cymbal, without a key") {
  // The AVL kits' crashes and rides: up to 65 ms to their peak, within 20 dB of it for
  // 0.35-0.5 of their span. Before version 21 both made them fx, and fx keeps a key.
  for (const double ring_share : {0.2, 0.4}) {
    CAPTURE(ring_share);
    const Features crash = extract_features_from_signal(dark_noise(6.0, 0.06, 5, ring_share), k_rate, 1);
    CHECK(crash.kind == "one-shot");
    CHECK(crash.category == "cymbal");
    check_keyless(crash);
  }
  // Dark noise that holds its level (wind, a long breath) is still an effect.
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> noise(-1.0, 1.0);
  std::vector<float> wind(static_cast<std::size_t>(6.0 * k_rate));
  double low = 0.0;
  for (float& v : wind) {
    low += 0.1 * (noise(rng) - low);
    v = static_cast<float>(2.0 * low);
  }
  CHECK(category_of(wind) == "fx");
}

TEST_CASE("category: a tuned tom keeps its pitch and is a tom, a held bass note is a bass") {
  // A floor tom: a 98 Hz (G2) body falling a little in pitch, decaying over a second.
  std::vector<float> tom(static_cast<std::size_t>(1.0 * k_rate));
  double phase = 0.0;
  for (std::size_t i = 0; i < tom.size(); ++i) {
    const double t = double(i) / k_rate;
    phase += 2.0 * M_PI * 98.0 * (1.0 + 0.05 * std::exp(-20.0 * t)) / k_rate;
    tom[i] = static_cast<float>(0.9 * std::exp(-4.0 * t) * std::sin(phase));
  }
  const Features drum = extract_features_from_signal(tom, k_rate, 1);
  CHECK(drum.root_note == "G2");
  CHECK(drum.category == "tom");
  // A held C2 of the same dark sound is a bass: it does not decay like a skin.
  std::vector<float> held(static_cast<std::size_t>(1.0 * k_rate));
  for (std::size_t i = 0; i < held.size(); ++i) {
    const double t = double(i) / k_rate;
    const double envelope = std::min({1.0, t / 0.002, (1.0 - t) / 0.05}) * std::exp(-0.3 * t);  // loudest at once
    held[i] = static_cast<float>(0.9 * envelope * std::sin(2.0 * M_PI * 65.406 * t));
  }
  const Features bass = extract_features_from_signal(held, k_rate, 1);
  CHECK(bass.root_note == "C2");
  CHECK(bass.category == "bass");  // without the envelope test it is a tom (checked)
}

TEST_CASE("category: a sine pad is a pad") {
  CHECK(category_of(swelling_sine(220.0, 4.0, 0.8, k_rate)) == "pad");
  CHECK(category_of(swelling_sine(330.0, 4.0, 0.01, k_rate)) == "pad");  // held for 4 s: still a pad
}

TEST_CASE("category: a short decaying pluck is not a pad") {
  const auto pluck = render_pitched_hit(60, Timbre::pluck, 1.0, k_rate);
  const auto category = category_of(pluck);
  CHECK(category != "pad");
  CHECK(category != "kick");
}

TEST_CASE("category: drum and music loops") {
  LoopSpec drums;
  drums.bpm = 120;
  drums.bars = 2;
  drums.chords = false;
  drums.bass = false;
  drums.drums = DrumStyle::rock;
  CHECK(category_of(render_loop(drums)) == "drum loop");
  LoopSpec music = drums;
  music.chords = true;
  music.bass = true;
  music.drums = DrumStyle::none;
  music.chord_timbre = Timbre::organ;
  CHECK(category_of(render_loop(music)) == "music loop");
}

TEST_CASE("category: a hat and snare loop without a kick is a drum loop") {
  const Features features = extract_features_from_signal(hat_and_snare_loop(), k_rate, 1);
  REQUIRE(features.kind == "loop");
  CHECK(features.category == "drum loop");
}

TEST_CASE("category: a drum loop over a tuned kick keeps no key") {
  const Features features = extract_features_from_signal(tuned_kick_drum_loop(), k_rate, 1);
  REQUIRE(features.kind == "loop");
  CHECK(features.category == "drum loop");
  check_keyless(features);
}

TEST_CASE("category: only a drum loses its key, a tuned tom keeps its root") {
  const Features keyed = testing::with_audio_a_minor(45, "A2");
  for (const char* kept : {"music loop", "bass", "chord", "percussion", "fx", "pad"}) {
    CAPTURE(kept);
    Features f = keyed;
    f.category = kept;
    drop_drum_key(f);
    CHECK(f.key == "A");
    CHECK(f.key_audio == "A minor");
  }
  for (const char* drum : {"drum loop", "kick", "snare", "clap", "hat", "cymbal", "tom"}) {
    CAPTURE(drum);
    Features f = keyed;
    f.category = drum;
    drop_drum_key(f);
    check_keyless(f);
    CHECK(f.root_note == "A2");
  }
  Features silent = keyed;  // no category: nothing to decide on
  drop_drum_key(silent);
  CHECK(silent.key == "A");
}

TEST_CASE("category: a loop is music when three of five signs agree, tonalness one of them") {
  Features loop;
  loop.kind = "loop";
  TimbreSummary top;  // a recorded hat loop: held level, almost nothing below 150 Hz, a still MFCC 3
  top.audible = true;
  top.sustain = 0.68;
  top.low_ratio = 0.04;
  top.mfcc_spread[2] = 0.17;
  CHECK(classify_category(top, loop, 0.0) == "drum loop");   // two signs: not enough
  CHECK(classify_category(top, loop, 0.8) == "music loop");  // tonal peaks make three
  Features keyed = loop;
  keyed.key = "A";
  CHECK(classify_category(top, keyed, 0.0) == "music loop");  // a key makes three
  CHECK(classify_category(top, keyed, 0.65) == "music loop");
  TimbreSummary bass_heavy = top;  // a break: held, bass-heavy, still
  bass_heavy.low_ratio = 0.9;
  CHECK(classify_category(bass_heavy, keyed, 0.65) == "drum loop");  // the threshold itself is not tonal
  CHECK(classify_category(bass_heavy, keyed, 0.66) == "music loop");
}

TEST_CASE("category: a timbre sounds tonal when two of the three non-key signs agree") {
  TimbreSummary drums;  // short hits over a kick: decays fast, energy low, a still MFCC 3
  drums.audible = true;
  drums.sustain = 0.3;
  drums.low_ratio = 0.8;
  drums.mfcc_spread[2] = 0.1;
  CHECK_FALSE(timbre_sounds_tonal(drums));
  TimbreSummary one_sign = drums;
  one_sign.sustain = 0.9;  // held, but still bass-heavy and still
  CHECK_FALSE(timbre_sounds_tonal(one_sign));
  TimbreSummary music = one_sign;
  music.low_ratio = 0.4;  // held and not bass-heavy: two signs
  CHECK(timbre_sounds_tonal(music));
  TimbreSummary silent = music;
  silent.audible = false;
  CHECK_FALSE(timbre_sounds_tonal(silent));
}

TEST_CASE("category and timbre: silence has neither") {
  const Features silent = extract_features_from_signal(std::vector<float>(k_rate, 0.0f), k_rate, 1);
  CHECK_FALSE(silent.category);
  CHECK(silent.timbre.empty());
}

TEST_CASE("timbre: fixed size, finite, clamped, and different for different sounds") {
  const Features kick = extract_features_from_signal(render_drum_hit(DrumHit::kick, k_rate, 1), k_rate, 1);
  const Features pad = extract_features_from_signal(swelling_sine(220.0, 3.0, 0.5, k_rate), k_rate, 1);
  REQUIRE(kick.timbre.size() == std::size_t(k_timbre_descriptor_size));
  REQUIRE(pad.timbre.size() == std::size_t(k_timbre_descriptor_size));
  double difference = 0.0;
  for (std::size_t i = 0; i < kick.timbre.size(); ++i) {
    CHECK(std::isfinite(kick.timbre[i]));
    CHECK(std::abs(kick.timbre[i]) <= 4.0f);
    difference += std::abs(kick.timbre[i] - pad.timbre[i]);
  }
  CHECK(difference > 5.0);
}

}  // namespace samplemind::audio
