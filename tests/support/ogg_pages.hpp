#pragma once
// An Ogg stream's page headers around a comment packet of a chosen length, with every body
// left zero: all that samplemind's comment size check reads (the lacing values), without
// encoding a real 64 MB comment, which TagLib and libvorbis take a minute over under the
// sanitizers.
#include <cstdint>
#include <cstring>
#include <vector>

namespace samplemind::testing {

// One page of the stream with serial 1: header, lacing values, a zero body of their sum.
inline void append_ogg_page(std::vector<unsigned char>& out, std::uint32_t sequence, const std::vector<unsigned char>& lacing) {
  const unsigned char capture[4] = {'O', 'g', 'g', 'S'};
  out.insert(out.end(), capture, capture + 4);
  out.push_back(0);                        // version
  out.push_back(0);                        // flags
  out.insert(out.end(), 8, 0);             // granule position
  const std::uint32_t fields[3] = {1, sequence, 0};  // serial, sequence, checksum (not checked)
  for (std::uint32_t field : fields) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(field >> (8 * i)));
  }
  out.push_back(static_cast<unsigned char>(lacing.size()));
  out.insert(out.end(), lacing.begin(), lacing.end());
  std::size_t body = 0;
  for (unsigned char value : lacing) body += value;
  out.insert(out.end(), body, 0);
}

// Why: a stream whose second packet (the comment header) is exactly comment_bytes long,
// between a 30-byte first packet and a 10-byte third.
inline std::vector<unsigned char> ogg_pages_with_comment_packet(std::uint64_t comment_bytes) {
  std::vector<unsigned char> out;
  std::uint32_t sequence = 0;
  append_ogg_page(out, sequence++, {30});
  constexpr std::uint64_t k_full_page = 255 * 255;
  while (comment_bytes >= k_full_page) {  // a full page continues the packet (its last value is 255)
    append_ogg_page(out, sequence++, std::vector<unsigned char>(255, 255));
    comment_bytes -= k_full_page;
  }
  std::vector<unsigned char> last(static_cast<std::size_t>(comment_bytes / 255), 255);
  last.push_back(static_cast<unsigned char>(comment_bytes % 255));  // under 255: the packet ends
  append_ogg_page(out, sequence++, last);
  append_ogg_page(out, sequence++, {10});
  return out;
}

}  // namespace samplemind::testing
