// The key gates on profiles with known answers: a loop whose bass makes its tonic tower over
// the other notes still has a key; the same profile from a one-shot is one note (no key).
#include <doctest/doctest.h>

#include <array>

#include "audio/key_classifier.hpp"

using namespace samplemind::audio;

namespace {
// C# minor over a loud C# bass: the tonic at 1.0, the rest of the triad and scale far below
// half of it (measured shape of a real LMMS loop, docs/features.md "Key").
Chroma tonic_heavy_c_sharp_minor() {
  Chroma chroma;
  chroma.tonal_frames = 20.0;
  chroma.tonalness = 0.8;
  //            C     C#    D     D#    E     F     F#    G     G#    A     A#    B
  chroma.bins = {0.02, 1.00, 0.03, 0.25, 0.33, 0.02, 0.16, 0.03, 0.41, 0.10, 0.05, 0.34};
  return chroma;
}
}  // namespace

TEST_CASE("key classifier: a loop with a towering tonic is read in its key") {
  const KeyEstimate key = classify_key(tonic_heavy_c_sharp_minor(), ProfileSet::bgate, SoundKind::loop);
  REQUIRE(key.tonic.has_value());
  CHECK(*key.tonic == 1);
  CHECK(key.minor);
}

TEST_CASE("key classifier: the same profile from a one-shot is a single note, with no key") {
  CHECK_FALSE(classify_key(tonic_heavy_c_sharp_minor(), ProfileSet::bgate, SoundKind::one_shot).tonic.has_value());
}

TEST_CASE("key classifier: a loop of one pitch class alone has no key either") {
  Chroma chroma = tonic_heavy_c_sharp_minor();
  chroma.bins = {0.02, 1.00, 0.03, 0.05, 0.10, 0.02, 0.06, 0.03, 0.20, 0.05, 0.05, 0.04};
  CHECK_FALSE(classify_key(chroma, ProfileSet::bgate, SoundKind::loop).tonic.has_value());
}

TEST_CASE("key classifier: a drum loop without prominent peaks stays keyless") {
  Chroma chroma = tonic_heavy_c_sharp_minor();
  chroma.tonalness = 0.3;
  CHECK_FALSE(classify_key(chroma, ProfileSet::bgate, SoundKind::loop).tonic.has_value());
}

namespace {
// A clear E major profile (the scale, tonic and fifth strongest).
std::array<double, 12> e_major() {
  //       C     C#    D     D#    E     F     F#    G     G#    A     A#    B
  return {0.05, 0.45, 0.05, 0.40, 1.00, 0.05, 0.45, 0.05, 0.60, 0.45, 0.05, 0.80};
}
}  // namespace

TEST_CASE("key classifier: which key comes from the whitened profile when the plain one has a key") {
  Chroma chroma = tonic_heavy_c_sharp_minor();
  chroma.whitened = e_major();
  const KeyEstimate key = classify_key(chroma, ProfileSet::bgate, SoundKind::loop);
  REQUIRE(key.tonic.has_value());
  CHECK(*key.tonic == 4);
  CHECK_FALSE(key.minor);
}

TEST_CASE("key classifier: a clear whitened profile gives no key to a profile the gates refuse") {
  Chroma drums = tonic_heavy_c_sharp_minor();
  drums.tonalness = 0.3;
  drums.whitened = e_major();
  CHECK_FALSE(classify_key(drums, ProfileSet::bgate, SoundKind::loop).tonic.has_value());
  Chroma note = tonic_heavy_c_sharp_minor();
  note.whitened = e_major();
  CHECK_FALSE(classify_key(note, ProfileSet::bgate, SoundKind::one_shot).tonic.has_value());
}

TEST_CASE("key classifier: a whitened profile that fails the gates leaves the plain key") {
  Chroma chroma = tonic_heavy_c_sharp_minor();  // whitened: all zero
  const KeyEstimate key = classify_key(chroma, ProfileSet::bgate, SoundKind::loop);
  REQUIRE(key.tonic.has_value());
  CHECK(*key.tonic == 1);
  CHECK(key.minor);
}

TEST_CASE("key classifier: a loop that sounds like music needs less peak energy for a key") {
  Chroma chroma = tonic_heavy_c_sharp_minor();
  chroma.tonalness = 0.4;  // below the plain gate (0.5), above the tonal-timbre gate (0.35)
  const KeyEstimate tonal_loop = classify_key(chroma, ProfileSet::bgate, SoundKind::loop, TimbreEvidence::tonal);
  REQUIRE(tonal_loop.tonic.has_value());
  CHECK(*tonal_loop.tonic == 1);
  CHECK(tonal_loop.minor);
  // The same chroma from a loop whose timbre says "drums", or from a one-shot: no key.
  CHECK_FALSE(classify_key(chroma, ProfileSet::bgate, SoundKind::loop, TimbreEvidence::none).tonic.has_value());
  CHECK_FALSE(classify_key(chroma, ProfileSet::bgate, SoundKind::one_shot, TimbreEvidence::tonal).tonic.has_value());
  // Below the lower gate even a tonal-sounding loop stays keyless.
  chroma.tonalness = 0.3;
  CHECK_FALSE(classify_key(chroma, ProfileSet::bgate, SoundKind::loop, TimbreEvidence::tonal).tonic.has_value());
}
