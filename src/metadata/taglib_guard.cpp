// Where TagLib finds ID3v2 tags, and a count of the chapter frame IDs inside them. The count
// is of the four-byte IDs anywhere in the tag, nested or not: nesting is bounded by it, and
// no frame parsing of hostile bytes is needed.
#include "metadata/taglib_guard.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audio/mpeg_header.hpp"
#include "audio/riff_chunks.hpp"
#include "metadata/ape_tag_size.hpp"
#include "metadata/flac_metadata_size.hpp"
#include "metadata/ogg_comment_size.hpp"
#include "util/unique_fd.hpp"

namespace samplemind::metadata {

namespace {

constexpr std::size_t k_block_bytes = 1 << 16;
constexpr std::size_t k_junk_search_bytes = 1 << 16;

struct Region {
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
};

// The ID3 chunks of a RIFF/RF64 or FORM file's top level, and the largest LIST chunk (TagLib
// reads a WAV's INFO list whole, and holds it several times over: 1 GB for a 200 MB comment);
// false when the list runs past k_max_riff_chunks (not looked through to its end).
bool add_chunk_tags(int fd, bool big_endian_sizes, std::vector<Region>& regions, std::uint64_t& largest_list) {
  const auto end = audio::walk_riff_chunks(fd, big_endian_sizes, k_max_riff_chunks, [&](const audio::RiffChunk& chunk) {
    if (chunk.id == "ID3 " || chunk.id == "id3 ") regions.push_back({static_cast<std::uint64_t>(chunk.body), static_cast<std::uint64_t>(chunk.length)});
    if (chunk.id == "LIST") largest_list = std::max(largest_list, static_cast<std::uint64_t>(chunk.length));
    return true;
  });
  return end != audio::ChunkWalkEnd::too_many;
}

// How many times "CHAP" or "CTOC" occurs in the region, counted up to limit + 1. A region
// too short to hold more than limit IDs is not read: most tags are a few hundred bytes.
std::size_t chapter_ids_in(int fd, const Region& region, std::size_t limit) {
  if (region.bytes < 4 * (limit + 1)) return 0;
  std::vector<unsigned char> block(static_cast<std::size_t>(std::min<std::uint64_t>(k_block_bytes, region.bytes)) + 3);
  const std::size_t block_bytes = block.size() - 3;
  std::size_t count = 0, carried = 0;
  for (std::uint64_t done = 0; done < region.bytes && count <= limit;) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(block_bytes, region.bytes - done));
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

constexpr std::string_view k_held_whole = " (TagLib would hold it all in memory)";

// The refusal for tags of `bytes`, over k_max_tag_bytes: "<what> 40 MB, more than 32 MB (...)".
std::string too_large(std::string_view what, std::uint64_t bytes) {
  return std::string(what) + " " + std::to_string(bytes >> 20) + " MB, more than " +
         std::to_string(k_max_tag_bytes >> 20) + " MB" + std::string(k_held_whole);
}

}  // namespace

std::optional<std::string> taglib_hazard(const std::filesystem::path& path) {
  const UniqueFd file(::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
  return taglib_hazard(file.get());
}

std::optional<std::string> taglib_hazard(int fd) {
  std::array<unsigned char, 12> head{};
  if (fd < 0 || !audio::read_exact(fd, 0, head.data(), head.size())) return std::nullopt;
  std::vector<Region> regions;
  if (const auto tag = audio::id3v2_tag_bytes(head)) regions.push_back({0, *tag});
  const std::string_view magic(reinterpret_cast<const char*>(head.data()), 4);
  const bool chunks = magic == "RIFF" || magic == "RF64" || magic == "FORM";
  std::uint64_t largest_list = 0;
  if (chunks && !add_chunk_tags(fd, magic == "FORM", regions, largest_list)) {
    return "it holds more than " + std::to_string(k_max_riff_chunks) + " chunks, too many to look for a hostile ID3 chunk in";
  }
  if (largest_list > k_max_tag_bytes) {
    return too_large("its LIST chunk holds", largest_list);
  }
  const bool known_start = chunks || magic == "fLaC" || magic == "OggS" || audio::is_mpeg_audio_frame_header(head);
  if (regions.empty() && !known_start) add_tags_after_junk(fd, regions);  // TagLib looks no further otherwise
  for (const Region& region : regions) {
    if (region.bytes > k_max_tag_bytes) {
      return too_large("its ID3 tag claims", region.bytes);
    }
    if (chapter_ids_in(fd, region, k_max_id3_chapter_frames) > k_max_id3_chapter_frames) {
      return "its ID3 tag holds more than " + std::to_string(k_max_id3_chapter_frames) +
             " chapter frames (nested so, they overflow TagLib's stack)";
    }
  }
  if (magic == "OggS") {
    // The walk stops just past the line, so the size it gives is only "more than".
    if (ogg_comment_packet_bytes(fd, k_max_tag_bytes) > k_max_tag_bytes) {
      return "its Ogg comment header holds more than " + std::to_string(k_max_tag_bytes >> 20) + " MB" + std::string(k_held_whole);
    }
  }
  if (const std::uint64_t ape = ape_tag_bytes(fd); ape > k_max_tag_bytes) {
    return too_large("its APE tag claims", ape);
  }
  // A FLAC stream at the start or right after an ID3v2 tag there, as TagLib finds it.
  const std::uint64_t flac_start = magic == "fLaC" ? 0 : (audio::id3v2_tag_bytes(head).value_or(0));
  if (const std::uint64_t flac = flac_metadata_bytes(fd, flac_start); flac > k_max_tag_bytes) {
    return too_large("its FLAC metadata blocks hold", flac);
  }
  return std::nullopt;
}

}  // namespace samplemind::metadata
