// A FIFO named on the command line is copied into an unlinked temporary file before it is
// decoded: FLAC and MP3 streams decode as their files do (FLAC "lost sync" on a pipe), a
// stream that is no audio is refused after its first 64 KB without waiting for its end, and
// a stream past the size line is refused.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "audio/audio_decoder.hpp"
#include "audio/stream_spool.hpp"
#include "support/audio_writer.hpp"
#include "support/fifo_feeder.hpp"
#include "support/synth.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace samplemind;
namespace fs = std::filesystem;

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Decoded {
  AudioInfo info;
  std::vector<float> samples;
};

Decoded decode_all(const fs::path& path) {
  auto decoder = AudioDecoder::open(path);
  REQUIRE_MESSAGE(decoder, (decoder ? "" : decoder.error()));
  Decoded decoded{decoder->info(), {}};
  std::vector<float> block;
  while (decoder->read_interleaved(block, 4096) > 0) decoded.samples.insert(decoded.samples.end(), block.begin(), block.end());
  return decoded;
}

// A two-second organ chord, written in `format`.
fs::path chord_file(const fs::path& folder, audio::FileFormat format) {
  std::vector<float> samples = audio::silence(2.0, 44100);
  audio::add_note(samples, 44100, 0.0, 2.0, 220.0, 0.3, audio::Timbre::organ);
  audio::add_note(samples, 44100, 0.5, 1.5, 277.18, 0.3, audio::Timbre::organ);
  audio::WriteOptions options;
  options.format = format;
  const fs::path path = folder / ("chord." + std::string(audio::extension_of(format)));
  CAPTURE(path.string());
  const Status written = audio::write_audio_file(path, samples, options);
  REQUIRE_MESSAGE(written.ok, written.error);
  return path;
}

fs::path make_fifo(const fs::path& path) {
  REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
  return path;
}

}  // namespace

TEST_CASE("stream spool: FLAC and MP3 streams through a FIFO decode as their files do") {
  testing::TempDir dir;
  for (const auto format : {audio::FileFormat::flac, audio::FileFormat::mp3, audio::FileFormat::wav16}) {
    const fs::path file = chord_file(dir.path(), format);
    CAPTURE(file.filename().string());
    const fs::path fifo = make_fifo(dir.path() / ("stream-" + file.filename().string()));
    const Decoded from_file = decode_all(file);
    Decoded from_stream;
    {
      testing::FifoFeeder feeder(fifo, bytes_of(file));
      from_stream = decode_all(fifo);
    }
    CHECK(from_stream.info.sample_rate == from_file.info.sample_rate);
    CHECK(from_stream.info.frames == from_file.info.frames);
    CHECK(from_stream.samples == from_file.samples);
    fs::remove(fifo);
  }
}

TEST_CASE("stream spool: a stream that is no audio is refused after its head, without waiting for its end") {
  testing::TempDir dir;
  const fs::path fifo = make_fifo(dir.path() / "noise.wav");
  std::string text;
  while (text.size() < 3 * audio::k_stream_head_bytes) text += "this is a text, not a sound; ";
  testing::FifoFeeder feeder(fifo, text, audio::k_stream_head_bytes);
  auto decoded = AudioDecoder::open(fifo);
  feeder.release();
  REQUIRE_FALSE(decoded);
  CHECK(decoded.error().find("Format not recognised") != std::string::npos);
  CHECK_FALSE(feeder.held_to_limit());
}

TEST_CASE("stream spool: a stream past the size line is refused, one within it is copied whole") {
  testing::TempDir dir;
  const std::string wav = bytes_of(chord_file(dir.path(), audio::FileFormat::wav16));  // about 176 KB
  for (const std::uint64_t line : {std::uint64_t{1} << 20, std::uint64_t{64} << 10}) {
    CAPTURE(line);
    const fs::path fifo = make_fifo(dir.path() / "stream.wav");
    testing::FifoFeeder feeder(fifo, wav);
    const UniqueFd read_end(::open(fifo.c_str(), O_RDONLY | O_CLOEXEC));
    REQUIRE(read_end.get() >= 0);
    auto spooled = audio::spool_stream(read_end.get(), false, line);
    if (line > wav.size()) {
      REQUIRE_MESSAGE(spooled, (spooled ? "" : spooled.error()));
      struct stat info {};
      REQUIRE(::fstat(spooled->get(), &info) == 0);
      CHECK(S_ISREG(info.st_mode));
      CHECK(info.st_nlink == 0);  // unlinked: nothing is left in $TMPDIR
      CHECK(static_cast<std::size_t>(info.st_size) == wav.size());
      std::string copied(wav.size(), '\0');
      CHECK(::pread(spooled->get(), copied.data(), copied.size(), 0) == static_cast<ssize_t>(copied.size()));
      CHECK(copied == wav);
    } else {
      REQUIRE_FALSE(spooled);
      CHECK(spooled.error() == "the stream is longer than 64 KB: not analysed");
    }
    fs::remove(fifo);
  }
}
