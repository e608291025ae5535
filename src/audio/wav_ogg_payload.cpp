// Finds an Ogg stream wrapped in a RIFF/WAVE file and serves it to libsndfile. Every size
// in the header is hostile: read through bounded preads, checked against the file's size.
#include "audio/wav_ogg_payload.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace samplemind::audio {

namespace {

constexpr int k_max_chunks = 64;  // real WAVs have a handful; a longer walk is a crafted file
// The Ogg Vorbis modes of the RIFF format registry: 1, 2, 3 and their "plus" variants.
constexpr std::array<std::uint16_t, 6> k_ogg_vorbis_tags = {0x674F, 0x6750, 0x6751, 0x676F, 0x6770, 0x6771};

std::uint32_t little_endian_u32(const unsigned char* bytes) {
  return static_cast<std::uint32_t>(bytes[0]) | static_cast<std::uint32_t>(bytes[1]) << 8 |
         static_cast<std::uint32_t>(bytes[2]) << 16 | static_cast<std::uint32_t>(bytes[3]) << 24;
}

// Reads exactly `size` bytes at `offset`; false on a short read or an error.
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
  std::int64_t offset = 12;
  for (int chunk = 0; chunk < k_max_chunks && offset + 8 <= size; ++chunk) {
    std::array<unsigned char, 8> header{};
    if (!read_exact(fd, offset, header.data(), header.size())) return std::nullopt;
    const std::int64_t body = offset + 8;
    const std::int64_t length = little_endian_u32(header.data() + 4);
    if (length > size - body) return std::nullopt;  // claims more than the file holds
    if (std::memcmp(header.data(), "fmt ", 4) == 0) {
      std::array<unsigned char, 2> tag{};
      if (length < 2 || !read_exact(fd, body, tag.data(), tag.size())) return std::nullopt;
      const auto format_tag = static_cast<std::uint16_t>(tag[0] | tag[1] << 8);
      ogg_codec = std::find(k_ogg_vorbis_tags.begin(), k_ogg_vorbis_tags.end(), format_tag) != k_ogg_vorbis_tags.end();
      if (!ogg_codec) return std::nullopt;
    } else if (std::memcmp(header.data(), "data", 4) == 0) {
      std::array<char, 4> capture{};
      if (!ogg_codec || length < 4 || !read_exact(fd, body, capture.data(), capture.size())) return std::nullopt;
      if (std::memcmp(capture.data(), "OggS", 4) != 0) return std::nullopt;
      return ByteRange{body, length};
    }
    offset = body + length + (length & 1);  // chunks are padded to even sizes
  }
  return std::nullopt;
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
