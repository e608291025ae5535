// FLAC metadata block headers (xiph.org FLAC format, METADATA_BLOCK_HEADER): one byte whose
// top bit marks the last block, then a 24-bit big-endian length of the block's body.
#include "metadata/flac_metadata_size.hpp"

#include <sys/stat.h>

#include <array>
#include <cstring>

#include "audio/riff_chunks.hpp"

namespace samplemind::metadata {

namespace {
constexpr std::size_t k_block_header_bytes = 4;
constexpr int k_max_blocks = 4096;  // a FLAC file has a handful; a hostile one is cut short here
constexpr unsigned char k_last_block_flag = 0x80;
}  // namespace

std::uint64_t flac_metadata_bytes(int fd, std::uint64_t start) {
  std::array<unsigned char, 4> marker{};
  if (!audio::read_exact(fd, static_cast<std::int64_t>(start), marker.data(), marker.size()) ||
      std::memcmp(marker.data(), "fLaC", 4) != 0) {
    return 0;
  }
  struct stat status {};
  if (::fstat(fd, &status) != 0) return 0;
  const auto file_bytes = static_cast<std::uint64_t>(status.st_size);
  std::uint64_t at = start + marker.size(), total = 0;
  for (int block = 0; block < k_max_blocks && at + k_block_header_bytes <= file_bytes; ++block) {
    std::array<unsigned char, k_block_header_bytes> header{};
    if (!audio::read_exact(fd, static_cast<std::int64_t>(at), header.data(), header.size())) break;
    const std::uint64_t length = audio::read_big_endian(header.data() + 1, 3);
    total += k_block_header_bytes + length;
    at += k_block_header_bytes + length;
    if ((header[0] & k_last_block_flag) != 0) break;
  }
  return total;
}

}  // namespace samplemind::metadata
