// TagLib parses ID3v2 chapter frames by recursion: a tag of chapters nested 20,000 deep ended
// the process (a stack overflow). Such a tag is kept from TagLib wherever TagLib would read
// it, and so is a chunk list too long to look through; a tag with a few chapters is read.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <taglib/flacfile.h>
#include <taglib/xiphcomment.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "metadata/flac_metadata_size.hpp"
#include "metadata/taglib_guard.hpp"
#include "metadata/tag_statements.hpp"
#include "metadata/taglib_file.hpp"
#include "support/audio_writer.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace samplemind;
namespace fs = std::filesystem;
using Bytes = std::vector<unsigned char>;

void append_synchsafe(Bytes& out, std::size_t n) {
  for (int shift : {21, 14, 7, 0}) out.push_back(static_cast<unsigned char>((n >> shift) & 0x7F));
}

// One ID3v2.4 frame: ID, synchsafe size, two flag bytes, body.
Bytes frame(const std::string& id, const Bytes& body) {
  Bytes out(id.begin(), id.end());
  append_synchsafe(out, body.size());
  out.push_back(0);
  out.push_back(0);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes text_frame(const std::string& id, const std::string& text) {
  Bytes body{3};  // UTF-8
  body.insert(body.end(), text.begin(), text.end());
  return frame(id, body);
}

// A chapter: element ID "c", four times (zero), then the frames it holds.
Bytes chapter(const Bytes& held) {
  Bytes body{'c', 0};
  body.resize(body.size() + 16, 0);
  body.insert(body.end(), held.begin(), held.end());
  return frame("CHAP", body);
}

// A whole ID3v2.4 tag: header and frames.
Bytes tag_of(const Bytes& frames) {
  Bytes out{'I', 'D', '3', 4, 0, 0};
  append_synchsafe(out, frames.size());
  out.insert(out.end(), frames.begin(), frames.end());
  return out;
}

// Chapters nested depth deep around a title, then a tempo frame at the top level.
Bytes nested_tag(int depth) {
  Bytes inner = text_frame("TIT2", "deep");
  for (int i = 0; i < depth; ++i) inner = chapter(inner);
  const Bytes tempo = text_frame("TBPM", "128");
  inner.insert(inner.end(), tempo.begin(), tempo.end());
  return tag_of(inner);
}

// count chapters side by side (as a podcast has them), then the tempo frame.
Bytes flat_tag(int count) {
  Bytes frames;
  for (int i = 0; i < count; ++i) {
    const Bytes one = chapter(text_frame("TIT2", "part"));
    frames.insert(frames.end(), one.begin(), one.end());
  }
  const Bytes tempo = text_frame("TBPM", "128");
  frames.insert(frames.end(), tempo.begin(), tempo.end());
  return tag_of(frames);
}

Bytes read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const fs::path& path, const Bytes& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

fs::path write_tone(const fs::path& path, audio::FileFormat format) {
  std::vector<float> samples(22050);
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = 0.3f * static_cast<float>(std::sin(0.05 * static_cast<double>(i)));
  audio::WriteOptions options;
  options.sample_rate = 44100;
  options.format = format;
  REQUIRE(audio::write_audio_file(path, samples, options).ok);
  return path;
}

// An MP3 with the tag in front of its first frame.
fs::path mp3_with_tag(const fs::path& path, const Bytes& tag) {
  write_tone(path, audio::FileFormat::mp3);
  Bytes bytes = tag;
  const Bytes audio_bytes = read_bytes(path);
  bytes.insert(bytes.end(), audio_bytes.begin(), audio_bytes.end());
  write_bytes(path, bytes);
  return path;
}

// A WAV with the tag as an "id3 " chunk after its data (the RIFF size grown to match).
fs::path wav_with_tag(const fs::path& path, const Bytes& tag) {
  write_tone(path, audio::FileFormat::wav16);
  Bytes bytes = read_bytes(path);
  const std::uint32_t size = static_cast<std::uint32_t>(tag.size());
  for (unsigned char c : std::string("id3 ")) bytes.push_back(c);
  for (int shift : {0, 8, 16, 24}) bytes.push_back(static_cast<unsigned char>((size >> shift) & 0xFF));
  bytes.insert(bytes.end(), tag.begin(), tag.end());
  if (size & 1) bytes.push_back(0);
  const std::uint32_t riff = static_cast<std::uint32_t>(bytes.size() - 8);
  for (int i = 0; i < 4; ++i) bytes[4 + i] = static_cast<unsigned char>((riff >> (8 * i)) & 0xFF);
  write_bytes(path, bytes);
  return path;
}

// The header and body bytes of the metadata blocks after STREAMINFO (offset 42), to the last.
std::uint64_t metadata_tail(const Bytes& flac) {
  std::uint64_t total = 0;
  for (std::size_t at = 42; at + 4 <= flac.size();) {
    const std::uint64_t length = (std::uint64_t{flac[at + 1]} << 16) | (std::uint64_t{flac[at + 2]} << 8) | flac[at + 3];
    total += 4 + length;
    if ((flac[at] & 0x80) != 0) break;
    at += 4 + static_cast<std::size_t>(length);
  }
  return total;
}

}  // namespace

TEST_CASE("taglib guard: chapters nested 20,000 deep are kept from TagLib, in an MP3 and a WAV") {
  testing::TempDir dir;
  const Bytes bomb = nested_tag(20000);
  for (const fs::path& path : {mp3_with_tag(dir.path() / "bomb.mp3", bomb), wav_with_tag(dir.path() / "bomb.wav", bomb)}) {
    CAPTURE(path.filename().string());
    CHECK(metadata::taglib_hazard(path));
    const metadata::TagLibFile opened(path, metadata::TagLibAccess::read_only, false);
    CHECK(opened.file() == nullptr);
    CHECK(opened.refusal().find("chapter frames") != std::string::npos);
    CHECK(metadata::read_tag_statements(path).empty());  // reached TagLib, this ended the test run
  }
}

TEST_CASE("taglib guard: a tag with a few chapters is read, the limit is the count") {
  testing::TempDir dir;
  const auto podcast = mp3_with_tag(dir.path() / "podcast.mp3", flat_tag(12));
  CHECK_FALSE(metadata::taglib_hazard(podcast));
  const auto statements = metadata::read_tag_statements(podcast);
  REQUIRE(statements.bpm.has_value());
  CHECK(*statements.bpm == doctest::Approx(128.0));

  const auto at_limit = wav_with_tag(dir.path() / "at_limit.wav", nested_tag(static_cast<int>(metadata::k_max_id3_chapter_frames)));
  CHECK_FALSE(metadata::taglib_hazard(at_limit));
  const auto over = wav_with_tag(dir.path() / "over.wav", flat_tag(static_cast<int>(metadata::k_max_id3_chapter_frames) + 1));
  CHECK(metadata::taglib_hazard(over));

  // TagLib also finds a tag after junk at an MP3's start (before its first frame).
  const auto after_junk = mp3_with_tag(dir.path() / "after_junk.mp3", nested_tag(300));
  Bytes junk{'x', 'y', 'z'};
  const Bytes tagged = read_bytes(after_junk);
  junk.insert(junk.end(), tagged.begin(), tagged.end());
  write_bytes(after_junk, junk);
  CHECK(metadata::taglib_hazard(after_junk));

  const auto plain = write_tone(dir.path() / "plain.flac", audio::FileFormat::flac);
  CHECK_FALSE(metadata::taglib_hazard(plain));
  CHECK_FALSE(metadata::taglib_hazard(dir.path() / "missing.wav"));
}

TEST_CASE("taglib guard: a WAV with more chunks than are looked through is kept from TagLib") {
  testing::TempDir dir;
  const auto path = write_tone(dir.path() / "many_chunks.wav", audio::FileFormat::wav16);
  Bytes bytes = read_bytes(path);
  for (std::size_t i = 0; i <= metadata::k_max_riff_chunks; ++i) {  // empty "junk" chunks after the data
    for (unsigned char c : std::string("junk")) bytes.push_back(c);
    for (int b = 0; b < 4; ++b) bytes.push_back(0);
  }
  write_bytes(path, bytes);
  const auto hazard = metadata::taglib_hazard(path);
  REQUIRE(hazard.has_value());
  CHECK(hazard->find("chunks") != std::string::npos);
  const metadata::TagLibFile opened(path, metadata::TagLibAccess::read_only, false);
  CHECK(opened.file() == nullptr);
  CHECK(opened.refusal() == *hazard + "; its tags are not read");
}

TEST_CASE("taglib guard: an ID3 tag over 32 MB is kept from TagLib, one of 20 MB (cover art) is read") {
  testing::TempDir dir;
  const auto tag_with_padding = [](std::size_t padding_bytes) {
    Bytes frames = text_frame("TBPM", "128");
    const Bytes art = frame("PRIV", Bytes(padding_bytes, 0));
    frames.insert(frames.end(), art.begin(), art.end());
    return tag_of(frames);
  };
  const fs::path huge = mp3_with_tag(dir.path() / "huge.mp3", tag_with_padding(40u << 20));
  const auto hazard = metadata::taglib_hazard(huge);
  REQUIRE(hazard);
  CHECK(hazard->find("40 MB, more than 32 MB") != std::string::npos);
  CHECK(metadata::read_tag_statements(huge).empty());
  const fs::path large = mp3_with_tag(dir.path() / "large.mp3", tag_with_padding(20u << 20));
  CHECK_FALSE(metadata::taglib_hazard(large));
  CHECK(metadata::read_tag_statements(large).bpm == 128.0);
}

TEST_CASE("taglib guard: FLAC metadata blocks over 32 MB are kept from TagLib, 24 MB of them are read") {
  testing::TempDir dir;
  const fs::path tagged = write_tone(dir.path() / "tagged.flac", audio::FileFormat::flac);
  {
    TagLib::FLAC::File file(tagged.c_str());
    file.xiphComment(true)->addField("BPM", "128");
    REQUIRE(file.save());
  }
  const Bytes original = read_bytes(tagged);
  REQUIRE(original.size() > 42);
  REQUIRE((original[4] & 0x7F) == 0);  // STREAMINFO first, and not the last block (the comment follows)
  // blocks x 12 MB PADDING blocks (type 1) inserted after STREAMINFO (marker 4 + header 4 + 34).
  const auto with_padding = [&](const std::string& name, int blocks) {
    constexpr std::size_t k_block = 12u << 20;
    Bytes bytes(original.begin(), original.begin() + 42);
    Bytes padding(4 + k_block, 0);
    padding[0] = 0x01;
    padding[1] = static_cast<unsigned char>(k_block >> 16);
    padding[2] = static_cast<unsigned char>((k_block >> 8) & 0xFF);
    padding[3] = static_cast<unsigned char>(k_block & 0xFF);
    for (int b = 0; b < blocks; ++b) bytes.insert(bytes.end(), padding.begin(), padding.end());
    bytes.insert(bytes.end(), original.begin() + 42, original.end());
    write_bytes(dir.path() / name, bytes);
    return dir.path() / name;
  };
  const fs::path huge = with_padding("huge.flac", 3);
  const int fd = ::open(huge.c_str(), O_RDONLY | O_CLOEXEC);
  CHECK(metadata::flac_metadata_bytes(fd, 0) == 38u + 3u * (4u + (12u << 20)) + metadata_tail(original));
  ::close(fd);
  const auto hazard = metadata::taglib_hazard(huge);
  REQUIRE(hazard);
  CHECK(hazard->find("FLAC metadata blocks hold 36 MB, more than 32 MB") != std::string::npos);
  CHECK(metadata::read_tag_statements(huge).empty());
  const fs::path large = with_padding("large.flac", 2);
  CHECK_FALSE(metadata::taglib_hazard(large));
  CHECK(metadata::read_tag_statements(large).bpm == 128.0);
}

TEST_CASE("taglib guard: a WAV's LIST chunk over 32 MB is kept from TagLib, one of 20 MB is read") {
  testing::TempDir dir;
  // A LIST/INFO chunk with IBPM 128 and a comment (ICMT) of comment_bytes, after the data.
  const auto wav_with_list = [&](const std::string& name, std::uint32_t comment_bytes) {
    const fs::path path = write_tone(dir.path() / name, audio::FileFormat::wav16);
    Bytes bytes = read_bytes(path);
    const auto put32 = [&](std::uint32_t v) {
      for (int shift : {0, 8, 16, 24}) bytes.push_back(static_cast<unsigned char>((v >> shift) & 0xFF));
    };
    const auto put = [&](const std::string& text) { bytes.insert(bytes.end(), text.begin(), text.end()); };
    put("LIST");
    put32(4 + 8 + 4 + 8 + comment_bytes);
    put("INFOIBPM");
    put32(4);
    put(std::string("128\0", 4));
    put("ICMT");
    put32(comment_bytes);
    bytes.resize(bytes.size() + comment_bytes, 'a');
    const auto riff = static_cast<std::uint32_t>(bytes.size() - 8);
    for (int i = 0; i < 4; ++i) bytes[4 + static_cast<std::size_t>(i)] = static_cast<unsigned char>((riff >> (8 * i)) & 0xFF);
    write_bytes(path, bytes);
    return path;
  };
  const fs::path huge = wav_with_list("huge.wav", 40u << 20);
  const auto hazard = metadata::taglib_hazard(huge);
  REQUIRE(hazard);
  CHECK(hazard->find("LIST chunk holds 40 MB, more than 32 MB") != std::string::npos);
  CHECK(metadata::read_tag_statements(huge).empty());
  const fs::path large = wav_with_list("large.wav", 20u << 20);
  CHECK_FALSE(metadata::taglib_hazard(large));
  CHECK(metadata::read_tag_statements(large).bpm == 128.0);
}
