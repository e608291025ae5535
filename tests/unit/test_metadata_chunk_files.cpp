// read_file_statements on WAV files with chunks: the test appends an ACID chunk byte by byte
// and has libsndfile write a smpl unity note, then checks the tempo, root and their sources
// (with the file name's statements beside them).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/stated_files.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::metadata;
using namespace samplemind::testing;
namespace fs = std::filesystem;

namespace {

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

}  // namespace

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
