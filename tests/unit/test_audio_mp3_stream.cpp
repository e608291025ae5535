// An MP3 is read to its end: a variable-bitrate file without its Xing header has only a
// guessed length, and libsndfile stops at the guess.
#include <doctest/doctest.h>

#include <sndfile.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "audio/audio_decoder.hpp"
#include "audio/feature_extractor.hpp"
#include "audio/mp3_stream.hpp"
#include "support/audio_writer.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace samplemind;
namespace fs = std::filesystem;

constexpr int k_rate_hz = 44100;

// A second of loud noise (dear to the encoder: its first frames get a high bitrate) and
// three of a quiet tone (cheap): a length guessed from the first frame falls far short.
std::vector<float> noise_then_tone() {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> noise(-0.8f, 0.8f);
  std::vector<float> samples;
  for (int i = 0; i < k_rate_hz; ++i) samples.push_back(noise(rng));
  for (int i = 0; i < 3 * k_rate_hz; ++i) samples.push_back(0.05f * static_cast<float>(std::sin(2.0 * M_PI * 220.0 * i / k_rate_hz)));
  return samples;
}

// A variable-bitrate MP3 whose Xing header is renamed away; false when this libsndfile
// cannot write MP3 or wrote no such header.
bool write_vbr_mp3_without_header(const fs::path& path, const std::vector<float>& samples) {
  audio::WriteOptions options;
  options.sample_rate = k_rate_hz;
  options.format = audio::FileFormat::mp3_vbr;
  return audio::write_audio_file(path, samples, options).ok && audio::drop_mp3_gapless_tag(path);
}

// Frames libsndfile itself gives out, read until it returns none.
std::int64_t libsndfile_frames(const fs::path& path) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) return -1;
  std::vector<float> block(4096 * static_cast<std::size_t>(info.channels));
  std::int64_t total = 0;
  while (const sf_count_t got = sf_readf_float(file, block.data(), 4096)) total += got;
  sf_close(file);
  return total;
}

}  // namespace

TEST_CASE("mp3 stream: a VBR MP3 without its Xing header is decoded to its end") {
  testing::TempDir dir;
  const std::vector<float> samples = noise_then_tone();
  const fs::path path = dir.path() / "riser.mp3";
  if (!write_vbr_mp3_without_header(path, samples)) {
    MESSAGE("this libsndfile cannot write a VBR MP3 with a Xing header; nothing to read back");
    return;
  }
  auto decoder = AudioDecoder::open(path);
  REQUIRE(decoder);
  CHECK(decoder->info().mpeg_layer3);
  std::vector<float> block;
  std::int64_t decoded = 0;
  while (const std::size_t got = decoder->read_interleaved(block, 4096)) decoded += static_cast<std::int64_t>(got);
  // Without the header the encoder's delay and fill stay: a little more than the source.
  CHECK(decoded >= static_cast<std::int64_t>(samples.size()));
  CHECK(decoded < static_cast<std::int64_t>(samples.size()) + 3 * 1152);
  CHECK(decoded > decoder->info().frames);  // the header's guess falls short; the reading does not stop there
  MESSAGE("libsndfile alone decodes " << libsndfile_frames(path) << " of " << decoded << " frames");

  const Result<Features> features = extract_features_from_file(path);
  REQUIRE(features);
  CHECK(features->duration_s >= static_cast<double>(samples.size()) / k_rate_hz);
}

TEST_CASE("mp3 stream: mpg123 refuses what is no MP3, with a message") {
  testing::TempDir dir;
  const fs::path path = dir.path() / "fake.mp3";
  std::ofstream(path, std::ios::binary) << std::string(64, '\0');
  Result<audio::Mp3Stream> stream = audio::Mp3Stream::open(path);
  if (stream) {
    CHECK(stream->frames() == 0);  // a decoder that finds no frame gives out nothing
    std::vector<float> out(4096);
    CHECK(stream->read_interleaved(out.data(), 4096) == 0);
  } else {
    CHECK_FALSE(stream.error().empty());
  }
  CHECK_FALSE(audio::Mp3Stream::open(dir.path() / "missing.mp3"));
}

TEST_CASE("mp3 stream: an MP3 behind a 40 MB ID3 tag decodes to the same samples as without it") {
  testing::TempDir dir;
  const fs::path plain = dir.path() / "plain.mp3";
  audio::WriteOptions options;
  options.sample_rate = k_rate_hz;
  options.format = audio::FileFormat::mp3;
  std::vector<float> tone(k_rate_hz / 2);
  for (std::size_t i = 0; i < tone.size(); ++i) tone[i] = 0.3f * static_cast<float>(std::sin(2.0 * M_PI * 330.0 * static_cast<double>(i) / k_rate_hz));
  REQUIRE(audio::write_audio_file(plain, tone, options).ok);
  std::ifstream in(plain, std::ios::binary);
  const std::string mp3((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  // ID3v2.4: header, then one PRIV frame of 40 MB (sizes synchsafe); mpg123 is told to skip
  // such a tag, not to parse it (parsed, it held the tag in memory: 216 MB RSS for 200 MB).
  constexpr std::size_t k_body = 40u << 20;
  const auto synchsafe = [](std::size_t n) {
    std::string out;
    for (int shift : {21, 14, 7, 0}) out.push_back(static_cast<char>((n >> shift) & 0x7F));
    return out;
  };
  std::string tagged = "ID3";
  tagged += std::string{'\x04', '\x00', '\x00'} + synchsafe(k_body + 10) + "PRIV" + synchsafe(k_body) + std::string(2, '\0');
  tagged += std::string(k_body, '\0') + mp3;
  const fs::path big = dir.path() / "big_tag.mp3";
  std::ofstream(big, std::ios::binary) << tagged;

  const auto decode = [](const fs::path& path) {
    auto stream = audio::Mp3Stream::open(path);
    REQUIRE_MESSAGE(stream, (stream ? "" : stream.error()));
    std::vector<float> all, block(4096 * static_cast<std::size_t>(stream->channels()));
    while (const std::size_t frames = stream->read_interleaved(block.data(), 4096)) {
      all.insert(all.end(), block.begin(), block.begin() + static_cast<std::ptrdiff_t>(frames * static_cast<std::size_t>(stream->channels())));
    }
    return all;
  };
  const std::vector<float> expected = decode(plain);
  const std::vector<float> behind_tag = decode(big);
  CHECK(expected.size() == tone.size());
  CHECK(behind_tag == expected);
}
