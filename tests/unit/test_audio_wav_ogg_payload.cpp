// WAV files wrapping an Ogg Vorbis stream (format tag 0x674F, as LMMS ships five samples):
// decoded through the payload, every malformed variant refused cleanly, and a stream whose
// comment header is over 64 MB refused before libvorbis holds it.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "audio/audio_decoder.hpp"
#include "audio/wav_ogg_payload.hpp"
#include "support/audio_writer.hpp"
#include "support/ogg_pages.hpp"
#include "support/temp_dir.hpp"

namespace samplemind::audio {
namespace {

constexpr int k_rate = 44100;

using Bytes = std::vector<unsigned char>;

void put_u32(Bytes& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

void put_chunk(Bytes& out, const char* id, const Bytes& body, std::uint32_t claimed_size) {
  out.insert(out.end(), id, id + 4);
  put_u32(out, claimed_size);
  out.insert(out.end(), body.begin(), body.end());
  if (body.size() % 2 == 1) out.push_back(0);  // RIFF pads odd chunks
}

// The fmt body of a mono 44.1 kHz stream with this format tag (the fields after the tag are
// what LMMS's files carry; the decoder reads only the tag).
Bytes fmt_body(std::uint16_t tag) {
  Bytes body = {static_cast<unsigned char>(tag & 0xFF), static_cast<unsigned char>(tag >> 8), 1, 0};
  put_u32(body, k_rate);
  put_u32(body, 9000);
  body.insert(body.end(), {1, 0, 16, 0});
  return body;
}

struct WrapOptions {
  std::uint16_t tag = 0x674F;
  std::uint32_t extra_data_size = 0;  // claimed beyond the payload: a lying header
  int junk_chunks = 0;                // odd-sized chunks before the data
};

// A RIFF/WAVE file whose data chunk holds `ogg` (a whole Ogg Vorbis file).
Bytes wrap_in_wav(const Bytes& ogg, const WrapOptions& options) {
  Bytes chunks;
  put_chunk(chunks, "fmt ", fmt_body(options.tag), 16);
  for (int i = 0; i < options.junk_chunks; ++i) put_chunk(chunks, "junk", Bytes{1, 2, 3}, 3);
  put_chunk(chunks, "data", ogg, static_cast<std::uint32_t>(ogg.size()) + options.extra_data_size);
  Bytes file = {'R', 'I', 'F', 'F'};
  put_u32(file, static_cast<std::uint32_t>(chunks.size() + 4));
  file.insert(file.end(), {'W', 'A', 'V', 'E'});
  file.insert(file.end(), chunks.begin(), chunks.end());
  return file;
}

Bytes read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const std::filesystem::path& path, const Bytes& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// One second of a 440 Hz sine as an Ogg Vorbis file, written by libsndfile.
Bytes sine_ogg(const testing::TempDir& dir) {
  std::vector<float> sine(k_rate);
  for (std::size_t i = 0; i < sine.size(); ++i) sine[i] = static_cast<float>(0.5 * std::sin(2.0 * M_PI * 440.0 * double(i) / k_rate));
  const auto path = dir.path() / "sine.ogg";
  WriteOptions options;
  options.format = FileFormat::ogg;
  REQUIRE(write_audio_file(path, sine, options));
  return read_bytes(path);
}

// Upward zero crossings per second of the decoded mono signal.
double crossings_per_second(AudioDecoder& decoder) {
  std::vector<float> block;
  std::vector<float> all;
  while (decoder.read_mono(block, 4096) > 0) all.insert(all.end(), block.begin(), block.end());
  int crossings = 0;
  for (std::size_t i = 1; i < all.size(); ++i) crossings += all[i - 1] < 0.0f && all[i] >= 0.0f ? 1 : 0;
  return all.empty() ? 0.0 : crossings * double(k_rate) / double(all.size());
}

std::optional<ByteRange> payload_of(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const auto range = find_ogg_payload_in_wav(fd);
  ::close(fd);
  return range;
}

}  // namespace

TEST_CASE("wav ogg payload: a WAV wrapping an Ogg Vorbis stream decodes as that stream") {
  testing::TempDir dir;
  const Bytes ogg = sine_ogg(dir);
  const auto path = dir.path() / "scratch01.ogg";  // named .ogg, like LMMS's
  write_bytes(path, wrap_in_wav(ogg, {}));
  const auto range = payload_of(path);
  REQUIRE(range);
  CHECK(range->offset == 12 + 8 + 16 + 8);
  CHECK(range->length == static_cast<std::int64_t>(ogg.size()));

  auto decoder = AudioDecoder::open(path);
  REQUIRE(decoder);
  CHECK(decoder->info().sample_rate == k_rate);
  CHECK(decoder->info().channels == 1);
  CHECK(decoder->info().format.ends_with(" in WAV"));
  CHECK(decoder->info().frames == doctest::Approx(k_rate).epsilon(0.01));
  CHECK(crossings_per_second(*decoder) == doctest::Approx(440.0).epsilon(0.01));
}

TEST_CASE("wav ogg payload: odd-sized chunks before the data are skipped with their padding") {
  testing::TempDir dir;
  const auto path = dir.path() / "padded.wav";
  write_bytes(path, wrap_in_wav(sine_ogg(dir), {.junk_chunks = 3}));
  auto decoder = AudioDecoder::open(path);
  REQUIRE(decoder);
  CHECK(crossings_per_second(*decoder) == doctest::Approx(440.0).epsilon(0.01));
}

TEST_CASE("wav ogg payload: malformed wrappers are refused with libsndfile's reason") {
  testing::TempDir dir;
  const Bytes ogg = sine_ogg(dir);
  struct Case {
    const char* name;
    Bytes bytes;
  };
  const Bytes whole = wrap_in_wav(ogg, {});
  Bytes not_ogg = ogg;
  not_ogg[0] = 'X';  // the data does not start with the Ogg capture pattern
  const std::vector<Case> cases = {
      {"data longer than the file", wrap_in_wav(ogg, {.extra_data_size = 1000})},
      {"another codec's tag (MP3)", wrap_in_wav(ogg, {.tag = 0x0055})},
      {"no Ogg capture pattern", wrap_in_wav(not_ogg, {})},
      {"more than 64 chunks", wrap_in_wav(ogg, {.junk_chunks = 70})},
      {"cut inside the header", Bytes(whole.begin(), whole.begin() + 30)},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const auto path = dir.path() / "bad.wav";
    write_bytes(path, c.bytes);
    CHECK_FALSE(payload_of(path));
    const auto decoder = AudioDecoder::open(path);
    REQUIRE_FALSE(decoder);
    CHECK(decoder.error().starts_with("not a readable audio file: "));
  }
}

TEST_CASE("wav ogg payload: a wrapped stream whose comment header is over 64 MB is refused") {
  testing::TempDir dir;
  const auto path = dir.path() / "wrapped.wav";
  write_bytes(path, wrap_in_wav(testing::ogg_pages_with_comment_packet((std::uint64_t{64} << 20) + 1), {}));
  REQUIRE(payload_of(path));
  auto decoder = AudioDecoder::open(path);
  REQUIRE_FALSE(decoder);
  CHECK(decoder.error().find("its Ogg comment header is over 64 MB") != std::string::npos);
}

}  // namespace samplemind::audio
