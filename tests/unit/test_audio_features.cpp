// Feature extraction on generated signals with known answers.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "support/synth.hpp"
#include "audio/feature_extractor.hpp"

using namespace samplemind;
using namespace samplemind::audio;

namespace {

constexpr int k_rate_hz = 44100;

std::vector<float> chord(std::initializer_list<int> midi_notes, double seconds, int rate = k_rate_hz) {
  std::vector<float> out = silence(seconds, rate);
  for (int note : midi_notes) add_note(out, rate, 0.0, seconds, midi_to_hz(note), 0.2, Timbre::saw);
  normalize_peak(out, 0.8);
  return out;
}

std::vector<float> click_track(double bpm, double seconds, int rate = k_rate_hz) {
  std::vector<float> out = silence(seconds, rate);
  for (double t = 0.0; t < seconds - 0.02; t += 60.0 / bpm) add_click(out, rate, t, 0.8);
  out.resize(static_cast<std::size_t>(seconds * rate));
  return out;
}

void check_all_finite(const Features& f) {
  for (double v : {f.duration_s, f.tempo_confidence, f.key_confidence, f.energy, f.loudness_lufs, f.peak_dbfs,
                   f.brightness_hz, f.onset_rate}) {
    CHECK(std::isfinite(v));
  }
  if (f.tempo_bpm) CHECK(std::isfinite(*f.tempo_bpm));
}

}  // namespace

TEST_CASE("audio: a 440 Hz tone has its peak, plausible loudness, root A4 and no tempo") {
  std::vector<float> tone = silence(2.0, k_rate_hz);
  add_note(tone, k_rate_hz, 0.0, 2.0, 440.0, 0.5, Timbre::sine);
  const Features f = extract_features_from_signal(tone, k_rate_hz);
  check_all_finite(f);
  CHECK(f.peak_dbfs == doctest::Approx(-6.02).epsilon(0.02));
  CHECK(f.loudness_lufs > -12.0);
  CHECK(f.loudness_lufs < -7.0);
  CHECK(f.duration_s == doctest::Approx(2.0));
  CHECK_FALSE(f.tempo_bpm.has_value());
  CHECK(f.kind == "one-shot");
  REQUIRE(f.root_note.has_value());
  CHECK(*f.root_note == "A4");
  CHECK(f.root_midi == 69);
  CHECK(f.brightness_hz == doctest::Approx(440.0).epsilon(0.1));
}

TEST_CASE("audio: a C major chord is C major, 8B") {
  const Features f = extract_features_from_signal(chord({48, 60, 64, 67}, 4.0), k_rate_hz);
  REQUIRE(f.key.has_value());
  CHECK(*f.key == "C");
  CHECK(f.mode == "major");
  CHECK(f.camelot == "8B");
  CHECK(f.key_confidence > 0.0);
}

TEST_CASE("audio: an A minor chord is A minor, 8A") {
  const Features f = extract_features_from_signal(chord({45, 57, 60, 64}, 4.0), k_rate_hz);
  REQUIRE(f.key.has_value());
  CHECK(*f.key == "A");
  CHECK(f.mode == "minor");
  CHECK(f.camelot == "8A");
}

// Identical clicks carry no metre: a click every 0.5 s is quarter notes at 120 or eighth
// notes at 60, and the model (fitted on real loops, where the half beats of the right
// level are busy) may read either. Both readings must be offered, best first.
TEST_CASE("audio: a click track at 120 BPM is a loop read at 120 or 60, with the other as second candidate") {
  const Features f = extract_features_from_signal(click_track(120.0, 8.0), k_rate_hz);
  check_all_finite(f);
  REQUIRE(f.tempo_bpm.has_value());
  const bool octave_reading = *f.tempo_bpm == doctest::Approx(120.0) || *f.tempo_bpm == doctest::Approx(60.0);
  CHECK(octave_reading);
  REQUIRE(f.tempo_candidates.size() == 2);
  CHECK(f.tempo_candidates[0].bpm == doctest::Approx(*f.tempo_bpm));
  CHECK(f.tempo_candidates[1].bpm == doctest::Approx(*f.tempo_bpm == 120.0 ? 60.0 : 120.0));
  CHECK(f.tempo_candidates[0].confidence >= f.tempo_candidates[1].confidence);
  CHECK(f.kind == "loop");
  CHECK(f.tempo_source == "audio");
  CHECK(f.onset_rate == doctest::Approx(2.0).epsilon(0.15));
}

TEST_CASE("audio: tempo does not depend on the sample rate") {
  for (int rate : {22050, 44100, 48000}) {
    CAPTURE(rate);
    const Features f = extract_features_from_signal(click_track(97.0, 60.0 / 97.0 * 16, rate), rate);
    REQUIRE(f.tempo_bpm.has_value());
    CHECK(*f.tempo_bpm == doctest::Approx(97.0).epsilon(0.005));
  }
}

TEST_CASE("audio: silence has no tempo, no key, floored loudness and peak") {
  const std::vector<float> quiet = silence(3.0, k_rate_hz);
  const Features f = extract_features_from_signal(quiet, k_rate_hz);
  check_all_finite(f);
  CHECK_FALSE(f.tempo_bpm.has_value());
  CHECK_FALSE(f.key.has_value());
  CHECK_FALSE(f.mode.has_value());
  CHECK_FALSE(f.camelot.has_value());
  CHECK_FALSE(f.root_note.has_value());
  CHECK(f.loudness_lufs == -70.0);
  CHECK(f.peak_dbfs == -120.0);
  CHECK(f.energy == 0.0);
  CHECK(f.brightness_hz == 0.0);
  CHECK(f.onset_rate == 0.0);
}

TEST_CASE("audio: a file shorter than one 400 ms block still gets a finite loudness") {
  std::vector<float> blip = silence(0.2, k_rate_hz);
  add_note(blip, k_rate_hz, 0.0, 0.2, 1000.0, 0.5, Timbre::sine);
  const Features f = extract_features_from_signal(blip, k_rate_hz);
  check_all_finite(f);
  CHECK(f.loudness_lufs > -15.0);
  CHECK(f.loudness_lufs < -5.0);
}

TEST_CASE("audio: white noise gets no key and no tempo") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> noise(-0.5f, 0.5f);
  std::vector<float> hiss(static_cast<std::size_t>(4 * k_rate_hz));
  for (float& v : hiss) v = noise(rng);
  const Features f = extract_features_from_signal(hiss, k_rate_hz);
  check_all_finite(f);
  CHECK_FALSE(f.key.has_value());
  CHECK_FALSE(f.tempo_bpm.has_value());
  CHECK_FALSE(f.root_note.has_value());
}

TEST_CASE("audio: NaN and inf samples never reach the output") {
  std::vector<float> broken = click_track(120.0, 4.0);
  broken[1000] = std::nanf("");
  broken[2000] = INFINITY;
  const Features f = extract_features_from_signal(broken, k_rate_hz);
  check_all_finite(f);
  CHECK(f.peak_dbfs <= 0.0);
}
