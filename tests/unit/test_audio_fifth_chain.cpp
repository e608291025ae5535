// Chords of fifths without a third, with known answers: a power chord and stacked fifths are
// rooted at their bottom note; a triad, a second or a lone note is no chain.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "audio/fifth_chain.hpp"
#include "audio/key_classifier.hpp"
#include "support/synth.hpp"

using namespace samplemind;
using namespace samplemind::audio;

namespace {
constexpr int E = 4, B = 11;

// The pitch-class profile Sonic Pi's guit_e_fifths gives (E3, B3 and F#4 struck together):
// F#, the top of the chain, is loudest.
PitchProfile stacked_fifths_on_e() {
  //       C      C#     D      D#    E      F      F#   G      G#    A      A#     B
  return {0.023, 0.037, 0.016, 0.09, 0.583, 0.034, 1.0, 0.037, 0.08, 0.116, 0.066, 0.844};
}
}  // namespace

TEST_CASE("fifth chain: two and three fifths are rooted at the bottom") {
  CHECK(fifth_chain_bottom(stacked_fifths_on_e()) == E);
  PitchProfile power{};  // E5: E and B
  power[E] = 0.7;
  power[B] = 1.0;
  CHECK(fifth_chain_bottom(power) == E);
  power[1] = 0.2;  // a faint C# (under the chord-note line) changes nothing
  CHECK(fifth_chain_bottom(power) == E);
}

TEST_CASE("fifth chain: a third, a second, one note or four notes is no chain") {
  PitchProfile triad{};  // E major: G# is the third
  triad[E] = 1.0;
  triad[8] = 0.6;
  triad[B] = 0.8;
  CHECK_FALSE(fifth_chain_bottom(triad).has_value());
  PitchProfile faint_third = stacked_fifths_on_e();
  faint_third[7] = 0.3;  // G at 0.3 of the top: under the chord-note line, but a third
  CHECK_FALSE(fifth_chain_bottom(faint_third).has_value());
  PitchProfile second{};  // E and F#: two notes, not a fifth apart, no B between them
  second[E] = 1.0;
  second[6] = 0.9;
  CHECK_FALSE(fifth_chain_bottom(second).has_value());
  PitchProfile note{};
  note[E] = 1.0;
  CHECK_FALSE(fifth_chain_bottom(note).has_value());
  PitchProfile four = stacked_fifths_on_e();
  four[1] = 0.9;  // C#, a fourth fifth
  CHECK_FALSE(fifth_chain_bottom(four).has_value());
  CHECK_FALSE(fifth_chain_bottom(PitchProfile{}).has_value());
  PitchProfile broken = stacked_fifths_on_e();
  broken[3] = std::numeric_limits<double>::quiet_NaN();
  CHECK_FALSE(fifth_chain_bottom(broken).has_value());
}

TEST_CASE("fifth chain: the key classifier names the bottom, not the key that fits the top") {
  Chroma chroma;
  chroma.tonal_frames = 20.0;
  chroma.tonalness = 0.8;
  chroma.bins = stacked_fifths_on_e();
  const KeyEstimate key = classify_key(chroma, k_key_profile_set, SoundKind::one_shot);
  REQUIRE(key.tonic.has_value());
  CHECK(*key.tonic == E);
  CHECK(key.margin == 0.0);  // no third: the mode is a guess, and the confidence says so
  CHECK(key.confidence < 0.5);
}

TEST_CASE("fifth chain: struck stacked fifths on E read in E") {
  // E3, B3 and F#4 plucked together for 3 s, F# loudest (as on the guitar sample).
  std::vector<float> chord = silence(3.0, 44100);
  add_note(chord, 44100, 0.0, 3.0, midi_to_hz(52), 0.25, Timbre::pluck);
  add_note(chord, 44100, 0.0, 3.0, midi_to_hz(59), 0.3, Timbre::pluck);
  add_note(chord, 44100, 0.0, 3.0, midi_to_hz(66), 0.4, Timbre::pluck);
  const Features f = extract_features_from_signal(chord, 44100, 1);
  CAPTURE(f.key_audio.value_or("-"));
  CAPTURE(f.root_note.value_or("-"));
  const bool named = f.key.has_value() || f.root_note.has_value();
  CHECK(named);
  if (f.key) CHECK(*f.key == "E");
  if (f.root_note) CHECK(f.root_note->front() == 'E');
}
