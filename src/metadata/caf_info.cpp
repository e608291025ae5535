// CAF's information chunk, walked and parsed with bounded reads.
#include "metadata/caf_info.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "audio/riff_chunks.hpp"
#include "metadata/tag_statements.hpp"
#include "util/range_text.hpp"
#include "util/unique_fd.hpp"

namespace samplemind::metadata {

namespace {
constexpr std::size_t k_max_chunks = 64;
constexpr std::int64_t k_max_info_bytes = 64 * 1024;
constexpr std::size_t k_max_entries = 256;
constexpr std::int64_t k_file_header_bytes = 8;   // 'caff', version, flags
constexpr std::int64_t k_chunk_header_bytes = 12;  // type, then a signed 64-bit size

// A key as any writer may case it: "tempo", "Tempo", "TEMPO".
bool is_key(std::string_view key, std::string_view lowercase) {
  return key.size() == lowercase.size() && ends_with_ci(key, lowercase);
}
}  // namespace

CafInfoEntries parse_caf_info(std::string_view body) {
  CafInfoEntries entries;
  if (body.size() < 4) return entries;
  const auto* p = reinterpret_cast<const unsigned char*>(body.data());
  const auto count = static_cast<std::uint32_t>(audio::read_big_endian(p, 4));
  std::string_view rest = body.substr(4);
  const auto next_string = [&rest]() -> std::optional<std::string_view> {
    const std::size_t end = rest.find('\0');
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view text = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    return text;
  };
  for (std::uint32_t i = 0; i < count && entries.size() < k_max_entries; ++i) {
    const auto key = next_string();
    const auto value = key ? next_string() : std::nullopt;
    if (!value) break;
    entries.emplace_back(std::string(*key), std::string(*value));
  }
  return entries;
}

std::optional<CafInfoEntries> read_caf_info(const std::filesystem::path& path) {
  // O_NONBLOCK: a FIFO named like a CAF cannot hang the read.
  const UniqueFd file(::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
  struct stat status {};
  if (file.get() < 0 || ::fstat(file.get(), &status) != 0 || !S_ISREG(status.st_mode)) return std::nullopt;
  const auto size = static_cast<std::int64_t>(status.st_size);
  std::array<unsigned char, k_chunk_header_bytes> header{};
  if (size < k_file_header_bytes || !audio::read_exact(file.get(), 0, header.data(), 4) ||
      std::memcmp(header.data(), "caff", 4) != 0) {
    return std::nullopt;
  }
  std::int64_t offset = k_file_header_bytes;
  for (std::size_t chunk = 0; chunk < k_max_chunks; ++chunk) {
    if (offset > size - k_chunk_header_bytes || !audio::read_exact(file.get(), offset, header.data(), header.size())) break;
    const auto length = static_cast<std::int64_t>(audio::read_big_endian(header.data() + 4, 8));
    const std::int64_t body = offset + k_chunk_header_bytes;
    if (length < 0 || length > size - body) break;  // -1: the audio data runs to the end
    if (std::memcmp(header.data(), "info", 4) == 0) {
      if (length > k_max_info_bytes) return std::nullopt;
      std::string text(static_cast<std::size_t>(length), '\0');
      if (!audio::read_exact(file.get(), body, text.data(), text.size())) return std::nullopt;
      return parse_caf_info(text);
    }
    offset = body + length;
  }
  return std::nullopt;
}

FileStatements caf_info_statements(const CafInfoEntries& entries) {
  FileStatements out;
  for (const auto& [key, value] : entries) {
    if (!out.bpm && is_key(key, "tempo") && (out.bpm = parse_bpm_text(value))) {
      out.bpm_source = StatementSource::tag;
    }
    if (!out.key && is_key(key, "key signature") && (out.key = parse_key_field(value, false))) {
      out.key_source = StatementSource::tag;
    }
  }
  return out;
}

}  // namespace samplemind::metadata
