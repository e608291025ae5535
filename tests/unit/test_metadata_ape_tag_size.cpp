// An APEv2 tag at an MP3's end is measured from its footer: a 40 MB tag keeps the file from
// TagLib (which held a 100 MB one five times over), a small one does not, with or without an
// ID3v1 tag after it.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <taglib/id3v2tag.h>
#include <taglib/mpegfile.h>
#include <taglib/textidentificationframe.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "metadata/ape_tag_size.hpp"
#include "metadata/tag_statements.hpp"
#include "metadata/taglib_guard.hpp"
#include "support/audio_writer.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace samplemind;
namespace fs = std::filesystem;

void put32(std::string& out, std::uint32_t value) {
  for (int shift : {0, 8, 16, 24}) out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

// An APEv2 tag without header: one "Comment" item of value_bytes, then the 32-byte footer.
std::string ape_tag(std::uint32_t value_bytes) {
  std::string items;
  put32(items, value_bytes);
  put32(items, 0);
  items += std::string("Comment\0", 8);
  items += std::string(value_bytes, 'a');
  std::string footer = "APETAGEX";
  put32(footer, 2000);
  put32(footer, static_cast<std::uint32_t>(items.size() + 32));
  put32(footer, 1);
  put32(footer, 0);
  footer += std::string(8, '\0');
  return items + footer;
}

// An MP3 with ID3v2 TBPM 128, then `tail` appended.
fs::path mp3_then(const fs::path& path, const std::string& tail) {
  std::vector<float> samples(22050);
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = 0.3f * static_cast<float>(std::sin(0.05 * static_cast<double>(i)));
  audio::WriteOptions options;
  options.format = audio::FileFormat::mp3;
  REQUIRE(audio::write_audio_file(path, samples, options).ok);
  {
    TagLib::MPEG::File file(path.c_str());
    auto* frame = new TagLib::ID3v2::TextIdentificationFrame("TBPM", TagLib::String::UTF8);
    frame->setText("128");
    file.ID3v2Tag(true)->addFrame(frame);  // the tag owns the frame
    REQUIRE(file.save(TagLib::MPEG::File::ID3v2));
  }
  std::ofstream(path, std::ios::binary | std::ios::app) << tail;
  return path;
}

std::uint64_t ape_bytes_of(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const std::uint64_t bytes = metadata::ape_tag_bytes(fd);
  if (fd >= 0) ::close(fd);
  return bytes;
}

}  // namespace

TEST_CASE("ape tag size: a footer's size at the end or before ID3v1, over 32 MB kept from TagLib") {
  testing::TempDir dir;
  const std::string id3v1 = "TAG" + std::string(125, '\0');
  const fs::path small = mp3_then(dir.path() / "small.mp3", ape_tag(1000));
  CHECK(ape_bytes_of(small) == 1000u + 16u + 32u);
  CHECK_FALSE(metadata::taglib_hazard(small));
  CHECK(metadata::read_tag_statements(small).bpm == 128.0);
  const fs::path small_v1 = mp3_then(dir.path() / "small_v1.mp3", ape_tag(1000) + id3v1);
  CHECK(ape_bytes_of(small_v1) == 1000u + 16u + 32u);

  const fs::path huge = mp3_then(dir.path() / "huge.mp3", ape_tag(40u << 20) + id3v1);
  CHECK(ape_bytes_of(huge) == (40u << 20) + 16u + 32u);
  const auto hazard = metadata::taglib_hazard(huge);
  REQUIRE(hazard);
  CHECK(hazard->find("APE tag claims 40 MB, more than 32 MB") != std::string::npos);
  CHECK(metadata::read_tag_statements(huge).empty());

  const fs::path none = mp3_then(dir.path() / "none.mp3", "");
  CHECK(ape_bytes_of(none) == 0u);
}
