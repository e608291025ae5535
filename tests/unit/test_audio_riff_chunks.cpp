// The shared chunk-list walk: little- and big-endian sizes, odd lengths padded, a visitor
// that stops, and a list longer than the walk's cap.
#include <doctest/doctest.h>

#include <fcntl.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "audio/riff_chunks.hpp"
#include "support/temp_dir.hpp"
#include "util/unique_fd.hpp"

namespace {

using namespace samplemind;

// A chunk file: a 12-byte header (magic, size, form type), then each chunk's ID, size and body.
std::string chunk_file(const std::string& magic, bool big_endian, const std::vector<std::pair<std::string, std::string>>& chunks) {
  auto size_bytes = [big_endian](std::uint32_t n) {
    std::string out(4, '\0');
    for (int i = 0; i < 4; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>((n >> (big_endian ? 24 - 8 * i : 8 * i)) & 0xFF);
    return out;
  };
  std::string body;
  for (const auto& [id, data] : chunks) body += id + size_bytes(static_cast<std::uint32_t>(data.size())) + data + (data.size() % 2 ? std::string(1, '\0') : "");
  return magic + size_bytes(static_cast<std::uint32_t>(body.size() + 4)) + (big_endian ? "AIFF" : "WAVE") + body;
}

struct Seen {
  std::vector<std::string> ids;
  std::vector<std::int64_t> bodies, lengths;
};

audio::ChunkWalkEnd walk(const std::string& bytes, bool big_endian, std::size_t max, Seen& seen, const std::string& stop_at = "") {
  testing::TempDir dir;
  const auto path = dir.path() / "chunks.bin";
  std::ofstream(path, std::ios::binary) << bytes;
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  return audio::walk_riff_chunks(fd.get(), big_endian, max, [&](const audio::RiffChunk& chunk) {
    seen.ids.emplace_back(chunk.id);
    seen.bodies.push_back(chunk.body);
    seen.lengths.push_back(chunk.length);
    return std::string(chunk.id) != stop_at;
  });
}

}  // namespace

TEST_CASE("riff chunks: little-endian sizes, an odd chunk padded to even, the list to its end") {
  Seen seen;
  const auto end = walk(chunk_file("RIFF", false, {{"fmt ", "abcde"}, {"data", "0123456789"}, {"id3 ", "x"}}), false, 64, seen);
  CHECK(end == audio::ChunkWalkEnd::end_of_list);
  CHECK(seen.ids == std::vector<std::string>{"fmt ", "data", "id3 "});
  CHECK(seen.bodies == std::vector<std::int64_t>{20, 34, 52});  // 12 + 8; + 5 + 1 pad + 8; + 10 + 8
  CHECK(seen.lengths == std::vector<std::int64_t>{5, 10, 1});
}

TEST_CASE("riff chunks: big-endian sizes (AIFF), a visitor that stops, and the cap") {
  Seen aiff;
  CHECK(walk(chunk_file("FORM", true, {{"COMM", std::string(18, 'c')}, {"ID3 ", "tag"}, {"SSND", "ss"}}), true, 64, aiff, "ID3 ") ==
        audio::ChunkWalkEnd::stopped);
  CHECK(aiff.ids == std::vector<std::string>{"COMM", "ID3 "});
  CHECK(aiff.lengths == std::vector<std::int64_t>{18, 3});

  Seen capped;
  const auto many = chunk_file("RIFF", false, {{"junk", ""}, {"junk", ""}, {"junk", ""}});
  CHECK(walk(many, false, 2, capped) == audio::ChunkWalkEnd::too_many);
  CHECK(capped.ids.size() == 2);
  Seen exact;
  CHECK(walk(many, false, 3, exact) == audio::ChunkWalkEnd::end_of_list);  // a third chunk and no fourth
}
