// File backend specifics: permissions, layout, corrupt and torn entries.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>

#include "cache/ai_cache.hpp"
#include "support/cache_backend_suite.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {

mode_t mode_of(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

std::filesystem::path only_entry_file(const std::filesystem::path& root) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ".json" && entry.path().filename() != "usage.json") return entry.path();
  }
  FAIL("no entry file");
  return {};
}

}  // namespace

TEST_CASE("file cache: sharded layout, folders 0700 and files 0600, no temp files left") {
  testing::TempDir dir;
  const auto root = dir.path() / "cache";
  auto backend = open_cache_backend("file:" + root.string());
  REQUIRE(backend->put(testing::sample_record("3f9cabcdef")).ok);
  const auto file = root / "ai" / "3f" / "3f9cabcdef.json";
  REQUIRE(std::filesystem::exists(file));
  CHECK(mode_of(root) == 0700);
  CHECK(mode_of(root / "ai") == 0700);
  CHECK(mode_of(root / "ai" / "3f") == 0700);
  CHECK(mode_of(file) == 0600);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root / "ai" / "3f")) files += entry.is_regular_file();
  CHECK(files == 1);
}

TEST_CASE("file cache: keys cannot escape the cache folder") {
  testing::TempDir dir;
  auto backend = open_cache_backend("file:" + (dir.path() / "cache").string());
  REQUIRE(backend->put(testing::sample_record("../../escape")).ok);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "escape.json"));
  CHECK(backend->get(EntryKind::ai, "../../escape").status == LookupStatus::hit);
}

TEST_CASE("file cache: get and put never go through a shard or kind folder replaced by a symlink") {
  testing::TempDir dir;
  const auto root = dir.path() / "cache";
  const auto outside = dir.path() / "outside";
  std::filesystem::create_directories(outside);
  auto backend = open_cache_backend("file:" + root.string());
  REQUIRE(backend->put(testing::sample_record("3f9cabcdef")).ok);
  std::filesystem::copy_file(root / "ai" / "3f" / "3f9cabcdef.json", outside / "3f9cabcdef.json");
  std::filesystem::remove_all(root / "ai" / "3f");
  std::filesystem::create_directory_symlink(outside, root / "ai" / "3f");  // planted shard link
  CHECK(backend->get(EntryKind::ai, "3f9cabcdef").status != LookupStatus::hit);
  CHECK_FALSE(backend->put(testing::sample_record("3f00000001")).ok);
  CHECK_FALSE(std::filesystem::exists(outside / "3f00000001.json"));
  std::filesystem::remove(root / "ai" / "3f");
  std::filesystem::rename(root / "ai", dir.path() / "ai-moved");
  std::filesystem::create_directory_symlink(outside, root / "ai");  // planted kind link
  CHECK_FALSE(backend->put(testing::sample_record("3f00000002")).ok);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(outside)) {
    CHECK(entry.path().filename() != "3f00000002.json");
  }
}

TEST_CASE("file cache: a corrupt or truncated entry is a counted miss, then replaced") {
  testing::TempDir dir;
  const auto root = dir.path() / "cache";
  AiCache cache(open_cache_backend("file:" + root.string()), 3600);
  cache.store(testing::sample_record("c0ffee"));
  const auto file = only_entry_file(root);
  const std::string original = testing::sample_record("c0ffee").payload;

  SUBCASE("truncated") { std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2); }
  SUBCASE("edited payload") {
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    text.replace(text.find("house"), 5, "trance");
    std::ofstream(file, std::ios::trunc) << text;
  }
  SUBCASE("garbage") { std::ofstream(file, std::ios::trunc) << "\x01\x02 not json"; }

  CHECK_FALSE(cache.lookup("c0ffee"));
  CHECK(cache.corrupt_entries() == 1);
  CHECK_FALSE(cache.failed());
  cache.store(testing::sample_record("c0ffee"));
  REQUIRE(cache.lookup("c0ffee"));
  CHECK(cache.lookup("c0ffee")->payload == original);
}

TEST_CASE("file cache: an unwritable folder is a failure value") {
  if (::geteuid() == 0) return;  // root ignores permissions
  testing::TempDir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  auto backend = open_cache_backend("file:" + (dir.path() / "cache").string());
  CHECK_FALSE(backend->put(testing::sample_record("x")).ok);
}

TEST_CASE("file cache: prune and clear never follow a symlink planted in the cache folder") {
  testing::TempDir dir;
  const auto root = dir.path() / "cache";
  const auto outside = dir.path() / "outside";
  std::filesystem::create_directories(outside / "zz");
  std::ofstream(outside / "zz" / "zz00.json") << "precious";
  std::ofstream(outside / "victim.json") << "precious";
  auto backend = open_cache_backend("file:" + root.string());
  REQUIRE(backend->put(testing::sample_record("3f9cabcdef")).ok);
  std::filesystem::create_directory_symlink(outside / "zz", root / "ai" / "zz");
  std::filesystem::create_symlink(outside / "victim.json", root / "ai" / "3f" / "3fffff.json");
  std::filesystem::create_directory_symlink(outside, root / "features");
  PruneOptions options;
  options.now = 2000000000;
  options.max_bytes = 1;
  REQUIRE(backend->prune(options).ok());
  REQUIRE(backend->clear(ClearFilter{}).ok());
  CHECK(std::filesystem::exists(outside / "zz" / "zz00.json"));
  CHECK(std::filesystem::exists(outside / "victim.json"));
  CHECK(std::filesystem::is_symlink(root / "ai" / "zz"));
  CHECK_FALSE(std::filesystem::exists(root / "ai" / "3f" / "3f9cabcdef.json"));  // its own entry went
  // A hit never follows a link at an entry's name either: it is a miss.
  CHECK(backend->get(EntryKind::ai, "3fffff").status != LookupStatus::hit);
}

}  // namespace samplemind
