// An MP3 is recognised by its first bytes and opened with mpg123 alone, quiet: a frame
// header must name values that exist, an ID3v2 tag is stepped over, and an ID3 tag in front
// of another format (a FLAC some taggers prefix) is left to libsndfile.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "audio/audio_decoder.hpp"
#include "audio/mpeg_header.hpp"
#include "support/audio_writer.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace samplemind;
namespace fs = std::filesystem;
using Bytes = std::vector<unsigned char>;

constexpr int k_rate_hz = 44100;

std::vector<float> tone(double seconds) {
  std::vector<float> samples(static_cast<std::size_t>(seconds * k_rate_hz));
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = 0.3f * static_cast<float>(std::sin(2.0 * M_PI * 330.0 * i / k_rate_hz));
  return samples;
}

Bytes read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const fs::path& path, const Bytes& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// An ID3v2.4 tag (10-byte header, body size 17) with one text frame, a title: 27 bytes.
Bytes id3_tag() {
  return {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 17, 'T', 'I', 'T', '2', 0, 0, 0, 7, 0, 0, 3, 'l', 'o', 'o', 'p', '0', '1'};
}

bool file_starts_with_mpeg_audio(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const bool mpeg = audio::starts_with_mpeg_audio(fd);
  if (fd >= 0) ::close(fd);
  return mpeg;
}

// What the process writes to its stderr while fn runs (fd 2 pointed at a file meanwhile).
template <typename Fn>
std::string stderr_during(const fs::path& capture, Fn fn) {
  std::fflush(stderr);
  const int saved = ::dup(2);
  const int file = ::open(capture.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ::dup2(file, 2);
  fn();
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  ::close(file);
  const Bytes written = read_bytes(capture);
  return std::string(written.begin(), written.end());
}

}  // namespace

TEST_CASE("mpeg header: a frame header names a version, layer, bitrate and rate that exist") {
  CHECK(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xFB, 0x90, 0x64}));   // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz
  CHECK(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xF3, 0xB0, 0x44}));   // MPEG-2 Layer III, 22.05 kHz
  CHECK(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xFD, 0x90, 0x04}));   // MPEG-1 Layer II
  CHECK(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xFB, 0x00, 0x00}));   // free format
  CHECK_FALSE(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xF1, 0x50, 0x80}));  // AAC ADTS: layer 0
  CHECK_FALSE(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xD8, 0xFF, 0xE0}));  // a JPEG
  CHECK_FALSE(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xEB, 0x90, 0x00}));  // reserved version
  CHECK_FALSE(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xFB, 0xF0, 0x00}));  // bitrate index 15
  CHECK_FALSE(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xFB, 0x0C, 0x00}));  // reserved rate
  CHECK_FALSE(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xFB, 0x90, 0x02}));  // reserved emphasis
  CHECK_FALSE(audio::is_mpeg_audio_frame_header(Bytes{'R', 'I', 'F', 'F'}));
  CHECK_FALSE(audio::is_mpeg_audio_frame_header(Bytes{0xFF, 0xFB, 0x90}));        // too short
}

TEST_CASE("mpeg header: an ID3v2 tag's length counts its header, synchsafe body and footer") {
  CHECK(audio::id3v2_tag_bytes(Bytes{'I', 'D', '3', 4, 0, 0x00, 0, 0, 0x02, 0x01}) == 10u + 257u);
  CHECK(audio::id3v2_tag_bytes(Bytes{'I', 'D', '3', 4, 0, 0x10, 0, 0, 0x02, 0x01}) == 10u + 257u + 10u);
  CHECK(audio::id3v2_tag_bytes(Bytes{'I', 'D', '3', 3, 0, 0x00, 0x7F, 0x7F, 0x7F, 0x7F}) == 10u + 0x0FFFFFFFu);
  CHECK_FALSE(audio::id3v2_tag_bytes(Bytes{'I', 'D', '3', 4, 0, 0, 0, 0, 0x80, 0}));  // not synchsafe
  CHECK_FALSE(audio::id3v2_tag_bytes(Bytes{'I', 'D', '3', 0xFF, 0, 0, 0, 0, 0, 0}));
  CHECK_FALSE(audio::id3v2_tag_bytes(Bytes{'T', 'A', 'G', 4, 0, 0, 0, 0, 0, 0}));
  CHECK_FALSE(audio::id3v2_tag_bytes(Bytes{'I', 'D', '3'}));
}

TEST_CASE("mpeg header: MP3s are recognised with and without an ID3 tag, a FLAC behind one is not") {
  testing::TempDir folder;
  const auto mp3 = folder.path() / "plain.mp3", flac = folder.path() / "plain.flac", wav = folder.path() / "plain.wav";
  audio::WriteOptions options;
  options.sample_rate = k_rate_hz;
  options.format = audio::FileFormat::mp3;
  REQUIRE(audio::write_audio_file(mp3, tone(1.0), options).ok);
  options.format = audio::FileFormat::flac;
  REQUIRE(audio::write_audio_file(flac, tone(1.0), options).ok);
  options.format = audio::FileFormat::wav16;
  REQUIRE(audio::write_audio_file(wav, tone(1.0), options).ok);
  CHECK(file_starts_with_mpeg_audio(mp3));
  CHECK_FALSE(file_starts_with_mpeg_audio(flac));
  CHECK_FALSE(file_starts_with_mpeg_audio(wav));

  Bytes tagged = id3_tag();
  const Bytes mp3_bytes = read_bytes(mp3);
  tagged.insert(tagged.end(), mp3_bytes.begin(), mp3_bytes.end());
  write_bytes(folder.path() / "tagged.mp3", tagged);
  CHECK(file_starts_with_mpeg_audio(folder.path() / "tagged.mp3"));

  Bytes tagged_flac = id3_tag();
  const Bytes flac_bytes = read_bytes(flac);
  tagged_flac.insert(tagged_flac.end(), flac_bytes.begin(), flac_bytes.end());
  write_bytes(folder.path() / "tagged.flac", tagged_flac);
  CHECK_FALSE(file_starts_with_mpeg_audio(folder.path() / "tagged.flac"));
  // ... and libsndfile, asked instead, reads the FLAC behind the tag whole.
  auto decoder = AudioDecoder::open(folder.path() / "tagged.flac");
  REQUIRE(decoder.ok());
  CHECK(decoder->info().format.rfind("flac ", 0) == 0);  // libsndfile's names: "flac Signed 16 bit PCM"
  CHECK(decoder->info().frames == k_rate_hz);
}

TEST_CASE("mpeg header: an MP3 whose Xing tag disagrees with its size decodes without a word on stderr") {
  testing::TempDir folder;
  const auto path = folder.path() / "padded.mp3";
  audio::WriteOptions options;
  options.sample_rate = k_rate_hz;
  options.format = audio::FileFormat::mp3;
  REQUIRE(audio::write_audio_file(path, tone(1.0), options).ok);
  Bytes bytes = read_bytes(path);
  bytes.resize(bytes.size() * 2, 0);  // the Xing tag's byte count is now half the file's
  write_bytes(path, bytes);

  std::int64_t decoded = 0;
  std::string format;
  const std::string printed = stderr_during(folder.path() / "stderr.txt", [&] {
    auto decoder = AudioDecoder::open(path);
    if (!decoder) return;
    format = decoder->info().format;
    std::vector<float> block;
    while (const std::size_t frames = decoder->read_interleaved(block, 4096)) decoded += static_cast<std::int64_t>(frames);
  });
  CHECK(printed.empty());  // libsndfile's mpg123 prints "Xing stream size off by more than 1%"
  CHECK(format == "m1a mp3");  // as libsndfile names SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III
  CHECK(decoded == k_rate_hz);  // gapless: the tag's delay and fill are cut, the zeros are no audio
}

TEST_CASE("mpeg header: an MP3 with a damaged tag or junk after it is decoded or refused without a word on stderr") {
  testing::TempDir folder;
  audio::WriteOptions options;
  options.sample_rate = k_rate_hz;
  options.format = audio::FileFormat::mp3;
  const auto plain = folder.path() / "plain.mp3";
  REQUIRE(audio::write_audio_file(plain, tone(1.0), options).ok);
  const Bytes mp3_bytes = read_bytes(plain);

  Bytes padded = id3_tag();  // 300 zero bytes the tag does not count, then the frames
  padded.resize(padded.size() + 300, 0);
  padded.insert(padded.end(), mp3_bytes.begin(), mp3_bytes.end());
  write_bytes(folder.path() / "padded.mp3", padded);
  Bytes damaged = {'I', 'D', '3', 4, 0, 0, 0xDF, 0xDF, 0xDF, 0xDF};  // a size that is not synchsafe
  for (int i = 0; i < 3000; ++i) damaged.push_back(static_cast<unsigned char>((i * 7919) % 251));
  write_bytes(folder.path() / "damaged.mp3", damaged);
  options.format = audio::FileFormat::wav16;
  REQUIRE(audio::write_audio_file(folder.path() / "full.wav", tone(0.1), options).ok);
  Bytes cut_wav = read_bytes(folder.path() / "full.wav");
  cut_wav.resize(11);  // "RIFF", a size and "WAV": libsndfile's, which then tried it as MPEG by its name
  write_bytes(folder.path() / "cut_wav.mp3", cut_wav);

  std::int64_t decoded = 0;
  std::string refusal;
  bool cut_wav_opened = true;
  const std::string printed = stderr_during(folder.path() / "stderr.txt", [&] {
    if (auto decoder = AudioDecoder::open(folder.path() / "padded.mp3")) {
      std::vector<float> block;
      while (const std::size_t frames = decoder->read_interleaved(block, 4096)) decoded += static_cast<std::int64_t>(frames);
    }
    auto refused = AudioDecoder::open(folder.path() / "damaged.mp3");
    if (!refused) refusal = refused.error();
    cut_wav_opened = AudioDecoder::open(folder.path() / "cut_wav.mp3").ok();
  });
  CHECK(printed.empty());  // through libsndfile, its mpg123 printed "Bad tag length (not synchsafe)"
  CHECK(decoded == k_rate_hz);
  CHECK(refusal.find("no decodable audio stream found") != std::string::npos);
  CHECK_FALSE(cut_wav_opened);
}

TEST_CASE("mpeg header: a name or an ID3 tag claims MPEG audio only where no other format's bytes follow") {
  testing::TempDir folder;
  const auto wav = folder.path() / "wav_named.mp3", flac = folder.path() / "plain.flac";
  audio::WriteOptions options;
  options.sample_rate = k_rate_hz;
  REQUIRE(audio::write_audio_file(wav, tone(0.5), options).ok);
  options.format = audio::FileFormat::flac;
  REQUIRE(audio::write_audio_file(flac, tone(0.5), options).ok);
  Bytes tagged_flac = id3_tag();
  const Bytes flac_bytes = read_bytes(flac);
  tagged_flac.insert(tagged_flac.end(), flac_bytes.begin(), flac_bytes.end());
  write_bytes(folder.path() / "tagged_flac.mp3", tagged_flac);
  write_bytes(folder.path() / "junk.mp3", Bytes(64, 0x20));
  write_bytes(folder.path() / "junk.wav", Bytes(64, 0x20));

  const auto claims = [&](const char* name, bool named_mpeg) {
    const int fd = ::open((folder.path() / name).c_str(), O_RDONLY | O_CLOEXEC);
    const bool claimed = audio::claims_mpeg_audio(fd, named_mpeg);
    if (fd >= 0) ::close(fd);
    return claimed;
  };
  CHECK_FALSE(claims("wav_named.mp3", true));     // RIFF: libsndfile's
  CHECK_FALSE(claims("tagged_flac.mp3", true));   // fLaC behind the tag: libsndfile's
  CHECK(claims("junk.mp3", true));                // named MP3, no other format: mpg123 says what it is
  CHECK_FALSE(claims("junk.wav", false));         // neither named nor tagged
  auto decoder = AudioDecoder::open(wav);         // a WAV named .mp3 still decodes as the WAV it is
  REQUIRE(decoder.ok());
  CHECK(decoder->info().frames == k_rate_hz / 2);
}
