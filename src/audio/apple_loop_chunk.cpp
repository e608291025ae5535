// Apple Loops' 'basc' chunk, read with the same bounded chunk walk as every other list.
#include "audio/apple_loop_chunk.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "audio/riff_chunks.hpp"
#include "util/unique_fd.hpp"

namespace samplemind::audio {

namespace {
constexpr std::size_t k_max_chunks = 64;         // real AIFFs have a handful; more is a crafted file
constexpr std::size_t k_fields_bytes = 16;       // version, beats, key, scale, meter
constexpr std::size_t k_with_loop_type_bytes = 18;
constexpr std::uint32_t k_max_beats = 4096;      // 1,024 bars of 4/4: more is not a loop's count
constexpr int k_max_midi_note = 127;

int be16(const unsigned char* p) { return static_cast<int>(read_big_endian(p, 2)); }

AppleLoopScale scale_of(int code) {
  switch (code) {
    case 1: return AppleLoopScale::minor;
    case 2: return AppleLoopScale::major;
    case 3: return AppleLoopScale::neither;
    case 4: return AppleLoopScale::both;
    default: return AppleLoopScale::unknown;
  }
}
}  // namespace

std::optional<AppleLoopChunk> parse_apple_loop_chunk(std::span<const unsigned char> body) {
  if (body.size() < k_fields_bytes) return std::nullopt;
  const unsigned char* p = body.data();
  AppleLoopChunk chunk;
  chunk.beats = static_cast<std::uint32_t>(read_big_endian(p + 4, 4));
  const int key = be16(p + 8);
  if (key > 0 && key <= k_max_midi_note) chunk.key_midi = key;
  chunk.scale = scale_of(be16(p + 10));
  chunk.meter_numerator = be16(p + 12);
  chunk.meter_denominator = be16(p + 14);
  // libsndfile's reading: 0 is a loop, 1 a one-shot.
  chunk.one_shot = body.size() >= k_with_loop_type_bytes && be16(p + 16) == 1;
  return chunk;
}

std::optional<AppleLoopChunk> read_apple_loop_chunk(const std::filesystem::path& path, double duration_s) {
  // O_NONBLOCK: a FIFO named like an AIFF cannot hang the read.
  const UniqueFd file(::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
  return read_apple_loop_chunk(file.get(), duration_s);
}

std::optional<AppleLoopChunk> read_apple_loop_chunk(int fd, double duration_s) {
  struct stat status {};
  if (fd < 0 || ::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) return std::nullopt;
  const auto size = static_cast<std::int64_t>(status.st_size);
  std::array<unsigned char, 12> form{};
  if (size < 12 || !read_exact(fd, 0, form.data(), form.size())) return std::nullopt;
  if (std::memcmp(form.data(), "FORM", 4) != 0 ||
      (std::memcmp(form.data() + 8, "AIFF", 4) != 0 && std::memcmp(form.data() + 8, "AIFC", 4) != 0)) {
    return std::nullopt;
  }
  std::optional<AppleLoopChunk> found;
  walk_riff_chunks(fd, true, k_max_chunks, [&](const RiffChunk& chunk) {
    if (chunk.length > size - chunk.body) return false;  // claims more than the file holds
    if (chunk.id != "basc") return true;
    std::array<unsigned char, k_with_loop_type_bytes> body{};
    const std::size_t wanted = std::min<std::size_t>(body.size(), static_cast<std::size_t>(chunk.length));
    if (read_exact(fd, chunk.body, body.data(), wanted)) found = parse_apple_loop_chunk({body.data(), wanted});
    return false;  // the first basc decides
  });
  if (found && found->meter_denominator == 4 && found->beats > 0 && found->beats <= k_max_beats &&
      std::isfinite(duration_s) && duration_s > 0.0) {
    found->bpm = 60.0 * found->beats / duration_s;
  }
  return found;
}

}  // namespace samplemind::audio
