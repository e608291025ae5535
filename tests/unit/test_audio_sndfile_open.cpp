// libsndfile reads the file the decoder opened and nothing beside it: a Mac resource fork
// (`._NAME`) next to an unrecognised file is never opened (a FIFO there hung the scan), nor
// is `._` in the working folder; headerless telephone audio named .au reads from its first
// byte; a file named .sd2 is refused when its resource fork is not a small regular file.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <sndfile.h>

#include "audio/audio_decoder.hpp"
#include "audio/sd2_open.hpp"
#include "audio/sndfile_open.hpp"
#include "support/audio_writer.hpp"
#include "support/fifo_feeder.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace samplemind;
namespace fs = std::filesystem;

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string not_audio() {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "not audio at all, just text\n";
  return text;
}

// Decodes path while watching fifo: true when anything opened the FIFO for reading. A
// reader that opened it is let go at once (this end opens, so its open returns, and closes,
// so its read ends), so a decoder that would open it fails the test instead of hanging it.
bool decode_opens_fifo(const fs::path& path, const fs::path& fifo, Result<AudioDecoder>* decoded = nullptr) {
  std::atomic<bool> done{false};
  std::atomic<bool> opened{false};
  std::thread watcher([&] {
    while (!done.load()) {
      const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);  // fails with no reader
      if (writer >= 0) {
        opened = true;
        ::close(writer);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  auto result = AudioDecoder::open(path);
  done = true;
  watcher.join();
  if (decoded != nullptr) *decoded = std::move(result);
  return opened.load();
}

// Restores the working folder when the test ends.
struct WorkingFolder {
  explicit WorkingFolder(const fs::path& folder) : previous(fs::current_path()) { fs::current_path(folder); }
  ~WorkingFolder() { fs::current_path(previous); }
  fs::path previous;
};

std::vector<float> decode_all(const fs::path& path) {
  auto decoder = AudioDecoder::open(path);
  REQUIRE(decoder);
  std::vector<float> all, block;
  while (decoder->read_interleaved(block, 1024) > 0) all.insert(all.end(), block.begin(), block.end());
  return all;
}

}  // namespace

TEST_CASE("a resource fork beside an unrecognised file is never opened, and its bytes change nothing") {
  testing::TempDir dir;
  const fs::path junk = dir.path() / "junk.wav";
  write_text(junk, not_audio());
  const auto alone = AudioDecoder::open(junk);
  REQUIRE_FALSE(alone);
  CHECK(alone.error().find("Format not recognised") != std::string::npos);

  // Bytes libsndfile's SD2 reader takes for a damaged fork ("bad resource fork" before).
  write_text(dir.path() / "._junk.wav", std::string(600, '\xff'));
  const auto beside = AudioDecoder::open(junk);
  REQUIRE_FALSE(beside);
  CHECK(beside.error() == alone.error());

  fs::remove(dir.path() / "._junk.wav");
  REQUIRE(::mkfifo((dir.path() / "._junk.wav").c_str(), 0600) == 0);
  Result<AudioDecoder> decoded = Error{"not run"};
  CHECK_FALSE(decode_opens_fifo(junk, dir.path() / "._junk.wav", &decoded));
  CHECK(decoded.error() == alone.error());
}

TEST_CASE("no `._` in the working folder is opened, whatever the path's length, nor for a stream") {
  testing::TempDir dir;
  REQUIRE(::mkfifo((dir.path() / "._").c_str(), 0600) == 0);
  const WorkingFolder here(dir.path());
  // A path past libsndfile's 1,024-byte name limit was handed over as a bare descriptor, and
  // libsndfile looked for a fork named `._` where the process stood.
  fs::path deep = dir.path();
  for (int i = 0; i < 6; ++i) deep /= std::string(200, static_cast<char>('a' + i));
  fs::create_directories(deep);
  for (const fs::path& junk : {dir.path() / "short.wav", deep / "long.wav"}) {
    write_text(junk, not_audio());
    CAPTURE(junk.native().size());
    Result<AudioDecoder> decoded = Error{"not run"};
    CHECK_FALSE(decode_opens_fifo(junk, dir.path() / "._", &decoded));
    CHECK_FALSE(decoded);
  }
  // Nor for a stream named on the command line: it is copied into a file first, where a bare
  // descriptor made libsndfile look for `._` here as well.
  const fs::path stream = dir.path() / "stream.wav";
  REQUIRE(::mkfifo(stream.c_str(), 0600) == 0);
  testing::FifoFeeder feeder(stream, not_audio());
  Result<AudioDecoder> decoded = Error{"not run"};
  CHECK_FALSE(decode_opens_fifo(stream, dir.path() / "._", &decoded));
  REQUIRE_FALSE(decoded);
  CHECK(decoded.error().find("Format not recognised") != std::string::npos);
}

TEST_CASE("headerless u-law named .au reads every byte as libsndfile's raw reader does, a damaged header does not") {
  testing::TempDir dir;
  std::string bytes;
  for (int i = 0; i < 800; ++i) bytes += static_cast<char>((i * 37) % 256);
  const fs::path raw = dir.path() / "phone.au";
  write_text(raw, bytes);
  const auto decoder = AudioDecoder::open(raw);
  REQUIRE(decoder);
  CHECK(decoder->info().sample_rate == 8000);
  CHECK(decoder->info().channels == 1);
  CHECK(decoder->info().frames == 800);  // by name, libsndfile read on from byte 12

  SF_INFO info{};
  info.format = SF_FORMAT_RAW | SF_FORMAT_ULAW;
  info.samplerate = 8000;
  info.channels = 1;
  SNDFILE* reference = sf_open(raw.c_str(), SFM_READ, &info);
  REQUIRE(reference != nullptr);
  std::vector<float> expected(800);
  CHECK(sf_readf_float(reference, expected.data(), 800) == 800);
  sf_close(reference);
  CHECK(decode_all(raw) == expected);

  // A Sun header naming no encoding libsndfile knows is a damaged .au, not raw audio; nor
  // is a .wav raw.
  const unsigned char sun[] = {'.', 's', 'n', 'd', 0, 0, 0, 24, 0, 0, 0, 64, 0, 0, 0, 99, 0, 0, 0x1f, 0x40, 0, 0, 0, 1};
  write_text(dir.path() / "cut.au", std::string(reinterpret_cast<const char*>(sun), sizeof sun) + std::string(64, 'x'));
  CHECK_FALSE(AudioDecoder::open(dir.path() / "cut.au"));
  write_text(dir.path() / "phone.wav", bytes);
  CHECK_FALSE(AudioDecoder::open(dir.path() / "phone.wav"));
  CHECK(audio::raw_format_for_extension("x.VOX6")->samplerate == 6000);
  CHECK_FALSE(audio::raw_format_for_extension("x.wav"));
}

TEST_CASE("a file named .sd2 is refused when its resource fork is a FIFO or too large, naming the fork") {
  testing::TempDir dir;
  const fs::path sd2 = dir.path() / "take.sd2";
  write_text(sd2, not_audio());
  REQUIRE(::mkfifo((dir.path() / "._take.sd2").c_str(), 0600) == 0);
  Result<AudioDecoder> decoded = Error{"not run"};
  CHECK_FALSE(decode_opens_fifo(sd2, dir.path() / "._take.sd2", &decoded));
  REQUIRE_FALSE(decoded);
  CHECK(decoded.error().find("resource fork ._take.sd2 is not a regular file") != std::string::npos);

  fs::remove(dir.path() / "._take.sd2");
  fs::create_directory(dir.path() / ".AppleDouble");
  write_text(dir.path() / ".AppleDouble" / "take.sd2", std::string((1 << 20) + 1, 'x'));
  const auto big = AudioDecoder::open(sd2);
  REQUIRE_FALSE(big);
  CHECK(big.error().find("resource fork take.sd2 is larger than 1 MB") != std::string::npos);
  CHECK(audio::resource_fork_problem(dir.path() / "other.sd2") == std::nullopt);
}

TEST_CASE("a WAV and an MP3 decode the same by descriptor as the samples written") {
  testing::TempDir dir;
  std::vector<float> samples(22050);
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = 0.25f * static_cast<float>(std::sin(0.05 * static_cast<double>(i)));
  audio::WriteOptions options;
  options.format = audio::FileFormat::wav_float;
  REQUIRE(audio::write_audio_file(dir.path() / "tone.wav", samples, options));
  CHECK(decode_all(dir.path() / "tone.wav") == samples);
  options.format = audio::FileFormat::mp3;
  REQUIRE(audio::write_audio_file(dir.path() / "tone.mp3", samples, options));
  const std::vector<float> mp3 = decode_all(dir.path() / "tone.mp3");
  REQUIRE(mp3.size() == samples.size());  // gapless: the source's length
  double error = 0.0;
  for (std::size_t i = 0; i < mp3.size(); ++i) error = std::max(error, std::abs(static_cast<double>(mp3[i] - samples[i])));
  CHECK(error < 0.05);
}
