// The pitch-class profile users and the statement check read: a chord's own notes are its
// strongest classes, the strongest is 1.0, and silence has no profile.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "audio/analysis_rate.hpp"
#include "audio/feature_extractor.hpp"
#include "support/synth.hpp"

namespace samplemind::audio {
namespace {

constexpr int k_rate = 44100;

// Notes (MIDI) sounding together for two seconds, organ-like (rich in harmonics).
std::vector<float> chord(std::initializer_list<int> notes) {
  std::vector<float> out = silence(2.0, k_rate);
  for (int note : notes) add_note(out, k_rate, 0.0, 1.9, midi_to_hz(note), 0.2, Timbre::organ);
  normalize_peak(out, 0.8);
  return out;
}

// The pitch classes in order of strength, strongest first.
std::vector<int> ranked_classes(const std::vector<float>& shares) {
  std::vector<int> order(shares.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return shares[a] > shares[b]; });
  return order;
}

TEST_CASE("pitch classes: a chord's notes are its strongest classes, the strongest reads 1.0") {
  struct Chord {
    std::initializer_list<int> notes;
    std::array<int, 3> classes;  // its three notes' pitch classes, any order
  };
  // C major (C4 E4 G4), F# minor (F#3 A3 C#4), D#m7b5's upper triad over its root.
  const Chord chords[] = {{{60, 64, 67}, {0, 4, 7}}, {{54, 57, 61}, {6, 9, 1}}, {{51, 54, 57}, {3, 6, 9}}};
  for (const Chord& c : chords) {
    CAPTURE(c.classes[0]);
    const Features f = extract_features_from_signal(chord(c.notes), k_rate);
    REQUIRE(f.pitch_classes.size() == 12);
    CHECK(*std::max_element(f.pitch_classes.begin(), f.pitch_classes.end()) == 1.0f);
    CHECK(std::all_of(f.pitch_classes.begin(), f.pitch_classes.end(), [](float v) { return v >= 0.0f && v <= 1.0f; }));
    const std::vector<int> order = ranked_classes(f.pitch_classes);
    std::array<int, 3> top{order[0], order[1], order[2]};
    std::array<int, 3> expected = c.classes;
    std::sort(top.begin(), top.end());
    std::sort(expected.begin(), expected.end());
    CHECK(top == expected);
    for (int note : c.classes) CHECK(f.pitch_classes[static_cast<std::size_t>(note)] >= 0.5f);
  }
}

TEST_CASE("pitch classes: one note's class leads, and silence has no profile") {
  const Features a = extract_features_from_signal(chord({57}), k_rate);  // A3
  REQUIRE(a.pitch_classes.size() == 12);
  CHECK(ranked_classes(a.pitch_classes)[0] == 9);
  CHECK(a.pitch_classes[9] == 1.0f);
  CHECK(a.pitch_classes[2] < 0.5f);  // D: a fourth up shares no harmonic with A

  const Features quiet = extract_features_from_signal(silence(1.0, k_rate), k_rate);
  CHECK(quiet.pitch_classes.empty());
}

}  // namespace
}  // namespace samplemind::audio
