// A drum hit has no key, even when its partials happen to line up with a key profile:
// generated snares with a triad ringing in them, against the same triad as a plucked
// chord (which keeps its key), and the gate's parts on their own.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "audio/category_classifier.hpp"
#include "audio/feature_extractor.hpp"
#include "audio/key_classifier.hpp"
#include "support/synth.hpp"

namespace samplemind::audio {
namespace {
constexpr int k_rate = 44100;

// A decaying E major triad (E4, G#4, B4) plus, when noise > 0, decaying white noise:
// with noise a snare whose shell rings in tune by chance, without it a plucked chord.
std::vector<float> triad_hit(double seconds, double decay_per_s, double noise, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> white(-1.0, 1.0);
  constexpr int notes[] = {64, 68, 71};
  std::vector<float> out(static_cast<std::size_t>(seconds * k_rate));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = double(i) / k_rate;
    double tone = 0.0;
    for (int k = 0; k < 3; ++k) tone += std::sin(2.0 * M_PI * midi_to_hz(notes[k]) * t + k) / 3.0;
    const double v = tone * std::exp(-decay_per_s * t) + noise * white(rng) * std::exp(-1.5 * decay_per_s * t);
    out[i] = static_cast<float>(0.4 * v);
  }
  return out;
}
}  // namespace

TEST_CASE("kit drum: a snare whose partials form a triad has no key") {
  for (const std::uint32_t seed : {3u, 11u}) {
    const Features snare = extract_features_from_signal(triad_hit(0.5, 8.0, 0.5, seed), k_rate, 1);
    CHECK(snare.kind == "one-shot");
    CHECK(snare.category == "snare");
    CHECK_FALSE(snare.root_midi.has_value());
    CHECK_FALSE(snare.key.has_value());
  }
}

TEST_CASE("kit drum: the same triad as a plucked chord keeps its key") {
  const Features chord = extract_features_from_signal(triad_hit(1.5, 2.0, 0.0, 3), k_rate, 1);
  CHECK(chord.kind == "one-shot");
  REQUIRE(chord.key.has_value());
  CHECK(*chord.key == "E");
  CHECK(chord.mode == "major");
}

// Whether the category rules call this rootless one-shot a drum (silence has no category).
bool rootless_one_shot_is_drum(const TimbreSummary& timbre) {
  Features one_shot;  // kind "one-shot", no root
  const std::optional<std::string> category = classify_category(timbre, one_shot, 0.0);
  return category && is_drum_category(*category);
}

TEST_CASE("kit drum: the timbre rules name kicks, toms, snares, hats and cymbals, nothing else") {
  TimbreSummary kick;
  kick.audible = true;
  kick.centroid_hz = 120.0;
  kick.low_ratio = 0.6;
  kick.duration_s = 0.3;
  CHECK(rootless_one_shot_is_drum(kick));
  TimbreSummary hat = kick;
  hat.centroid_hz = 6000.0;
  hat.low_ratio = 0.0;
  CHECK(rootless_one_shot_is_drum(hat));
  TimbreSummary pluck = kick;  // mid-range, tonal: "percussion", which may be a pitched sound
  pluck.centroid_hz = 900.0;
  pluck.low_ratio = 0.05;
  pluck.flatness = 0.001;
  CHECK_FALSE(rootless_one_shot_is_drum(pluck));
  TimbreSummary drone = kick;  // long and flat: an effect
  drone.duration_s = 4.0;
  CHECK_FALSE(rootless_one_shot_is_drum(drone));
  TimbreSummary silent;
  CHECK_FALSE(rootless_one_shot_is_drum(silent));
}

TEST_CASE("kit drum: a kit drum keeps no key, whatever its chroma") {
  Chroma chroma;
  const int c_major[] = {0, 4, 7};
  for (const int pc : c_major) chroma.bins[static_cast<std::size_t>(pc)] = 1.0;
  chroma.bins[2] = chroma.bins[5] = chroma.bins[9] = 0.3;
  chroma.whitened = chroma.bins;
  chroma.tonalness = 0.9;
  chroma.tonal_frames = 10.0;
  const KeyEstimate plain = classify_key(chroma, ProfileSet::bgate, SoundKind::one_shot, TimbreEvidence::none);
  REQUIRE(plain.tonic.has_value());
  CHECK(*plain.tonic == 0);
  Features kick;  // the same chroma's key on a file the category rules call a kick
  kick.key = "C";
  kick.mode = "major";
  kick.key_audio = "C major";
  kick.key_confidence = plain.confidence;
  kick.category = "kick";
  drop_drum_key(kick);
  CHECK_FALSE(kick.key.has_value());
}

namespace {
// A file of this category whose audio (or name, for source "filename") gave it a root.
Features rooted(const char* category, int midi, const char* note, const char* source = "audio") {
  Features f;
  f.category = category;
  f.root_midi = midi;
  f.root_note = note;
  f.root_source = source;
  return f;
}
}  // namespace

TEST_CASE("kit drum: a stated key stays on a drum, an unpitched drum loses only an audio root") {
  Features stated;  // "Drum Loop Bm": the name's key is the user's word
  stated.category = "drum loop";
  stated.key = "B";
  stated.key_source = "filename";
  drop_drum_key(stated);
  CHECK(stated.key == "B");
  for (const char* unpitched : {"hat", "cymbal", "snare", "clap"}) {
    CAPTURE(unpitched);
    Features heard = rooted(unpitched, 29, "F1");
    drop_unpitched_drum_root(heard);
    CHECK_FALSE(heard.root_midi);
    CHECK_FALSE(heard.root_note);
    Features named = rooted(unpitched, 48, "C3", "filename");  // a root the file states stays
    drop_unpitched_drum_root(named);
    CHECK(named.root_midi == 48);
  }
  for (const char* tuned : {"tom", "kick", "percussion", "drum loop"}) {
    CAPTURE(tuned);
    Features f = rooted(tuned, 43, "G2");
    drop_unpitched_drum_root(f);
    CHECK(f.root_midi == 43);
  }
}

}  // namespace samplemind::audio
