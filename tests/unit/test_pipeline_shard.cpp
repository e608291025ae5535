// --shard K/N: parsing, and a partition of a walked library that is disjoint, covers every
// file, does not move when unrelated files are added, and does not depend on where the
// library is mounted.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>

#include "pipeline/scan.hpp"
#include "pipeline/shard.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
namespace fs = std::filesystem;

namespace {
void touch(const fs::path& path) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << "x";
}

// Relative path -> shard, for every file shard k of n finds under root.
std::map<std::string, std::uint32_t> partition(const fs::path& root, std::uint32_t n) {
  std::map<std::string, std::uint32_t> owner;
  for (std::uint32_t k = 1; k <= n; ++k) {
    ScanOptions options;
    options.shard = Shard{k, n};
    walk_inputs({root}, options, [&](ScanItem item) {
      const std::string relative = fs::relative(item.path, root).string();
      CHECK_MESSAGE(owner.emplace(relative, k).second, relative << " is in two shards");
    });
  }
  return owner;
}

void make_library(const fs::path& root, int first, int last) {
  for (int i = first; i < last; ++i) touch(root / ("d" + std::to_string(i % 7)) / ("f" + std::to_string(i) + ".wav"));
}
}  // namespace

TEST_CASE("pipeline shard parses K/N and refuses everything else") {
  const auto shard = parse_shard("2/4");
  REQUIRE(shard);
  CHECK(shard->index == 2);
  CHECK(shard->count == 4);
  CHECK(to_string(*shard) == "2/4");
  CHECK(parse_shard("1/1"));
  CHECK(parse_shard("1000000/1000000"));
  for (const char* bad : {"", "0/4", "5/4", "1/0", "2", "2/", "/4", "-1/4", "+1/4", "1/4x", " 1/4", "1.0/4", "1/1000001",
                          "4294967297/4294967298", "1//4"}) {
    CAPTURE(bad);
    const auto parsed = parse_shard(bad);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().find("--shard must be K/N") != std::string::npos);
  }
}

TEST_CASE("pipeline shard: the N shards of a library are disjoint and cover every file") {
  testing::TempDir dir;
  make_library(dir.path(), 0, 300);
  const auto whole = scan_inputs({dir.path()}, ScanOptions{}).items.size();
  REQUIRE(whole == 300);
  for (std::uint32_t n : {1u, 2u, 3u, 7u}) {
    CAPTURE(n);
    const auto owner = partition(dir.path(), n);
    CHECK(owner.size() == whole);
    std::map<std::uint32_t, int> sizes;
    for (const auto& [path, k] : owner) ++sizes[k];
    for (std::uint32_t k = 1; k <= n; ++k) CHECK(sizes[k] > static_cast<int>(whole / n) / 2);  // none starved
  }
}

TEST_CASE("pipeline shard: adding unrelated files moves no file, and the mount point does not matter") {
  testing::TempDir dir;
  make_library(dir.path() / "a", 0, 120);
  const auto before = partition(dir.path() / "a", 4);
  make_library(dir.path() / "a", 120, 240);  // new files, some in new folders' neighbours
  const auto after = partition(dir.path() / "a", 4);
  CHECK(after.size() == 240);
  for (const auto& entry : before) CHECK_MESSAGE(after.at(entry.first) == entry.second, entry.first << " moved");
  fs::rename(dir.path() / "a", dir.path() / "elsewhere");
  CHECK(partition(dir.path() / "elsewhere", 4) == after);
}

TEST_CASE("pipeline shard: walk totals count the files left to other shards, a file input hashes its name") {
  testing::TempDir dir;
  make_library(dir.path(), 0, 50);
  ScanOptions options;
  options.shard = Shard{1, 3};
  std::size_t mine = 0;
  const WalkTotals totals = walk_inputs({dir.path()}, options, [&](ScanItem) { ++mine; });
  CHECK(mine + totals.outside_shard == 50);
  CHECK(path_below_input("lib/d1/f1.wav", "lib") == "d1/f1.wav");
  CHECK(path_below_input("lib/d1/f1.wav", "lib/") == "d1/f1.wav");
  CHECK(path_below_input("/x/y/f1.wav", "/x/y/f1.wav") == "f1.wav");
  CHECK(shard_of("d1/f1.wav", 1) == 1);
  const auto k = shard_of("d1/f1.wav", 5);
  CHECK((k >= 1 && k <= 5));
}

TEST_CASE("pipeline scan: a missing input is found before the walk, a dangling link is not missing") {
  testing::TempDir dir;
  touch(dir.path() / "here.wav");
  fs::create_symlink(dir.path() / "nowhere.wav", dir.path() / "dangling.wav");
  CHECK_FALSE(first_missing_input({dir.path(), dir.path() / "here.wav", dir.path() / "dangling.wav"}));
  const auto missing = first_missing_input({dir.path(), dir.path() / "typo"});
  REQUIRE(missing);
  CHECK(*missing == dir.path() / "typo");
}
