// read_file_statements on real files with tags: the test writes each tag (ID3v2 in MP3/WAV/AIFF,
// Vorbis comments in FLAC/Ogg, RIFF INFO) with TagLib and checks what is read back; broken
// and odd files state nothing. The ACID and smpl chunks: test_metadata_chunk_files.cpp.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sndfile.h>
#include <taglib/aifffile.h>
#include <taglib/flacfile.h>
#include <taglib/id3v2tag.h>
#include <taglib/infotag.h>
#include <taglib/mpegfile.h>
#include <taglib/textidentificationframe.h>
#include <taglib/vorbisfile.h>
#include <taglib/wavfile.h>
#include <taglib/xiphcomment.h>

#include "support/stated_files.hpp"
#include "metadata/file_statements.hpp"
#include "audio/audio_decoder.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::metadata;
using namespace samplemind::testing;
namespace fs = std::filesystem;

namespace {

void set_frame(TagLib::ID3v2::Tag& tag, const char* id, const char* text) {
  tag.removeFrames(id);
  auto* frame = new TagLib::ID3v2::TextIdentificationFrame(TagLib::ByteVector(id), TagLib::String::UTF8);
  frame->setText(TagLib::String(text, TagLib::String::UTF8));
  tag.addFrame(frame);  // the tag owns it
}

bool write_mp3(const fs::path& path) {
  audio::WriteOptions options;
  options.sample_rate = k_rate_hz;
  options.format = audio::FileFormat::mp3;
  return audio::write_audio_file(path, sine(), options).ok;
}

}  // namespace

TEST_CASE("metadata files: ID3v2 TBPM and TKEY in an MP3") {
  testing::TempDir dir;
  const fs::path path = dir.path() / "song.mp3";
  if (!write_mp3(path)) {
    MESSAGE("this libsndfile cannot write MP3; ID3v2 is still covered through WAV and AIFF");
    return;
  }
  {
    TagLib::MPEG::File file(path.c_str());
    set_frame(*file.ID3v2Tag(true), "TBPM", "126");
    set_frame(*file.ID3v2Tag(true), "TKEY", "Ebm");
    REQUIRE(file.save());
  }
  const FileStatements got = read_file_statements(path, std::nullopt);
  CHECK(got.bpm == 126.0);
  CHECK(got.bpm_source == StatementSource::tag);
  CHECK(got.key == StatedKey{3, true});
  CHECK(got.key_source == StatementSource::tag);
  CHECK_FALSE(got.root.has_value());
}

TEST_CASE("metadata files: an ID3v2 chunk in WAV and AIFF") {
  testing::TempDir dir;
  const fs::path wav = dir.path() / "loop.wav";
  write(wav, audio::FileFormat::wav16);
  {
    TagLib::RIFF::WAV::File file(wav.c_str());
    set_frame(*file.ID3v2Tag(), "TBPM", "124");
    set_frame(*file.ID3v2Tag(), "TKEY", "F#m");
    REQUIRE(file.save());
  }
  FileStatements got = statements_of(wav);
  CHECK(got.bpm == 124.0);
  CHECK(got.key == StatedKey{6, true});
  CHECK(got.key_source == StatementSource::tag);

  {  // user frames (TXXX) named BPM and KEY count too; a bare note there has no mode
    TagLib::RIFF::WAV::File file(wav.c_str());
    file.ID3v2Tag()->removeFrames("TBPM");
    file.ID3v2Tag()->removeFrames("TKEY");
    auto* bpm = new TagLib::ID3v2::UserTextIdentificationFrame(TagLib::String::UTF8);
    bpm->setDescription("BPM");
    bpm->setText("99");
    file.ID3v2Tag()->addFrame(bpm);
    auto* key = new TagLib::ID3v2::UserTextIdentificationFrame(TagLib::String::UTF8);
    key->setDescription("Key");
    key->setText("D");
    file.ID3v2Tag()->addFrame(key);
    REQUIRE(file.save());
  }
  got = statements_of(wav);
  CHECK(got.bpm == 99.0);
  CHECK(got.key == StatedKey{2, std::nullopt});

  const fs::path aiff = dir.path() / "loop.aif";
  write(aiff, audio::FileFormat::aiff);
  {
    TagLib::RIFF::AIFF::File file(aiff.c_str());
    set_frame(*file.tag(), "TBPM", "98.5");
    set_frame(*file.tag(), "TKEY", "Bb");  // ID3v2: no "m" means major
    REQUIRE(file.save());
  }
  got = statements_of(aiff);
  CHECK(got.bpm == 98.5);
  CHECK(got.key == StatedKey{10, false});
}

TEST_CASE("metadata files: Vorbis comments in FLAC and Ogg Vorbis, any case, any notation") {
  testing::TempDir dir;
  const fs::path flac = dir.path() / "pad.flac";
  write(flac, audio::FileFormat::flac);
  {
    TagLib::FLAC::File file(flac.c_str());
    file.xiphComment(true)->addField("bpm", "100.5");
    file.xiphComment(true)->addField("initialkey", "8A");  // Camelot: A minor
    REQUIRE(file.save());
  }
  FileStatements got = statements_of(flac);
  CHECK(got.bpm == 100.5);
  CHECK(got.key == StatedKey{9, true});

  const fs::path ogg = dir.path() / "pad.ogg";
  write(ogg, audio::FileFormat::ogg);
  {
    TagLib::Ogg::Vorbis::File file(ogg.c_str());
    file.tag()->addField("TEMPO", "87");
    file.tag()->addField("KEY", "G#");  // no mode in a Vorbis comment: unknown, not major
    REQUIRE(file.save());
  }
  got = statements_of(ogg);
  CHECK(got.bpm == 87.0);
  CHECK(got.key == StatedKey{8, std::nullopt});
}

TEST_CASE("metadata files: RIFF INFO IKEY counts only when it is a key notation") {
  testing::TempDir dir;
  const fs::path wav = dir.path() / "info.wav";
  write(wav, audio::FileFormat::wav16);
  {
    TagLib::RIFF::WAV::File file(wav.c_str());
    file.InfoTag()->setFieldText("IKEY", "Am");
    file.InfoTag()->setFieldText("IBPM", "111");
    REQUIRE(file.save());
  }
  FileStatements got = statements_of(wav);
  CHECK(got.bpm == 111.0);
  CHECK(got.key == StatedKey{9, true});
  {
    TagLib::RIFF::WAV::File file(wav.c_str());
    file.InfoTag()->setFieldText("IKEY", "drums; Am; loop");  // keywords, as the spec means
    REQUIRE(file.save());
  }
  CHECK_FALSE(statements_of(wav).key.has_value());
}

TEST_CASE("metadata files: broken, truncated and odd files state nothing and do not crash") {
  testing::TempDir dir;
  const fs::path tagged = dir.path() / "full.wav";
  write(tagged, audio::FileFormat::wav16);
  {
    TagLib::RIFF::WAV::File file(tagged.c_str());
    set_frame(*file.ID3v2Tag(), "TBPM", "124");
    REQUIRE(file.save());
  }
  std::string bytes;
  {
    std::ifstream in(tagged, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // Every extension TagLib dispatches on, holding a prefix of a real file or garbage.
  int index = 0;
  for (const char* extension : {".wav", ".aif", ".flac", ".ogg", ".mp3", ".m4a"}) {
    for (const std::size_t length : {std::size_t{0}, std::size_t{11}, std::size_t{44}, bytes.size() - 9}) {
      const fs::path path = dir.path() / ("cut" + std::to_string(index++) + extension);
      std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(length));
      CAPTURE(path.string());
      CHECK(statements_of(path).empty());
    }
    const fs::path garbage = dir.path() / ("noise" + std::to_string(index++) + extension);
    std::string noise(4096, '\0');
    for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 2654435761u) >> 13);
    std::ofstream(garbage, std::ios::binary) << noise;
    CHECK(statements_of(garbage).empty());
  }
  CHECK(read_file_statements(dir.path() / "missing.wav", std::nullopt).empty());
  CHECK(read_file_statements(dir.path(), std::nullopt).empty());  // a folder
  {  // non-UTF-8 tag text is no key and no crash
    TagLib::RIFF::WAV::File file(tagged.c_str());
    set_frame(*file.ID3v2Tag(), "TKEY", "\xFF\xFE\xFD");
    file.ID3v2Tag()->removeFrames("TBPM");
    REQUIRE(file.save());
  }
  CHECK(statements_of(tagged).empty());
}
