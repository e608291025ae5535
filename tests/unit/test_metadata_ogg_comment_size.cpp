// An Ogg file's comment header is measured from its page headers: a 40 MB comment (what a
// picture in METADATA_BLOCK_PICTURE weighs) keeps the file from TagLib, a 20 MB one is read;
// past 64 MB the decoder refuses the file before libvorbis holds the comment.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <taglib/vorbisfile.h>
#include <taglib/xiphcomment.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "audio/audio_decoder.hpp"
#include "metadata/ogg_comment_size.hpp"
#include "metadata/tag_statements.hpp"
#include "metadata/taglib_guard.hpp"
#include "support/audio_writer.hpp"
#include "support/ogg_pages.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace samplemind;
namespace fs = std::filesystem;

// An Ogg Vorbis tone whose comment holds BPM 128 and a COMMENT of comment_bytes letters.
fs::path ogg_with_comment(const fs::path& path, std::size_t comment_bytes) {
  std::vector<float> samples(22050);
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = 0.3f * static_cast<float>(std::sin(0.05 * static_cast<double>(i)));
  audio::WriteOptions options;
  options.format = audio::FileFormat::ogg;
  REQUIRE(audio::write_audio_file(path, samples, options).ok);
  TagLib::Ogg::Vorbis::File file(path.c_str());
  file.tag()->addField("BPM", "128");
  if (comment_bytes > 0) file.tag()->addField("COMMENT", std::string(comment_bytes, 'a'));
  REQUIRE(file.save());
  return path;
}

std::uint64_t comment_bytes_of(const fs::path& path, std::uint64_t enough) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const std::uint64_t bytes = metadata::ogg_comment_packet_bytes(fd, enough);
  if (fd >= 0) ::close(fd);
  return bytes;
}

}  // namespace

TEST_CASE("ogg comment size: the comment header's length from the lacing values, stopped past enough") {
  testing::TempDir dir;
  const fs::path small = ogg_with_comment(dir.path() / "small.ogg", 0);
  const std::uint64_t small_bytes = comment_bytes_of(small, 1u << 20);
  CHECK(small_bytes > 7u + 4u + 8u);      // "\x03vorbis", vendor length, "BPM=128" at least
  CHECK(small_bytes < 200u);
  const fs::path large = ogg_with_comment(dir.path() / "large.ogg", 20u << 20);
  const std::uint64_t large_bytes = comment_bytes_of(large, 64u << 20);
  CHECK(large_bytes > (20u << 20));
  CHECK(large_bytes < (20u << 20) + 200u);
  CHECK(comment_bytes_of(large, 1u << 20) < (2u << 20));  // the walk stops soon after "enough"
  CHECK_FALSE(metadata::taglib_hazard(large));
  CHECK(metadata::read_tag_statements(large).bpm == 128.0);

  const fs::path huge = ogg_with_comment(dir.path() / "huge.ogg", 40u << 20);
  const auto hazard = metadata::taglib_hazard(huge);
  REQUIRE(hazard);
  CHECK(hazard->find("Ogg comment header holds more than 32 MB") != std::string::npos);
  CHECK(metadata::read_tag_statements(huge).empty());
  const fs::path wav = dir.path() / "not_ogg.wav";
  REQUIRE(audio::write_audio_file(wav, std::vector<float>(100, 0.1f), audio::WriteOptions{}).ok);
  CHECK(comment_bytes_of(wav, 1u << 20) == 0u);
}

TEST_CASE("ogg comment size: the decoder refuses a comment header over 64 MB before libvorbis holds it") {
  testing::TempDir dir;
  const fs::path small = ogg_with_comment(dir.path() / "small.ogg", 1u << 20);
  auto decoded = AudioDecoder::open(small);
  REQUIRE_MESSAGE(decoded, (decoded ? "" : decoded.error()));
  CHECK(decoded->info().frames == 22050);

  const auto write_pages = [&](const char* name, std::uint64_t comment_bytes) {
    const fs::path path = dir.path() / name;
    const auto bytes = testing::ogg_pages_with_comment_packet(comment_bytes);
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    CHECK(comment_bytes_of(path, 128u << 20) == comment_bytes);
    return path;
  };
  auto over = AudioDecoder::open(write_pages("over.ogg", (std::uint64_t{64} << 20) + 1));
  REQUIRE_FALSE(over);
  CHECK(over.error().find("its Ogg comment header is over 64 MB") != std::string::npos);
  // At the line exactly, libvorbis is asked (and refuses these empty pages in its own words).
  auto at_line = AudioDecoder::open(write_pages("at_line.ogg", std::uint64_t{64} << 20));
  REQUIRE_FALSE(at_line);
  CHECK(at_line.error().find("over 64 MB") == std::string::npos);
}
