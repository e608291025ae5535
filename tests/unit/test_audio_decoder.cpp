// The decoder on real files written to a temporary folder.
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "support/audio_writer.hpp"
#include "support/synth.hpp"
#include "audio/audio_decoder.hpp"
#include "metadata/stated_values.hpp"
#include "audio/feature_extractor.hpp"

using namespace samplemind;
using namespace samplemind::audio;

namespace {

struct TempFolder {
  std::filesystem::path path;
  TempFolder()
      : path(std::filesystem::temp_directory_path() / ("samplemind-audio-test-" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(path);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

std::vector<float> stereo_tone(double seconds, int rate) {
  std::vector<float> mono = silence(seconds, rate);
  add_note(mono, rate, 0.0, seconds, 220.0, 0.5, Timbre::sine);
  std::vector<float> stereo(mono.size() * 2);
  for (std::size_t i = 0; i < mono.size(); ++i) {
    stereo[2 * i] = mono[i];
    stereo[2 * i + 1] = -mono[i];  // opposite phase: the downmix cancels, loudness must not
  }
  return stereo;
}

}  // namespace

TEST_CASE("audio decoder: streams a stereo wav in blocks with its header info") {
  TempFolder folder;
  const auto file = folder.path / "tone.wav";
  const std::vector<float> stereo = stereo_tone(1.0, 48000);
  REQUIRE(write_audio_file(file, stereo, {.sample_rate = 48000, .channels = 2, .format = FileFormat::wav24}).ok);

  auto decoder = AudioDecoder::open(file);
  REQUIRE(decoder.ok());
  CHECK(decoder->info().sample_rate == 48000);
  CHECK(decoder->info().channels == 2);
  CHECK(decoder->info().frames == 48000);
  CHECK_FALSE(decoder->loop_metadata().has_value());
  std::vector<float> block;
  std::size_t total = 0, reads = 0;
  while (const std::size_t frames = decoder->read_interleaved(block, 4096)) {
    CHECK(block.size() == frames * 2);
    total += frames;
    ++reads;
  }
  CHECK(total == 48000);
  CHECK(reads > 10);
}

TEST_CASE("audio decoder: loudness and peak see the real channels, not the downmix") {
  TempFolder folder;
  const auto file = folder.path / "phase.flac";
  REQUIRE(write_audio_file(file, stereo_tone(2.0, 44100), {.sample_rate = 44100, .channels = 2, .format = FileFormat::flac}).ok);
  const auto features = extract_features_from_file(file);
  REQUIRE(features.ok());
  CHECK(features->channels == 2);
  CHECK(features->peak_dbfs == doctest::Approx(-6.02).epsilon(0.02));
  CHECK(features->loudness_lufs > -12.0);
}

TEST_CASE("audio decoder: an ACID chunk becomes metadata tempo") {
  TempFolder folder;
  const auto file = folder.path / "acid.wav";
  std::vector<float> clicks = silence(4.0, 44100);
  for (int beat = 0; beat < 8; ++beat) add_click(clicks, 44100, beat * 0.5, 0.8);
  REQUIRE(write_audio_file(file, clicks, {.sample_rate = 44100, .channels = 1, .format = FileFormat::wav16,
                                          .acid_bpm = 123.0, .acid_beats = 8}).ok);
  auto decoder = AudioDecoder::open(file);
  REQUIRE(decoder.ok());
  REQUIRE(decoder->loop_metadata().has_value());
  CHECK(decoder->loop_metadata()->bpm == doctest::Approx(123.0));
  auto features = extract_features_from_file(file);
  REQUIRE(features.ok());
  REQUIRE(features->stated.bpm.has_value());
  CHECK(*features->stated.bpm == doctest::Approx(123.0));
  CHECK(features->stated.bpm_source == "acid");
  resolve_stated_values(*features, {}, StatementOptions{});
  CHECK(features->tempo_bpm == doctest::Approx(123.0));
  CHECK(features->tempo_source == "acid");
  CHECK(features->kind == "loop");
  resolve_stated_values(*features, {}, StatementOptions{true, std::nullopt});  // --ignore-metadata: the audio's reading
  CHECK(features->tempo_source == "audio");
}

TEST_CASE("audio decoder: clear errors for files that are not audio") {
  TempFolder folder;
  const auto text = folder.path / "notes.wav";
  std::ofstream(text) << "this is not audio";
  auto garbage = AudioDecoder::open(text);
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.error().rfind("not a readable audio file: ", 0) == 0);
  CHECK(garbage.error().find(text.string()) == std::string::npos);

  auto missing = AudioDecoder::open(folder.path / "missing.wav");
  CHECK_FALSE(missing.ok());

  // An .mp3 with no MPEG frame in it: libsndfile calls it a missing or irregular file, which
  // it is not; the error names the data instead.
  const auto junk_mp3 = folder.path / "junk.mp3";
  {
    std::ofstream out(junk_mp3, std::ios::binary);
    for (int i = 0; i < 200000; ++i) out.put(static_cast<char>((i * 7919 + (i >> 3)) & 0x7f));
  }
  auto junk = AudioDecoder::open(junk_mp3);
  REQUIRE_FALSE(junk.ok());
  CHECK(junk.error() == "not a readable audio file: no decodable audio stream found (unrecognised or damaged data)");

  const auto empty = folder.path / "empty.wav";
  REQUIRE(write_audio_file(empty, std::vector<float>{}, {.sample_rate = 44100, .channels = 1}).ok);
  auto no_frames = AudioDecoder::open(empty);
  REQUIRE_FALSE(no_frames.ok());
  CHECK(no_frames.error() == "file has no audio frames");
  const auto features = extract_features_from_file(empty);
  CHECK_FALSE(features.ok());
}

TEST_CASE("audio decoder: a header with an absurd sample rate is an error, not a hang") {
  TempFolder folder;
  const auto file = folder.path / "one_hertz.wav";
  REQUIRE(write_audio_file(file, std::vector<float>(4000, 0.25f), {.sample_rate = 44100, .channels = 1}).ok);
  {  // patch the fmt chunk's sample rate (bytes 24-27) and byte rate (28-31) to 1 Hz
    std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
    const char one[4] = {1, 0, 0, 0};
    bytes.seekp(24);
    bytes.write(one, 4);
    bytes.write(one, 4);
  }
  auto decoder = AudioDecoder::open(file);
  REQUIRE_FALSE(decoder.ok());
  CHECK(decoder.error().find("1 Hz") != std::string::npos);
}

TEST_CASE("audio decoder: a missing file names its own error while other files open on other threads") {
  // libsndfile's last-error slot is process-wide: a good file opening on another thread
  // used to turn this file's reason into "No Error." (seen in CI for an unreadable file).
  TempFolder folder;
  const auto good = folder.path / "good.wav";
  REQUIRE(write_audio_file(good, std::vector<float>(4410, 0.1f), {.sample_rate = 44100, .channels = 1}).ok);
  std::atomic<bool> done{false};
  std::atomic<int> good_failures{0};
  std::thread opener([&] {
    while (!done.load()) {
      if (!AudioDecoder::open(good).ok()) ++good_failures;
    }
  });
  int named = 0;
  for (int i = 0; i < 300; ++i) {
    auto missing = AudioDecoder::open(folder.path / "missing.wav");
    REQUIRE_FALSE(missing.ok());
    if (missing.error() == "not a readable audio file: No such file or directory") ++named;
  }
  done = true;
  opener.join();
  CHECK(named == 300);
  CHECK(good_failures.load() == 0);
}

TEST_CASE("audio decoder: stray NaN samples are zeroed and analysed, a file made of them is an error") {
  TempFolder dir;
  WriteOptions options;
  options.format = FileFormat::wav_float;
  std::vector<float> tone = silence(1.0, 44100);
  add_note(tone, 44100, 0.0, 1.0, 440.0, 0.5, Timbre::sine);

  std::vector<float> stray = tone;
  for (std::size_t i = 0; i < stray.size(); i += 50) stray[i] = std::nanf("");  // 2%
  REQUIRE(write_audio_file(dir.path / "stray.wav", stray, options));
  auto decoder = AudioDecoder::open(dir.path / "stray.wav");
  REQUIRE(decoder);
  std::vector<float> block;
  while (decoder->read_interleaved(block, 4096) > 0) {
    for (const float v : block) REQUIRE(std::isfinite(v));
  }
  CHECK(decoder->samples_read() == stray.size());
  CHECK(decoder->non_finite_samples() == (stray.size() + 49) / 50);
  const auto stray_features = extract_features_from_file(dir.path / "stray.wav");
  REQUIRE(stray_features);
  CHECK(stray_features->root_note == std::optional<std::string>("A4"));

  std::vector<float> damaged = tone;
  for (std::size_t i = 0; i < damaged.size(); ++i) {
    if (i % 4 != 0) damaged[i] = (i % 2 != 0) ? std::nanf("") : INFINITY;  // 75%
  }
  REQUIRE(write_audio_file(dir.path / "damaged.wav", damaged, options));
  const auto damaged_features = extract_features_from_file(dir.path / "damaged.wav");
  REQUIRE_FALSE(damaged_features);
  CHECK(damaged_features.error().find("not finite numbers (NaN or infinity") != std::string::npos);
  CHECK(damaged_features.error().find(std::to_string(damaged.size())) != std::string::npos);
}

TEST_CASE("audio decoder: each sample read is finite and within +60 dBFS, the rest kept exactly") {
  TempFolder dir;
  WriteOptions options;
  options.format = FileFormat::wav_float;
  const float tiny = std::numeric_limits<float>::denorm_min();
  // Odd positions and a length that is no multiple of a vector's width: the vectorised
  // loop's tail must be sanitised too.
  const std::vector<float> written = {0.25f, std::nanf(""), INFINITY, -INFINITY, 1e38f, -1e38f, 999.0f,
                                      -1000.5f, tiny, -0.0f, 0.5f, std::nanf("")};
  const std::vector<float> expected = {0.25f, 0.0f, 0.0f, 0.0f, 1000.0f, -1000.0f, 999.0f,
                                       -1000.0f, tiny, -0.0f, 0.5f, 0.0f};
  REQUIRE(write_audio_file(dir.path / "odd.wav", written, options));
  auto decoder = AudioDecoder::open(dir.path / "odd.wav");
  REQUIRE(decoder);
  std::vector<float> block;
  REQUIRE(decoder->read_interleaved(block, 4096) == written.size());
  REQUIRE(block.size() == expected.size());
  for (std::size_t i = 0; i < block.size(); ++i) {
    INFO("sample " << i);
    CHECK(block[i] == expected[i]);
  }
  CHECK(decoder->non_finite_samples() == 4);
}
