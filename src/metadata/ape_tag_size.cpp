// The APEv2 footer: "APETAGEX", version, tag size (items + footer), item count, flags and 8
// reserved bytes, all little-endian; 32 bytes at the tag's end. An ID3v1 tag ("TAG", 128
// bytes) may follow it at the very end of the file.
#include "metadata/ape_tag_size.hpp"

#include <sys/stat.h>

#include <array>
#include <cstring>

#include "audio/riff_chunks.hpp"

namespace samplemind::metadata {

namespace {
constexpr std::size_t k_footer_bytes = 32;
constexpr std::size_t k_size_offset = 12;
constexpr std::uint64_t k_id3v1_bytes = 128;

// The size in a footer that ends at `end`, or 0.
std::uint64_t footer_size_ending_at(int fd, std::uint64_t end) {
  if (end < k_footer_bytes) return 0;
  std::array<unsigned char, k_footer_bytes> footer{};
  if (!audio::read_exact(fd, static_cast<std::int64_t>(end - k_footer_bytes), footer.data(), footer.size()) ||
      std::memcmp(footer.data(), "APETAGEX", 8) != 0) {
    return 0;
  }
  std::uint64_t size = 0;
  for (int i = 3; i >= 0; --i) size = (size << 8) | footer[k_size_offset + static_cast<std::size_t>(i)];
  return size;
}
}  // namespace

std::uint64_t ape_tag_bytes(int fd) {
  struct stat status {};
  if (::fstat(fd, &status) != 0 || status.st_size <= 0) return 0;
  const auto file_bytes = static_cast<std::uint64_t>(status.st_size);
  if (const std::uint64_t size = footer_size_ending_at(fd, file_bytes); size > 0) return size;
  std::array<char, 3> id3v1{};
  if (file_bytes >= k_id3v1_bytes &&
      audio::read_exact(fd, static_cast<std::int64_t>(file_bytes - k_id3v1_bytes), id3v1.data(), id3v1.size()) &&
      std::memcmp(id3v1.data(), "TAG", 3) == 0) {
    return footer_size_ending_at(fd, file_bytes - k_id3v1_bytes);
  }
  return 0;
}

}  // namespace samplemind::metadata
