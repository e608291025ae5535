// read_file_statements and the final features of Apple Loops AIFF files: the basc chunk's
// tempo, key and key note with source "basc", beside tags, an INST base note and the name.
#include <doctest/doctest.h>

#include <filesystem>

#include <taglib/aifffile.h>
#include <taglib/id3v2tag.h>
#include <taglib/textidentificationframe.h>

#include "support/apple_loop_files.hpp"
#include "support/stated_files.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::metadata;
using namespace samplemind::testing;
namespace fs = std::filesystem;

namespace {
// A 2 s AIFF of a sine: 4 beats of it are 120 BPM.
void write_two_seconds(const fs::path& path) {
  audio::WriteOptions options;
  options.sample_rate = k_rate_hz;
  options.format = audio::FileFormat::aiff;
  REQUIRE(audio::write_audio_file(path, sine(2.0), options).ok);
}

void tag_aiff(const fs::path& path, const char* bpm, const char* key) {
  TagLib::RIFF::AIFF::File file(path.c_str());
  for (const auto& [id, text] : {std::pair{"TBPM", bpm}, std::pair{"TKEY", key}}) {
    auto* frame = new TagLib::ID3v2::TextIdentificationFrame(TagLib::ByteVector(id), TagLib::String::UTF8);
    frame->setText(TagLib::String(text, TagLib::String::UTF8));
    file.tag()->addFrame(frame);  // the tag owns it
  }
  REQUIRE(file.save());
}
}  // namespace

TEST_CASE("apple loops: tempo and key from basc, and libsndfile's misreading kept out") {
  TempDir dir;
  const fs::path path = dir.path() / "one.aif";
  write_two_seconds(path);
  add_basc(path, {4, 57, 1, 4, 4, 0});
  auto decoder = AudioDecoder::open(path);
  REQUIRE(decoder.ok());
  REQUIRE(decoder->loop_metadata().has_value());
  CHECK_FALSE(decoder->loop_metadata()->bpm.has_value());  // the ACID fields stay empty in an AIFF
  CHECK_FALSE(decoder->loop_metadata()->root_midi.has_value());
  const FileStatements got = read_file_statements(path, decoder->loop_metadata());
  CHECK(got.bpm == 120.0);
  CHECK(got.bpm_source == StatementSource::basc);
  CHECK(got.key == StatedKey{9, true});
  CHECK(got.key_source == StatementSource::basc);
  CHECK_FALSE(got.root.has_value());
  CHECK(source_name(StatementSource::basc) == "basc");
}

TEST_CASE("apple loops: no key states no key and no root (libsndfile's C-1), a one-shot no tempo") {
  TempDir dir;
  const fs::path keyless = dir.path() / "drums.aif";
  write_two_seconds(keyless);
  add_basc(keyless, {4, 0, 3, 4, 4, 0});
  FileStatements got = statements_of(keyless);
  CHECK(got.bpm == 120.0);
  CHECK_FALSE(got.key.has_value());
  CHECK_FALSE(got.root.has_value());

  const fs::path one_shot = dir.path() / "hit.aif";
  write_two_seconds(one_shot);
  add_basc(one_shot, {4, 52, 2, 4, 4, 1});
  got = statements_of(one_shot);
  CHECK_FALSE(got.bpm.has_value());
  CHECK(got.key == StatedKey{4, false});

  const fs::path neither = dir.path() / "riff.aif";  // a key note with no scale: a root, no mode made up
  write_two_seconds(neither);
  add_basc(neither, {4, 55, 3, 4, 4, 0});
  got = statements_of(neither);
  CHECK_FALSE(got.key.has_value());
  CHECK(got.root == StatedRoot{7, std::nullopt});
  CHECK(got.root_source == StatementSource::basc);
}

TEST_CASE("apple loops: basc comes before tags and the name, an INST 60 yields to its key note") {
  TempDir dir;
  const fs::path path = dir.path() / "Loop 90 BPM Dm.aif";
  write_two_seconds(path);
  tag_aiff(path, "100", "F#m");
  add_basc(path, {4, 48, 2, 4, 4, 0});
  const FileStatements got = statements_of(path);
  CHECK(got.bpm == 120.0);
  CHECK(got.bpm_source == StatementSource::basc);
  CHECK(got.key == StatedKey{0, false});
  CHECK(got.key_source == StatementSource::basc);

  StatementsBySource sources;
  sources.smpl.root = StatedRoot{0, 60};  // a sampler's default unity note
  sources.smpl.root_source = StatementSource::smpl;
  sources.basc.root = StatedRoot{7, std::nullopt};
  sources.basc.root_source = StatementSource::basc;
  CHECK(combine_statements(sources).root_source == StatementSource::basc);
  sources.smpl.root = StatedRoot{2, 62};  // a unity note someone set
  CHECK(combine_statements(sources).root_source == StatementSource::smpl);
}

TEST_CASE("apple loops: the final features report basc, keep the audio beside it, and obey --ignore-metadata") {
  TempDir dir;
  const fs::path path = dir.path() / "pad.aif";
  write_two_seconds(path);
  add_basc(path, {4, 50, 1, 4, 4, 0});
  const Features f = final_features(path);
  REQUIRE(f.tempo_bpm.has_value());
  CHECK(*f.tempo_bpm == 120.0);
  CHECK(f.tempo_source == "basc");
  CHECK(f.kind == "loop");  // a held sine: no pulse, but the chunk says the file is 4 beats
  CHECK(f.key == "D");
  CHECK(f.mode == "minor");
  CHECK(f.key_source == "basc");
  CHECK_FALSE(f.tempo_bpm_audio.has_value());

  auto extracted = extract_features_from_file(path);
  REQUIRE(extracted.ok());
  Features ignored = *extracted;
  apply_file_statements(ignored, path, StatementOptions{true, std::nullopt});
  CHECK(ignored.tempo_source == "audio");
  CHECK(ignored.key_source == "audio");
  CHECK_FALSE(ignored.tempo_bpm.has_value());
  CHECK(ignored.kind == "one-shot");
}
