// Writing tempo and key tags: every format gets its fields, the decoded audio never changes,
// agreeing tags are left alone, read-only files and dry runs write nothing.
#include <doctest/doctest.h>

#include <sndfile.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "support/audio_writer.hpp"
#include "metadata/tag_statements.hpp"
#include "metadata/tag_writer.hpp"
#include "metadata/tag_writer_batch.hpp"
#include "model/tempo_range.hpp"
#include "support/synth.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::metadata;

namespace {

std::vector<float> tone() {
  std::vector<float> samples = audio::silence(0.5, 44100);
  audio::add_note(samples, 44100, 0.0, 0.5, 220.0, 0.5, audio::Timbre::saw);
  return samples;
}

// Every decoded frame, as libsndfile returns them: the audio a tag write must not touch.
std::vector<float> decoded(const std::filesystem::path& path) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  REQUIRE_MESSAGE(file != nullptr, sf_strerror(nullptr));
  std::vector<float> frames(static_cast<std::size_t>(info.frames * info.channels));
  const sf_count_t got = sf_readf_float(file, frames.data(), info.frames);
  sf_close(file);
  frames.resize(static_cast<std::size_t>(got * info.channels));
  return frames;
}

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// An MP3 written by libsndfile's LAME encoder, when this libsndfile has one.
bool write_mp3(const std::filesystem::path& path, const std::vector<float>& samples) {
  SF_INFO info{};
  info.samplerate = 44100;
  info.channels = 1;
  info.format = SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) return false;
  sf_writef_float(file, samples.data(), static_cast<sf_count_t>(samples.size()));
  sf_close(file);
  return true;
}

std::vector<std::filesystem::path> every_format(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (auto format : {audio::FileFormat::wav16, audio::FileFormat::aiff, audio::FileFormat::flac, audio::FileFormat::ogg}) {
    audio::WriteOptions options;
    options.format = format;
    const auto path = folder / ("tone." + std::string(audio::extension_of(format)));
    REQUIRE(audio::write_audio_file(path, tone(), options).ok);
    files.push_back(path);
  }
  if (write_mp3(folder / "tone.mp3", tone())) files.push_back(folder / "tone.mp3");
  else MESSAGE("libsndfile cannot write MP3 here: MP3 not covered");
  return files;
}

}  // namespace

TEST_CASE("tag writer: key notations and tempo text") {
  CHECK(key_in_notation(9, true, KeyNotation::standard) == "Am");
  CHECK(key_in_notation(9, true, KeyNotation::camelot) == "8A");
  CHECK(key_in_notation(9, true, KeyNotation::open_key) == "1m");
  CHECK(key_in_notation(0, false, KeyNotation::open_key) == "1d");
  CHECK(key_in_notation(11, false, KeyNotation::camelot) == "1B");
  CHECK(key_in_notation(11, false, KeyNotation::open_key) == "6d");
  CHECK(key_in_notation(6, true, KeyNotation::standard) == "F#m");
  CHECK(bpm_text(128.0) == "128");
  CHECK(bpm_text(136.899) == "136.9");
  CHECK(bpm_text(99.995) == "100");
  CHECK_FALSE(key_notation_from_name("lancelot"));
}

TEST_CASE("tag writer: every format gets tempo and key, the audio stays byte-identical") {
  testing::TempDir dir;
  for (const auto& path : every_format(dir.path())) {
    CAPTURE(path.filename().string());
    const std::vector<float> before = decoded(path);
    auto written = write_tags(path, TagValues{124.0, std::string("Am")}, false);
    REQUIRE_MESSAGE(written, (written ? "" : written.error()));
    CHECK(written->written);
    CHECK(written->changes.size() >= 2);
    const std::vector<float> after = decoded(path);
    REQUIRE(after.size() == before.size());
    CHECK(std::memcmp(after.data(), before.data(), after.size() * sizeof(float)) == 0);
    const FileStatements stated = read_tag_statements(path);  // samplemind's own reader agrees
    CHECK(stated.bpm == 124.0);
    REQUIRE(stated.key);
    CHECK(stated.key->tonic_pc == 9);
    CHECK(stated.key->minor == true);
    // A second run finds the tags agree and does not touch the file.
    struct stat first {};
    REQUIRE(::stat(path.c_str(), &first) == 0);
    auto again = write_tags(path, TagValues{124.0, std::string("Am")}, false);
    REQUIRE(again);
    CHECK(again->changes.empty());
    CHECK_FALSE(again->written);
    struct stat second {};
    REQUIRE(::stat(path.c_str(), &second) == 0);
    CHECK(first.st_mtim.tv_nsec == second.st_mtim.tv_nsec);
    CHECK(first.st_ino == second.st_ino);
  }
}

TEST_CASE("tag writer: a dry run and a read-only file change nothing") {
  testing::TempDir dir;
  audio::WriteOptions options;
  const auto path = dir.path() / "loop.wav";
  REQUIRE(audio::write_audio_file(path, tone(), options).ok);
  const std::string original = bytes_of(path);
  auto planned = write_tags(path, TagValues{90.0, std::string("C")}, true);
  REQUIRE(planned);
  CHECK_FALSE(planned->written);
  CHECK_FALSE(planned->changes.empty());
  CHECK(bytes_of(path) == original);

  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::group_read);
  auto refused = write_tags(path, TagValues{90.0, std::string("C")}, false);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().find("read-only") != std::string::npos);
  CHECK(bytes_of(path) == original);
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("tag writer: RIFF keywords are not overwritten, a batch goes on after a failure") {
  testing::TempDir dir;
  audio::WriteOptions options;
  const auto good = dir.path() / "good.wav";
  REQUIRE(audio::write_audio_file(good, tone(), options).ok);
  const auto text = dir.path() / "notes.wav";
  { std::ofstream(text) << "not audio at all"; }
  std::vector<FileToTag> files(2);
  files[0].path = text.string();
  files[0].features.tempo_bpm = 100.0;
  files[1].path = good.string();
  files[1].features.tempo_bpm = 100.0;
  files[1].features.key = "E";
  files[1].features.mode = "minor";
  std::ostringstream out;
  const TagBatchCounts counts = tag_files(files, {KeyNotation::camelot, false}, out);
  CHECK(counts.failed == 1);
  CHECK(counts.changed == 1);
  const FileStatements stated = read_tag_statements(good);
  CHECK(stated.bpm == 100.0);
  REQUIRE(stated.key);
  CHECK(stated.key->tonic_pc == 4);
  CHECK(out.str().find("9A") != std::string::npos);
}

TEST_CASE("tag writer: the file's extended attributes are kept") {
  testing::TempDir dir;
  for (const auto& path : every_format(dir.path())) {
    CAPTURE(path.filename().string());
    if (::setxattr(path.c_str(), "user.xdg.comment", "keeper", 6, 0) != 0) {
      MESSAGE("this file system keeps no user extended attributes: not checked");
      return;
    }
    auto written = write_tags(path, TagValues{96.0, std::string("Gm")}, false);
    REQUIRE_MESSAGE(written, (written ? "" : written.error()));
    CHECK(written->written);
    char value[16] = {};
    const ssize_t got = ::getxattr(path.c_str(), "user.xdg.comment", value, sizeof(value));
    CHECK(std::string(value, got > 0 ? static_cast<std::size_t>(got) : 0) == "keeper");
    CHECK(read_tag_statements(path).bpm == 96.0);
  }
}
