// read_file_statements on real files: the test writes each source (ID3v2 in MP3/WAV/AIFF,
// Vorbis comments in FLAC/Ogg, RIFF INFO, ACID and smpl chunks) and checks what is read back.
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

#include "support/audio_writer.hpp"
#include "support/synth.hpp"
#include "metadata/file_statements.hpp"
#include "audio/audio_decoder.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::metadata;
namespace fs = std::filesystem;

namespace {

constexpr int k_rate_hz = 44100;

std::vector<float> sine(double seconds = 0.5) {
  std::vector<float> out = audio::silence(seconds, k_rate_hz);
  audio::add_note(out, k_rate_hz, 0.0, seconds, 220.0, 0.5, audio::Timbre::sine);
  return out;
}

void write(const fs::path& path, audio::FileFormat format) {
  audio::WriteOptions options;
  options.sample_rate = k_rate_hz;
  options.format = format;
  REQUIRE(audio::write_audio_file(path, sine(), options).ok);
}

// What the product does: the decoder's chunk reading, then the statements.
FileStatements statements_of(const fs::path& path) {
  auto decoder = AudioDecoder::open(path);
  return read_file_statements(path, decoder.ok() ? decoder->loop_metadata() : std::nullopt);
}

void set_frame(TagLib::ID3v2::Tag& tag, const char* id, const char* text) {
  tag.removeFrames(id);
  auto* frame = new TagLib::ID3v2::TextIdentificationFrame(TagLib::ByteVector(id), TagLib::String::UTF8);
  frame->setText(TagLib::String(text, TagLib::String::UTF8));
  tag.addFrame(frame);  // the tag owns it
}

void put_le(std::string& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

// Appends an 'acid' chunk (24 bytes, little endian) and fixes the RIFF size. Layout, as
// libsndfile reads it: u32 flags (0x01 one-shot, 0x02 root note set, 0x04 stretch, 0x08 disk
// based), u16 root note (MIDI), u16 unknown (0x8000), f32 unknown, u32 beats, u16 meter
// denominator, u16 meter numerator, f32 tempo.
void append_acid(const fs::path& path, float tempo, int root_midi, std::uint32_t flags) {
  std::string chunk = "acid";
  put_le(chunk, 24, 4);
  put_le(chunk, flags, 4);
  put_le(chunk, static_cast<std::uint32_t>(root_midi), 2);
  put_le(chunk, 0x8000, 2);
  put_le(chunk, 0, 4);
  put_le(chunk, 8, 4);
  put_le(chunk, 4, 2);
  put_le(chunk, 4, 2);
  std::uint32_t bits = 0;
  std::memcpy(&bits, &tempo, sizeof(bits));
  put_le(chunk, bits, 4);
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(0, std::ios::end);
  const auto size = static_cast<std::uint32_t>(file.tellp());
  file.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  std::string riff_size;
  put_le(riff_size, size + static_cast<std::uint32_t>(chunk.size()) - 8, 4);
  file.seekp(4);
  file.write(riff_size.data(), 4);
  REQUIRE(file.good());
}

// A 16-bit WAV whose smpl chunk (written by libsndfile) has this MIDI unity note.
void write_wav_with_unity_note(const fs::path& path, int unity_midi) {
  SF_INFO info{};
  info.samplerate = k_rate_hz;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  REQUIRE(file != nullptr);
  SF_INSTRUMENT instrument{};
  instrument.basenote = static_cast<char>(unity_midi);
  instrument.velocity_hi = 127;
  instrument.key_hi = 127;
  CHECK(sf_command(file, SFC_SET_INSTRUMENT, &instrument, sizeof(instrument)) == SF_TRUE);
  const std::vector<float> samples = sine();
  CHECK(sf_writef_float(file, samples.data(), static_cast<sf_count_t>(samples.size())) ==
        static_cast<sf_count_t>(samples.size()));
  sf_close(file);
}

bool write_mp3(const fs::path& path) {
  SF_INFO info{};
  info.samplerate = k_rate_hz;
  info.channels = 1;
  info.format = SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) return false;
  const std::vector<float> samples = sine();
  sf_writef_float(file, samples.data(), static_cast<sf_count_t>(samples.size()));
  sf_close(file);
  return true;
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

TEST_CASE("metadata files: ACID tempo and root, smpl unity note, and the file name together") {
  testing::TempDir dir;
  const fs::path path = dir.path() / "Synth Loop 120 BPM Cm.wav";
  write_wav_with_unity_note(path, 64);
  append_acid(path, 136.9f, 57, 0x02 | 0x04);  // root note set, stretch
  auto decoder = AudioDecoder::open(path);
  REQUIRE(decoder.ok());
  REQUIRE(decoder->loop_metadata().has_value());
  CHECK(decoder->loop_metadata()->unity_note_midi == 64);
  CHECK(decoder->loop_metadata()->root_midi == 57);
  const FileStatements got = read_file_statements(path, decoder->loop_metadata());
  CHECK(got.bpm == 136.9);  // the float 136.89999389648438, rounded to 2 decimals
  CHECK(got.bpm_source == StatementSource::acid);
  CHECK(got.root == StatedRoot{9, 57});
  CHECK(got.root_source == StatementSource::acid);
  CHECK(got.key == StatedKey{0, true});
  CHECK(got.key_source == StatementSource::filename);
}

TEST_CASE("metadata files: an ACID root without its flag, and a smpl unity note alone") {
  testing::TempDir dir;
  const fs::path unflagged = dir.path() / "one.wav";
  write(unflagged, audio::FileFormat::wav16);
  append_acid(unflagged, 90.0f, 62, 0x04);  // root field filled, flag clear: no root stated
  FileStatements got = statements_of(unflagged);
  CHECK(got.bpm == 90.0);
  CHECK_FALSE(got.root.has_value());

  const fs::path one_shot = dir.path() / "two.wav";
  write(one_shot, audio::FileFormat::wav16);
  append_acid(one_shot, 90.0f, 62, 0x01 | 0x02);  // one-shot with a root
  got = statements_of(one_shot);
  CHECK_FALSE(got.bpm.has_value());
  CHECK(got.root == StatedRoot{2, 62});

  const fs::path sampler = dir.path() / "Pad.wav";
  write_wav_with_unity_note(sampler, 64);
  got = statements_of(sampler);
  CHECK(got.root == StatedRoot{4, 64});
  CHECK(got.root_source == StatementSource::smpl);

  const fs::path default_note = dir.path() / "Bass G.wav";  // smpl 60 is a writer's default
  write_wav_with_unity_note(default_note, 60);
  got = statements_of(default_note);
  CHECK(got.root == StatedRoot{7, std::nullopt});
  CHECK(got.root_source == StatementSource::filename);
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
