// MPEG audio frame headers (ISO 11172-3 / 13818-3, the 32-bit header) and the ID3v2 tag
// header (id3.org, ID3v2.4 section 3.1), read only far enough to say where audio starts.
#include "audio/mpeg_header.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace samplemind::audio {

namespace {
constexpr std::size_t k_frame_header_bytes = 4;
constexpr std::size_t k_id3_header_bytes = 10;
constexpr std::uint64_t k_id3_footer_bytes = 10;
constexpr unsigned char k_id3_footer_flag = 0x10;
// The first four bytes of the formats libsndfile reads that may carry an MP3's name or an
// ID3v2 tag in front: WAV (RIFF, RIFX, RF64, Wave64), AIFF (FORM), FLAC, Ogg, CAF, AU, VOC.
constexpr std::array<std::string_view, 10> k_other_format_magics = {"RIFF", "RIFX", "RF64", "riff", "FORM",
                                                                     "fLaC", "OggS", "caff", ".snd", "Crea"};

bool starts_with_other_format(std::span<const unsigned char> bytes) {
  if (bytes.size() < 4) return false;
  const std::string_view first(reinterpret_cast<const char*>(bytes.data()), 4);
  return std::find(k_other_format_magics.begin(), k_other_format_magics.end(), first) != k_other_format_magics.end();
}
}  // namespace

bool is_mpeg_audio_frame_header(std::span<const unsigned char> bytes) {
  if (bytes.size() < k_frame_header_bytes) return false;
  if (bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0) return false;  // 11 sync bits
  const int version = (bytes[1] >> 3) & 0x3;   // 1 is reserved
  const int layer = (bytes[1] >> 1) & 0x3;     // 0 is reserved (and what AAC's ADTS has)
  const int bitrate = (bytes[2] >> 4) & 0xF;   // 15 is invalid (0 is free format)
  const int rate = (bytes[2] >> 2) & 0x3;      // 3 is reserved
  const int emphasis = bytes[3] & 0x3;         // 2 is reserved
  return version != 1 && layer != 0 && bitrate != 15 && rate != 3 && emphasis != 2;
}

std::optional<std::uint64_t> id3v2_tag_bytes(std::span<const unsigned char> header) {
  if (header.size() < k_id3_header_bytes || header[0] != 'I' || header[1] != 'D' || header[2] != '3') return std::nullopt;
  if (header[3] == 0xFF || header[4] == 0xFF) return std::nullopt;  // version bytes are never 0xFF
  std::uint64_t body = 0;
  for (std::size_t i = 6; i < k_id3_header_bytes; ++i) {
    if ((header[i] & 0x80) != 0) return std::nullopt;  // a "synchsafe" size: 7 bits per byte
    body = (body << 7) | header[i];
  }
  const bool footer = (header[5] & k_id3_footer_flag) != 0;
  return k_id3_header_bytes + body + (footer ? k_id3_footer_bytes : 0);
}

bool starts_with_mpeg_audio(int fd) {
  std::array<unsigned char, k_id3_header_bytes> head{};
  if (fd < 0 || ::pread(fd, head.data(), head.size(), 0) < static_cast<ssize_t>(k_frame_header_bytes)) return false;
  if (is_mpeg_audio_frame_header(head)) return true;
  const auto tag = id3v2_tag_bytes(head);
  if (!tag) return false;
  std::array<unsigned char, k_frame_header_bytes> after{};
  const ssize_t got = ::pread(fd, after.data(), after.size(), static_cast<off_t>(*tag));
  return got == static_cast<ssize_t>(after.size()) && is_mpeg_audio_frame_header(after);
}

bool claims_mpeg_audio(int fd, bool named_mpeg) {
  std::array<unsigned char, k_id3_header_bytes> head{};
  if (fd < 0 || ::pread(fd, head.data(), head.size(), 0) < static_cast<ssize_t>(k_frame_header_bytes)) return false;
  const bool id3 = head[0] == 'I' && head[1] == 'D' && head[2] == '3';
  if (!named_mpeg && !id3) return false;
  if (starts_with_other_format(head)) return false;
  const auto tag = id3v2_tag_bytes(head);
  if (!tag) return true;  // a damaged ID3 header, or none: no other format to hand it to
  std::array<unsigned char, k_frame_header_bytes> after{};
  const ssize_t got = ::pread(fd, after.data(), after.size(), static_cast<off_t>(*tag));
  return got != static_cast<ssize_t>(after.size()) || !starts_with_other_format(after);
}

}  // namespace samplemind::audio
