// A CAF file's information chunk: its entries from bytes, and "tempo" and "key signature" read
// from files libsndfile writes, with the chunk put in by hand; damaged lists state nothing.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "metadata/caf_info.hpp"
#include "support/big_endian_bytes.hpp"
#include "support/stated_files.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::metadata;
using namespace samplemind::testing;
namespace fs = std::filesystem;

namespace {
// An info chunk's body: the count, then each key and value ended by a NUL.
std::string info_body(const std::vector<std::pair<std::string, std::string>>& entries, std::uint32_t count) {
  std::string body;
  put_be(body, count, 4);
  for (const auto& [key, value] : entries) body += key + '\0' + value + '\0';
  return body;
}

// A 0.5 s CAF written by libsndfile, with an 'info' chunk put right after its 'desc' chunk
// (CAF wants 'desc' first). claimed: the size the chunk's header gives (none: the body's).
void write_caf_with_info(const fs::path& path, const std::string& body, std::optional<std::int64_t> claimed = {}) {
  write(path, audio::FileFormat::caf);
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  REQUIRE(bytes.size() > 20);
  REQUIRE(bytes.compare(8, 4, "desc") == 0);
  const std::size_t after_desc = 8 + 12 + 32;  // the file header, desc's header, its 32-byte body
  std::string chunk = "info";
  put_be(chunk, static_cast<std::uint64_t>(claimed.value_or(static_cast<std::int64_t>(body.size()))), 8);
  chunk += body;
  bytes.insert(after_desc, chunk);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}
}  // namespace

TEST_CASE("caf info: entries from the bytes, cut and over-long lists") {
  const auto entries = parse_caf_info(info_body({{"tempo", "120"}, {"key signature", "Am"}}, 2));
  REQUIRE(entries.size() == 2);
  CHECK(entries[0] == std::pair<std::string, std::string>{"tempo", "120"});
  CHECK(entries[1].second == "Am");
  CHECK(parse_caf_info(info_body({{"tempo", "120"}}, 5)).size() == 1);  // claims 5, holds 1
  std::string cut = info_body({{"tempo", "120"}}, 1);
  cut.pop_back();  // the value's NUL gone
  CHECK(parse_caf_info(cut).empty());
  CHECK(parse_caf_info("").empty());
  std::vector<std::pair<std::string, std::string>> many(300, {"k", "v"});
  CHECK(parse_caf_info(info_body(many, 300)).size() == 256);
}

TEST_CASE("caf info: tempo and key signature, any case, become tag statements") {
  FileStatements got = caf_info_statements({{"artist", "x"}, {"Tempo", "96.5"}, {"KEY SIGNATURE", "F# minor"}});
  CHECK(got.bpm == 96.5);
  CHECK(got.bpm_source == StatementSource::tag);
  CHECK(got.key == StatedKey{6, true});
  CHECK(got.key_source == StatementSource::tag);
  got = caf_info_statements({{"tempo", "fast"}, {"key signature", "nonsense"}, {"tempo", "9000"}});
  CHECK_FALSE(got.bpm.has_value());
  CHECK_FALSE(got.key.has_value());
}

TEST_CASE("caf info: read from a CAF file that still decodes, beside its name") {
  TempDir dir;
  const fs::path path = dir.path() / "Pad 90 BPM.caf";
  write_caf_with_info(path, info_body({{"title", "pad"}, {"tempo", "128"}, {"key signature", "Eb"}}, 3));
  auto decoder = AudioDecoder::open(path);
  REQUIRE(decoder.ok());
  CHECK(decoder->info().frames == static_cast<std::int64_t>(sine().size()));
  const FileStatements got = statements_of(path);
  CHECK(got.bpm == 128.0);  // the file's own chunk before its name's 90
  CHECK(got.bpm_source == StatementSource::tag);
  CHECK(got.key == StatedKey{3, std::nullopt});
  const Features f = final_features(path);
  CHECK(f.tempo_source == "tag");
  CHECK(f.key == "D#");
}

TEST_CASE("caf info: damaged chunk lists and other files state nothing") {
  TempDir dir;
  const fs::path claims = dir.path() / "claims.caf";
  write_caf_with_info(claims, info_body({{"tempo", "128"}}, 1), std::int64_t{1} << 40);
  CHECK_FALSE(read_caf_info(claims).has_value());
  const fs::path negative = dir.path() / "negative.caf";
  write_caf_with_info(negative, info_body({{"tempo", "128"}}, 1), -2);
  CHECK_FALSE(read_caf_info(negative).has_value());
  const fs::path wav = dir.path() / "tempo 128.wav";
  write(wav, audio::FileFormat::wav16);
  CHECK_FALSE(read_caf_info(wav).has_value());
  const fs::path fifo = dir.path() / "pipe.caf";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_FALSE(read_caf_info(fifo).has_value());  // returns, never blocks
  CHECK_FALSE(read_caf_info(dir.path() / "missing.caf").has_value());
}
