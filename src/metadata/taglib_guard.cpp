// Where TagLib finds ID3v2 tags, and a count of the chapter frame IDs inside them. The count
// is of the four-byte IDs anywhere in the tag, nested or not: nesting is bounded by it, and
// no frame parsing of hostile bytes is needed.
#include "metadata/taglib_guard.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audio/mpeg_header.hpp"

namespace samplemind::metadata {

namespace {

constexpr std::size_t k_block_bytes = 1 << 16;
constexpr std::size_t k_junk_search_bytes = 1 << 16;

struct Region {
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
};

class Fd {
 public:
  explicit Fd(const std::filesystem::path& path) : fd_(::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

bool read_at(int fd, std::uint64_t offset, unsigned char* out, std::size_t bytes) {
  return ::pread(fd, out, bytes, static_cast<off_t>(offset)) == static_cast<ssize_t>(bytes);
}

std::uint32_t little_endian(const unsigned char* b) { return b[0] | (b[1] << 8) | (b[2] << 16) | (std::uint32_t(b[3]) << 24); }
std::uint32_t big_endian(const unsigned char* b) { return (std::uint32_t(b[0]) << 24) | (b[1] << 16) | (b[2] << 8) | b[3]; }

// The ID3 chunks of a RIFF/RF64 (little-endian sizes) or FORM (big-endian) file's top level;
// false when the list runs past k_max_riff_chunks (not looked through to its end).
bool add_chunk_tags(int fd, bool big_endian_sizes, std::vector<Region>& regions) {
  std::uint64_t offset = 12;
  std::array<unsigned char, 8> header{};
  for (std::size_t chunk = 0; read_at(fd, offset, header.data(), header.size()); ++chunk) {
    if (chunk == k_max_riff_chunks) return false;
    const std::uint32_t size = big_endian_sizes ? big_endian(header.data() + 4) : little_endian(header.data() + 4);
    const std::string_view id(reinterpret_cast<const char*>(header.data()), 4);
    if (id == "ID3 " || id == "id3 ") regions.push_back({offset + 8, size});
    offset += 8 + std::uint64_t{size} + (size & 1);  // chunks are padded to an even length
  }
  return true;
}

// How many times "CHAP" or "CTOC" occurs in the region, counted up to limit + 1.
std::size_t chapter_ids_in(int fd, const Region& region, std::size_t limit) {
  std::vector<unsigned char> block(k_block_bytes + 3);
  std::size_t count = 0, carried = 0;
  for (std::uint64_t done = 0; done < region.bytes && count <= limit;) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(k_block_bytes, region.bytes - done));
    const ssize_t got = ::pread(fd, block.data() + carried, want, static_cast<off_t>(region.offset + done));
    if (got <= 0) break;
    const std::size_t filled = carried + static_cast<std::size_t>(got);
    for (std::size_t i = 0; i + 4 <= filled; ++i) {
      if (block[i] == 'C' && (std::memcmp(&block[i], "CHAP", 4) == 0 || std::memcmp(&block[i], "CTOC", 4) == 0)) ++count;
    }
    carried = std::min<std::size_t>(3, filled);  // an ID split across two blocks
    std::memmove(block.data(), block.data() + filled - carried, carried);
    done += static_cast<std::uint64_t>(got);
  }
  return count;
}

// ID3v2 tags after junk at the start: TagLib looks for one until the first MPEG frame, and
// a decoder gives up after 64 KB of junk (so a file with a tag further in never gets here).
void add_tags_after_junk(int fd, std::vector<Region>& regions) {
  std::vector<unsigned char> head(k_junk_search_bytes + 10);
  const ssize_t got = ::pread(fd, head.data(), head.size(), 0);
  if (got <= 10) return;
  const auto filled = static_cast<std::size_t>(got);
  for (std::size_t i = 1; i + 10 <= filled; ++i) {
    if (head[i] != 'I') continue;
    if (const auto tag = audio::id3v2_tag_bytes(std::span<const unsigned char>(head).subspan(i, 10))) regions.push_back({i, *tag});
  }
}

}  // namespace

std::optional<std::string> taglib_hazard(const std::filesystem::path& path) {
  const Fd file(path);
  if (file.get() < 0) return std::nullopt;
  std::array<unsigned char, 12> head{};
  if (!read_at(file.get(), 0, head.data(), head.size())) return std::nullopt;
  std::vector<Region> regions;
  if (const auto tag = audio::id3v2_tag_bytes(head)) regions.push_back({0, *tag});
  const std::string_view magic(reinterpret_cast<const char*>(head.data()), 4);
  const bool chunks = magic == "RIFF" || magic == "RF64" || magic == "FORM";
  if (chunks && !add_chunk_tags(file.get(), magic == "FORM", regions)) {
    return "it holds more than " + std::to_string(k_max_riff_chunks) + " chunks, too many to look for a hostile ID3 chunk in";
  }
  const bool known_start = chunks || magic == "fLaC" || magic == "OggS" || audio::is_mpeg_audio_frame_header(head);
  if (regions.empty() && !known_start) add_tags_after_junk(file.get(), regions);  // TagLib looks no further otherwise
  for (const Region& region : regions) {
    if (chapter_ids_in(file.get(), region, k_max_id3_chapter_frames) > k_max_id3_chapter_frames) {
      return "its ID3 tag holds more than " + std::to_string(k_max_id3_chapter_frames) +
             " chapter frames (nested so, they overflow TagLib's stack)";
    }
  }
  return std::nullopt;
}

}  // namespace samplemind::metadata
