// Sound Designer II files read through a private folder: libsndfile gets a link to the open
// file and a copy of its checked resource fork, so the audio decodes exactly, a path too long
// for libsndfile no longer matters, no folder is left behind, and a .sd2 name without an SD2
// fork is read as whatever the file is.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <sndfile.h>

#include "audio/audio_decoder.hpp"
#include "audio/sd2_open.hpp"
#include "support/audio_writer.hpp"
#include "support/synth.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace samplemind;
namespace fs = std::filesystem;

// Points TMPDIR at a folder for the test's length, so what samplemind leaves there shows.
struct TemporaryFolderVariable {
  explicit TemporaryFolderVariable(const fs::path& folder) {
    if (const char* old = std::getenv("TMPDIR")) previous = old;
    ::setenv("TMPDIR", folder.c_str(), 1);
  }
  ~TemporaryFolderVariable() {
    if (previous) ::setenv("TMPDIR", previous->c_str(), 1);
    else ::unsetenv("TMPDIR");
  }
  std::optional<std::string> previous;
};

// Stereo 16-bit samples, a different tone per channel, exactly representable in 16 bits.
std::vector<short> stereo_tones(int frames) {
  std::vector<short> samples(static_cast<std::size_t>(frames) * 2);
  for (int i = 0; i < frames; ++i) {
    samples[2 * static_cast<std::size_t>(i)] = static_cast<short>(8000.0 * std::sin(0.03 * i));
    samples[2 * static_cast<std::size_t>(i) + 1] = static_cast<short>(-12000.0 * std::sin(0.011 * i));
  }
  return samples;
}

// An SD2 file as libsndfile writes one off a Mac: the audio in path, the fork in ._NAME.
void write_sd2(const fs::path& path, const std::vector<short>& samples, int rate) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = 2;
  info.format = SF_FORMAT_SD2 | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  REQUIRE_MESSAGE(file != nullptr, sf_strerror(nullptr));
  sf_writef_short(file, samples.data(), static_cast<sf_count_t>(samples.size() / 2));
  sf_close(file);
  REQUIRE(fs::is_regular_file(path.parent_path() / ("._" + path.filename().string())));
}

// Every sample, back in 16-bit units.
std::vector<short> decoded_shorts(const fs::path& path, int expected_rate) {
  auto decoder = AudioDecoder::open(path);
  REQUIRE_MESSAGE(decoder, (decoder ? "" : decoder.error()));
  CHECK(decoder->info().sample_rate == expected_rate);
  CHECK(decoder->info().channels == 2);
  std::vector<short> all;
  std::vector<float> block;
  while (decoder->read_interleaved(block, 1024) > 0) {
    for (float sample : block) all.push_back(static_cast<short>(std::lround(sample * 32768.0f)));
  }
  return all;
}

}  // namespace

TEST_CASE("an SD2 file decodes to its samples, and no private folder is left behind") {
  testing::TempDir dir;
  fs::create_directory(dir.path() / "tmp");
  const TemporaryFolderVariable tmpdir(dir.path() / "tmp");
  const auto samples = stereo_tones(12000);
  write_sd2(dir.path() / "take.sd2", samples, 32000);
  CHECK(decoded_shorts(dir.path() / "take.sd2", 32000) == samples);
  CHECK(fs::is_empty(dir.path() / "tmp"));
  CHECK(audio::resource_fork_problem(dir.path() / "take.sd2") == std::nullopt);
}

TEST_CASE("an SD2 file under a path longer than libsndfile takes decodes") {
  testing::TempDir dir;
  fs::path folder = dir.path();
  for (int i = 0; i < 5; ++i) folder /= std::string(220, static_cast<char>('a' + i));
  fs::create_directories(folder);
  const fs::path path = folder / "take.sd2";
  REQUIRE(path.native().size() > 1100);  // sf_open refuses 1,024 bytes and more by name
  const auto samples = stereo_tones(4000);
  write_sd2(dir.path() / "short.sd2", samples, 44100);  // libsndfile cannot write there either
  fs::rename(dir.path() / "short.sd2", path);
  fs::rename(dir.path() / "._short.sd2", folder / "._take.sd2");
  CHECK(decoded_shorts(path, 44100) == samples);
}

TEST_CASE("a file named .sd2 with no resource fork is read as what it is") {
  testing::TempDir dir;
  std::vector<float> tone = audio::silence(8000.0 / 44100.0, 44100);
  audio::add_note(tone, 44100, 0.0, 0.1, 440.0, 0.5, audio::Timbre::sine);
  REQUIRE(audio::write_audio_file(dir.path() / "take.sd2", tone, audio::WriteOptions{}));
  auto decoder = AudioDecoder::open(dir.path() / "take.sd2");
  REQUIRE_MESSAGE(decoder, (decoder ? "" : decoder.error()));
  CHECK(decoder->info().frames == 8000);
  // A junk fork beside it changes nothing: libsndfile knows the WAV by its header first.
  std::ofstream(dir.path() / "._take.sd2", std::ios::binary) << std::string(600, '\xff');
  auto beside_junk = AudioDecoder::open(dir.path() / "take.sd2");
  REQUIRE_MESSAGE(beside_junk, (beside_junk ? "" : beside_junk.error()));
  CHECK(beside_junk->info().frames == 8000);
}

TEST_CASE("an SD2 file still decodes, by name, when $TMPDIR cannot hold a private folder") {
  testing::TempDir dir;
  const fs::path not_a_folder = dir.path() / "tmpdir-is-a-file";
  std::ofstream(not_a_folder) << "x";
  const TemporaryFolderVariable tmpdir(not_a_folder);
  const auto samples = stereo_tones(3000);
  write_sd2(dir.path() / "take.sd2", samples, 48000);
  CHECK(decoded_shorts(dir.path() / "take.sd2", 48000) == samples);
}
