// Writing tags into files built to mislead: a WAV whose audio bytes hold a FLAC stream (TagLib
// once tagged the copy as FLAC, inside the WAV's samples), a file TagLib can tag but the decoder
// cannot read, and a name so long that a copy beside it would pass NAME_MAX.
#include <doctest/doctest.h>

#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <taglib/id3v2tag.h>
#include <taglib/textidentificationframe.h>
#include <taglib/wavfile.h>

#include "metadata/tag_statements.hpp"
#include "metadata/tag_writer.hpp"
#include "metadata/tag_writer_batch.hpp"
#include "support/audio_writer.hpp"
#include "support/synth.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::metadata;

namespace {

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void put_le(std::string& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

// A mono 44.1 kHz WAV of format `format_tag` (1 = PCM, 16 bits) whose data chunk is `payload`.
std::string wav_with_payload(const std::string& payload, std::uint16_t format_tag) {
  std::string data = payload;
  if (data.size() % 2 != 0) data.push_back('\0');
  std::string wav = "RIFF";
  put_le(wav, static_cast<std::uint32_t>(4 + 24 + 8 + data.size()), 4);
  wav += "WAVEfmt ";
  put_le(wav, 16, 4);
  put_le(wav, format_tag, 2);
  put_le(wav, 1, 2);         // channels
  put_le(wav, 44100, 4);     // frames per second
  put_le(wav, 88200, 4);     // bytes per second
  put_le(wav, 2, 2);         // block align
  put_le(wav, 16, 2);        // bits
  wav += "data";
  put_le(wav, static_cast<std::uint32_t>(data.size()), 4);
  return wav + data;
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Every decoded sample, as libsndfile returns them.
std::vector<float> decoded(const std::filesystem::path& path) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  REQUIRE_MESSAGE(file != nullptr, sf_strerror(nullptr));
  std::vector<float> frames(static_cast<std::size_t>(info.frames * info.channels));
  frames.resize(static_cast<std::size_t>(sf_readf_float(file, frames.data(), info.frames) * info.channels));
  sf_close(file);
  return frames;
}

std::size_t entries_in(const std::filesystem::path& folder) {
  return static_cast<std::size_t>(
      std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator()));
}

}  // namespace

TEST_CASE("tag writer: a WAV whose samples hold a FLAC stream is tagged as the WAV it is") {
  testing::TempDir dir;
  std::vector<float> tone = audio::silence(0.1, 44100);
  audio::add_note(tone, 44100, 0.0, 0.1, 440.0, 0.5, audio::Timbre::sine);
  audio::WriteOptions flac;
  flac.format = audio::FileFormat::flac;
  const auto inner = dir.path() / "inner.flac";
  REQUIRE(audio::write_audio_file(inner, tone, flac).ok);
  // Padded to the FLAC's own frame count, so TagLib reads the same length, rate and channels
  // whichever of the two it parses: its own check of the audio could not tell them apart.
  std::string payload = bytes_of(inner);
  REQUIRE(payload.size() < 2 * tone.size());
  payload.resize(2 * tone.size(), '\0');
  const auto path = dir.path() / "odd.wav";
  write_bytes(path, wav_with_payload(payload, 1));
  std::filesystem::remove(inner);
  const std::vector<float> before = decoded(path);

  auto written = write_tags(path, TagValues{71.5, std::string("Am")}, false);
  REQUIRE_MESSAGE(written, (written ? "" : written.error()));
  CHECK(written->written);
  const std::vector<float> after = decoded(path);
  REQUIRE(after.size() == before.size());
  CHECK(std::memcmp(after.data(), before.data(), after.size() * sizeof(float)) == 0);
  CHECK(read_tag_statements(path).bpm == 71.5);
  CHECK(entries_in(dir.path()) == 1);  // no copy left beside it
}

TEST_CASE("tag writer: a file whose audio the decoder cannot read is not tagged") {
  testing::TempDir dir;
  const auto path = dir.path() / "unknown_codec.wav";
  write_bytes(path, wav_with_payload(std::string(4000, '\x11'), 0x7777));  // no codec has this tag
  const std::string original = bytes_of(path);
  auto refused = write_tags(path, TagValues{120.0, std::string("C")}, false);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().find("audio cannot be checked") != std::string::npos);
  CHECK(bytes_of(path) == original);
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("tag writer: a file name of 250 bytes still gets its copy beside it") {
  testing::TempDir dir;
  const auto path = dir.path() / (std::string(246, 'n') + ".wav");
  std::vector<float> tone = audio::silence(0.2, 44100);
  audio::add_note(tone, 44100, 0.0, 0.2, 220.0, 0.5, audio::Timbre::saw);
  REQUIRE(audio::write_audio_file(path, tone, audio::WriteOptions{}).ok);
  auto written = write_tags(path, TagValues{98.0, std::string("F#m")}, false);
  REQUIRE_MESSAGE(written, (written ? "" : written.error()));
  CHECK(written->written);
  CHECK(read_tag_statements(path).bpm == 98.0);
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("tag writer: a file keeps its owner and group when root tags it") {
  if (::geteuid() != 0) {
    MESSAGE("not root: ownership is not the tag writer's to give");
    return;
  }
  testing::TempDir dir;
  const auto path = dir.path() / "someone_elses.wav";
  std::vector<float> tone = audio::silence(0.2, 44100);
  audio::add_note(tone, 44100, 0.0, 0.2, 220.0, 0.5, audio::Timbre::saw);
  REQUIRE(audio::write_audio_file(path, tone, audio::WriteOptions{}).ok);
  REQUIRE(::chown(path.c_str(), 65534, 65534) == 0);  // nobody / nogroup
  REQUIRE(::chmod(path.c_str(), 0664) == 0);
  auto written = write_tags(path, TagValues{120.0, std::string("C")}, false);
  REQUIRE_MESSAGE(written, (written ? "" : written.error()));
  CHECK(written->written);
  struct stat after {};
  REQUIRE(::stat(path.c_str(), &after) == 0);
  CHECK(after.st_uid == 65534u);
  CHECK(after.st_gid == 65534u);
  CHECK((after.st_mode & 07777) == 0664u);
}

TEST_CASE("tag writer: a tag's old text of 5,000 bytes is shown cut, its control characters escaped") {
  testing::TempDir dir;
  const auto path = dir.path() / "long_tag.wav";
  std::vector<float> tone = audio::silence(0.2, 44100);
  audio::add_note(tone, 44100, 0.0, 0.2, 220.0, 0.5, audio::Timbre::saw);
  REQUIRE(audio::write_audio_file(path, tone, audio::WriteOptions{}).ok);
  {
    TagLib::RIFF::WAV::File file(path.c_str());
    auto* frame = new TagLib::ID3v2::TextIdentificationFrame("TBPM", TagLib::String::UTF8);
    frame->setText(TagLib::String("\x1b[2J" + std::string(5000, '9'), TagLib::String::UTF8));
    file.ID3v2Tag()->addFrame(frame);  // the tag owns the frame
    REQUIRE(file.save());
  }
  std::vector<FileToTag> files(1);
  files[0].path = path.string();
  files[0].features.tempo_bpm = 120.0;
  std::ostringstream out;
  const TagBatchCounts counts = tag_files(files, {KeyNotation::standard, true}, out);
  CHECK(counts.changed == 1);
  const std::string shown = out.str();
  CHECK(shown.size() < 400);
  CHECK(shown.find("\x1b") == std::string::npos);
  CHECK(shown.find("\\x1b[2J999") != std::string::npos);
  CHECK(shown.find("\xe2\x80\xa6") != std::string::npos);  // the ellipsis
}

TEST_CASE("tag writer: a file with another hard link is tagged under this name and says the other keeps the old file") {
  testing::TempDir dir;
  const auto path = dir.path() / "linked.wav", other = dir.path() / "other_name.wav";
  std::vector<float> tone = audio::silence(0.2, 44100);
  audio::add_note(tone, 44100, 0.0, 0.2, 220.0, 0.5, audio::Timbre::saw);
  REQUIRE(audio::write_audio_file(path, tone, audio::WriteOptions{}).ok);
  std::filesystem::create_hard_link(path, other);
  const std::string original = bytes_of(other);
  auto planned = write_tags(path, TagValues{120.0, std::string("C")}, true);
  REQUIRE(planned);
  CHECK(planned->other_names == 1u);
  auto written = write_tags(path, TagValues{120.0, std::string("C")}, false);
  REQUIRE_MESSAGE(written, (written ? "" : written.error()));
  CHECK(written->written);
  CHECK(written->other_names == 1u);
  CHECK(read_tag_statements(path).bpm == 120.0);
  CHECK(bytes_of(other) == original);  // a rename replaces one name: the other keeps the old file
}
