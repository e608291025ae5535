#pragma once
// Apple Loops test files: the 'basc' chunk built byte by byte (big endian, the layout
// apple_loop_chunk.hpp reads) and appended to, or put first in, an AIFF's FORM list.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <doctest/doctest.h>

#include "support/big_endian_bytes.hpp"

namespace samplemind::testing {

struct BascFields {
  std::uint32_t beats = 8;
  std::uint16_t key = 57;       // 48..59 = C..B; 0: no key
  std::uint16_t scale = 1;      // 1 minor, 2 major, 3 neither, 4 both
  std::uint16_t numerator = 4;
  std::uint16_t denominator = 4;
  std::uint16_t loop_type = 0;  // 0 loop, 1 one-shot
};

// The chunk's body: version 1, the fields, then the 66 bytes of padding Apple's tools write
// (84 bytes in all). body_bytes cuts it short, as a damaged file would.
inline std::string basc_body(const BascFields& f, std::size_t body_bytes = 84) {
  std::string body;
  put_be(body, 1, 4);
  put_be(body, f.beats, 4);
  put_be(body, f.key, 2);
  put_be(body, f.scale, 2);
  put_be(body, f.numerator, 2);
  put_be(body, f.denominator, 2);
  put_be(body, f.loop_type, 2);
  body.append(66, '\0');
  body.resize(body_bytes);
  return body;
}

// Puts a chunk (ID, big-endian size, body, pad byte) into an AIFF file: after its last chunk,
// or right after the FORM header (before COMM) when first is true. claimed_size overrides the
// size written in the chunk's header (a hostile file claiming more than it holds).
inline void insert_aiff_chunk(const std::filesystem::path& path, const std::string& id, const std::string& body,
                              bool first = false, std::int64_t claimed_size = -1) {
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  REQUIRE(bytes.size() >= 12);
  std::string chunk = id;
  put_be(chunk, static_cast<std::uint64_t>(claimed_size >= 0 ? claimed_size : static_cast<std::int64_t>(body.size())), 4);
  chunk += body;
  if (body.size() % 2 != 0) chunk.push_back('\0');
  bytes.insert(first ? 12 : bytes.size(), chunk);
  std::string form_size;
  put_be(form_size, static_cast<std::uint32_t>(bytes.size() - 8), 4);
  bytes.replace(4, 4, form_size);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

inline void add_basc(const std::filesystem::path& path, const BascFields& fields, bool first = false) {
  insert_aiff_chunk(path, "basc", basc_body(fields), first);
}

}  // namespace samplemind::testing
