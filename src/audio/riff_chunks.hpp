#pragma once
// The top-level chunk list of a RIFF/RF64 file (little-endian sizes) or an AIFF "FORM" file
// (big-endian), walked with bounded preads: the Ogg-in-WAV finder and the TagLib guard read
// the same lists. Every size in them is hostile; callers check what they use.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

namespace samplemind::audio {

// One chunk: its four-byte ID, where its body starts and how long it says it is.
struct RiffChunk {
  std::string_view id;
  std::int64_t body = 0;
  std::int64_t length = 0;
};

enum class ChunkWalkEnd { end_of_list, stopped, too_many };

// Why: one walk for every reader of chunk lists. Visits the chunks from offset 12 (after the
// "RIFF"/"FORM" header) until a header cannot be read, visit returns false (stopped), or
// max_chunks were visited and another follows (too_many). Pads odd lengths to even.
ChunkWalkEnd walk_riff_chunks(int fd, bool big_endian_sizes, std::size_t max_chunks,
                              const std::function<bool(const RiffChunk&)>& visit);

// Why: AIFF, Apple Loops and CAF store numbers big-endian: `bytes` (1..8) of them from p.
inline std::uint64_t read_big_endian(const unsigned char* p, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = value << 8 | p[i];
  return value;
}

// Why: pread until exactly `size` bytes are read at `offset`; false on a short read or error.
bool read_exact(int fd, std::int64_t offset, void* out, std::size_t size);

}  // namespace samplemind::audio
