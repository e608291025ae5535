// RIFF and AIFF chunk lists (the 8-byte header: ID, then a 32-bit size).
#include "audio/riff_chunks.hpp"

#include <unistd.h>

#include <array>

namespace samplemind::audio {

bool read_exact(int fd, std::int64_t offset, void* out, std::size_t size) {
  auto* bytes = static_cast<unsigned char*>(out);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t got = ::pread(fd, bytes + done, size - done, static_cast<off_t>(offset) + static_cast<off_t>(done));
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

ChunkWalkEnd walk_riff_chunks(int fd, bool big_endian_sizes, std::size_t max_chunks,
                              const std::function<bool(const RiffChunk&)>& visit) {
  std::int64_t offset = 12;
  std::array<unsigned char, 8> header{};
  for (std::size_t chunk = 0; read_exact(fd, offset, header.data(), header.size()); ++chunk) {
    if (chunk == max_chunks) return ChunkWalkEnd::too_many;
    const unsigned char* s = header.data() + 4;
    const std::uint32_t length = big_endian_sizes ? static_cast<std::uint32_t>(read_big_endian(s, 4))
                                                  : (std::uint32_t{s[3]} << 24 | std::uint32_t{s[2]} << 16 | std::uint32_t{s[1]} << 8 | s[0]);
    const RiffChunk current{std::string_view(reinterpret_cast<const char*>(header.data()), 4), offset + 8, length};
    if (!visit(current)) return ChunkWalkEnd::stopped;
    offset = current.body + current.length + (length & 1);  // chunks are padded to even sizes
  }
  return ChunkWalkEnd::end_of_list;
}

}  // namespace samplemind::audio
