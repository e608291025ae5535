// A smpl unity note on a hat, cymbal, snare or clap is a sampler's key mapping or a writer's
// default C4, not the drum's pitch: the final features give such a drum no root. A pitched
// sound and a tuned kick keep theirs (Hydrogen's BJA_Pacific snares carry smpl C4).
#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "metadata/stated_values.hpp"
#include "support/stated_files.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::testing;
namespace fs = std::filesystem;

namespace {

std::vector<float> snare_hit() {
  std::vector<float> out = audio::silence(0.6, k_rate_hz);
  std::mt19937 rng(3);
  audio::add_snare(out, k_rate_hz, 0.01, 0.8, rng);
  return out;
}

std::vector<float> kick_hit() {
  std::vector<float> out = audio::silence(0.6, k_rate_hz);
  audio::add_kick(out, k_rate_hz, 0.01, 0.9);
  return out;
}

}  // namespace

TEST_CASE("drum chunk root: a snare's smpl unity note states no root") {
  TempDir dir;
  const fs::path snare = dir.path() / "SN_03.wav";  // BJA_Pacific's name: no category word
  write_wav_with_unity_note(snare, 60, snare_hit());
  REQUIRE(statements_of(snare).root_source == metadata::StatementSource::smpl);  // the chunk is there
  const Features f = final_features(snare);
  REQUIRE(f.category == "snare");  // named by the audio
  CHECK_FALSE(f.root_midi.has_value());
  CHECK_FALSE(f.root_note.has_value());
  CHECK(f.root_source == "audio");

  const fs::path mapped = dir.path() / "Snare 03.wav";  // named by its name; GM maps a snare to D2
  write_wav_with_unity_note(mapped, 38, audio::silence(0.05, k_rate_hz));
  const Features by_name = final_features(mapped);
  REQUIRE(by_name.category == "snare");
  CHECK_FALSE(by_name.root_note.has_value());
}

TEST_CASE("drum chunk root: a pitched sound and a tuned kick keep their smpl root") {
  TempDir dir;
  const fs::path pad = dir.path() / "Pad.wav";
  write_wav_with_unity_note(pad, 57);  // the support's sine at A3
  const Features tone = final_features(pad);
  CHECK(tone.root_midi == 57);
  CHECK(tone.root_source == "smpl");

  const fs::path kick = dir.path() / "BD_01.wav";
  write_wav_with_unity_note(kick, 36, kick_hit());
  const Features k = final_features(kick);
  REQUIRE(k.category.has_value());
  CHECK(*k.category != "snare");
  CHECK(k.root_midi == 36);  // a kick may be tuned: its chunk's note stays
  CHECK(k.root_source == "smpl");
}
