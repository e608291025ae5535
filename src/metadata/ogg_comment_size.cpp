// Ogg pages (RFC 3533): "OggS", version, flags, granule position (8), serial (4), sequence
// (4), checksum (4), segment count, then one lacing value per segment. A packet goes on
// through lacing values of 255 and ends at the first smaller one.
#include "metadata/ogg_comment_size.hpp"

#include <array>
#include <cstring>

#include "audio/riff_chunks.hpp"

namespace samplemind::metadata {

namespace {
constexpr std::size_t k_page_header_bytes = 27;
constexpr std::size_t k_serial_offset = 14;
constexpr int k_max_pages = 100000;  // 100,000 pages of 64 KB: far past any comment worth reading
}  // namespace

std::uint64_t ogg_comment_packet_bytes(int fd, std::uint64_t enough, std::uint64_t start) {
  std::uint64_t at = start, comment = 0;
  int packet = 0;  // index of the packet being read in the first stream
  std::array<unsigned char, k_page_header_bytes> header{};
  std::array<unsigned char, 255> lacing{};
  std::uint32_t first_serial = 0;
  for (int page = 0; page < k_max_pages; ++page) {
    if (!audio::read_exact(fd, static_cast<std::int64_t>(at), header.data(), header.size()) ||
        std::memcmp(header.data(), "OggS", 4) != 0) {
      break;
    }
    std::uint32_t serial = 0;
    std::memcpy(&serial, header.data() + k_serial_offset, sizeof(serial));
    if (page == 0) first_serial = serial;
    const std::size_t segments = header[k_page_header_bytes - 1];
    if (!audio::read_exact(fd, static_cast<std::int64_t>(at + k_page_header_bytes), lacing.data(), segments)) break;
    std::uint64_t body = 0;
    for (std::size_t s = 0; s < segments; ++s) {
      body += lacing[s];
      if (serial != first_serial) continue;
      if (packet == 1) comment += lacing[s];
      if (lacing[s] < 255) ++packet;  // this segment ends a packet
    }
    if (packet > 1 || comment > enough) break;
    at += k_page_header_bytes + segments + body;
  }
  return comment;
}

}  // namespace samplemind::metadata
