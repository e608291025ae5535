// A root the file states replaces the audio's in root_note; root_note_audio keeps what the
// audio heard beside it (as key_audio and tempo_bpm_audio do), so "Bass C.wav" that sounds an
// A is visible. Feature-cache entries written before the field existed fill it from their root.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "audio/category_classifier.hpp"
#include "audio/feature_extractor.hpp"
#include "metadata/stated_values.hpp"
#include "model/features.hpp"
#include "support/stated_files.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::testing;
namespace fs = std::filesystem;

TEST_CASE("root audio: a name's root is final and the audio's A3 stays beside it") {
  TempDir dir;
  const fs::path named = dir.path() / "Pad C.wav";  // the support's sine is A3 (220 Hz)
  write(named, audio::FileFormat::wav16);
  const Features f = final_features(named);
  CHECK(f.root_note == "C");
  CHECK(f.root_source == "filename");
  CHECK(f.root_note_audio == "A3");
  const std::string json = features_json_text(f);
  CHECK(json.find("\"root_note_audio\":\"A3\"") != std::string::npos);

  const fs::path plain = dir.path() / "Pad.wav";
  write(plain, audio::FileFormat::wav16);
  const Features audio_only = final_features(plain);
  CHECK(audio_only.root_note == "A3");
  CHECK(audio_only.root_source == "audio");
  CHECK(audio_only.root_note_audio == "A3");

  Features ignored = *extract_features_from_file(named);
  apply_file_statements(ignored, named, StatementOptions{true, std::nullopt});  // --ignore-metadata
  CHECK(ignored.root_note == "A3");
  CHECK(ignored.root_note_audio == "A3");
}

TEST_CASE("root audio: an older cache entry fills it from an audio root, never from a stated one") {
  const auto old_audio = features_from_json_text(R"({"kind":"one-shot","root_note":"C4","root_midi":60,"root_source":"audio"})");
  REQUIRE(old_audio.ok());
  CHECK(old_audio->root_note_audio == "C4");

  const auto old_stated = features_from_json_text(R"({"kind":"one-shot","root_note":"C","root_source":"filename"})");
  REQUIRE(old_stated.ok());
  CHECK_FALSE(old_stated->root_note_audio.has_value());

  const auto current = features_from_json_text(R"({"kind":"one-shot","root_note":"C4","root_source":"audio","root_note_audio":null})");
  REQUIRE(current.ok());
  CHECK_FALSE(current->root_note_audio.has_value());  // written by this version: null means none

  const auto round_trip = features_from_json_text(features_json_text(*old_audio));
  REQUIRE(round_trip.ok());
  CHECK(round_trip->root_note_audio == "C4");
}

TEST_CASE("root audio: what the audio heard on a hat or snare is no pitch, whatever the name states") {
  for (const char* source : {"audio", "filename"}) {
    CAPTURE(source);
    Features snare;
    snare.category = "snare";
    snare.root_midi = 62;
    snare.root_note = "D4";
    snare.root_source = source;
    snare.root_note_audio = "D4";
    audio::drop_unpitched_drum_root(snare);
    CHECK_FALSE(snare.root_note_audio.has_value());
    CHECK(snare.root_note.has_value() == (std::string(source) == "filename"));  // a name's root is the user's word
  }
  Features kick;  // a kick may be tuned: it keeps both
  kick.category = "kick";
  kick.root_midi = 36;
  kick.root_note = "C2";
  kick.root_note_audio = "C2";
  audio::drop_unpitched_drum_root(kick);
  CHECK(kick.root_note_audio == "C2");
}
