// Finds an Ogg stream wrapped in a RIFF/WAVE file and serves it to libsndfile. Every size
// in the header is hostile: read through bounded preads, checked against the file's size.
#include "audio/wav_ogg_payload.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "audio/riff_chunks.hpp"

namespace samplemind::audio {

namespace {

constexpr std::size_t k_max_chunks = 64;  // real WAVs have a handful; a longer walk is a crafted file
// The Ogg Vorbis modes of the RIFF format registry: 1, 2, 3 and their "plus" variants.
constexpr std::array<std::uint16_t, 6> k_ogg_vorbis_tags = {0x674F, 0x6750, 0x6751, 0x676F, 0x6770, 0x6771};

std::int64_t file_size(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<std::int64_t>(st.st_size) : -1;
}

}  // namespace

std::optional<ByteRange> find_ogg_payload_in_wav(int fd) {
  const std::int64_t size = file_size(fd);
  std::array<unsigned char, 12> riff{};
  if (size < 12 || !read_exact(fd, 0, riff.data(), riff.size())) return std::nullopt;
  if (std::memcmp(riff.data(), "RIFF", 4) != 0 || std::memcmp(riff.data() + 8, "WAVE", 4) != 0) return std::nullopt;
  bool ogg_codec = false;
  std::optional<ByteRange> payload;
  walk_riff_chunks(fd, false, k_max_chunks, [&](const RiffChunk& chunk) {
    if (chunk.length > size - chunk.body) return false;  // claims more than the file holds
    if (chunk.id == "fmt ") {
      std::array<unsigned char, 2> tag{};
      if (chunk.length < 2 || !read_exact(fd, chunk.body, tag.data(), tag.size())) return false;
      const auto format_tag = static_cast<std::uint16_t>(tag[0] | tag[1] << 8);
      ogg_codec = std::find(k_ogg_vorbis_tags.begin(), k_ogg_vorbis_tags.end(), format_tag) != k_ogg_vorbis_tags.end();
      return ogg_codec;
    }
    if (chunk.id == "data") {
      std::array<char, 4> capture{};
      if (ogg_codec && chunk.length >= 4 && read_exact(fd, chunk.body, capture.data(), capture.size()) &&
          std::memcmp(capture.data(), "OggS", 4) == 0) {
        payload = ByteRange{chunk.body, chunk.length};
      }
      return false;  // the data chunk decides, either way
    }
    return true;
  });
  return payload;
}

namespace {

ByteRangeIo& io_of(void* user) { return *static_cast<ByteRangeIo*>(user); }

sf_count_t range_length(void* user) { return io_of(user).range.length; }

sf_count_t range_seek(sf_count_t offset, int whence, void* user) {
  ByteRangeIo& io = io_of(user);
  const std::int64_t base = whence == SEEK_CUR ? io.position : whence == SEEK_END ? io.range.length : 0;
  io.position = std::clamp<std::int64_t>(base + offset, 0, io.range.length);
  return io.position;
}

sf_count_t range_read(void* out, sf_count_t count, void* user) {
  ByteRangeIo& io = io_of(user);
  const std::int64_t wanted = std::clamp<std::int64_t>(count, 0, io.range.length - io.position);
  if (wanted <= 0) return 0;
  const ssize_t got = ::pread(io.fd, out, static_cast<std::size_t>(wanted), static_cast<off_t>(io.range.offset + io.position));
  if (got <= 0) return 0;
  io.position += got;
  return got;
}

sf_count_t range_write(const void*, sf_count_t, void*) { return 0; }  // read-only

sf_count_t range_tell(void* user) { return io_of(user).position; }

}  // namespace

SF_VIRTUAL_IO byte_range_virtual_io() { return SF_VIRTUAL_IO{range_length, range_seek, range_read, range_write, range_tell}; }

}  // namespace samplemind::audio
