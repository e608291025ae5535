// The feature index: every analysed path with its features, filtered by folder, with
// changed and vanished files marked stale; nothing is decoded or hashed to list them.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>

#include "cache/feature_cache.hpp"
#include "cache/feature_index.hpp"
#include "support/legacy_stat_cache.hpp"
#include "support/scratch_files.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {

using testing::age;
using testing::write_file;

// An extractor whose features carry the file's size, so each entry can be told apart.
Result<Features> size_features(const std::filesystem::path& path) {
  Features features;
  features.duration_s = static_cast<double>(std::filesystem::file_size(path));
  features.category = "kick";
  features.timbre = {0.5f, -1.25f};
  return features;
}

// Analyses each file through a fresh feature cache, as `analyze` does.
void analyse(CacheBackend& backend, const std::vector<std::filesystem::path>& files) {
  FeatureCache cache(backend);
  for (const auto& file : files) REQUIRE(cache.features_for(file, size_features).ok());
}

}  // namespace

TEST_CASE("feature index: lists analysed files with their features, sorted by path") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "drums");
  const auto kick = dir.path() / "drums" / "kick.wav", pad = dir.path() / "pad.wav";
  write_file(kick, "12345");
  write_file(pad, "123456789");
  age(kick);
  age(pad);
  auto backend = open_cache_backend("memory");
  analyse(*backend, {pad, kick});

  std::string error;
  const auto files = list_cached_files(*backend, {}, &error);
  CHECK(error.empty());
  REQUIRE(files.size() == 2);
  CHECK(files[0].path == std::filesystem::absolute(kick).lexically_normal().string());
  CHECK(files[0].features.duration_s == 5.0);
  CHECK(files[1].features.duration_s == 9.0);
  CHECK(files[0].features.category == "kick");
  CHECK(files[0].features.timbre == std::vector<float>{0.5f, -1.25f});
  CHECK_FALSE(files[0].stale);
  CHECK(files[0].stale_reason.empty());
}

TEST_CASE("feature index: folder filters keep whole path components only") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "drums");
  std::filesystem::create_directories(dir.path() / "drums2");
  const auto a = dir.path() / "drums" / "a.wav", b = dir.path() / "drums2" / "b.wav";
  write_file(a, "aa");
  write_file(b, "bbb");
  age(a);
  age(b);
  auto backend = open_cache_backend("memory");
  analyse(*backend, {a, b});

  const auto drums = list_cached_files(*backend, {dir.path() / "drums/"});
  REQUIRE(drums.size() == 1);
  CHECK(drums[0].features.duration_s == 2.0);
  CHECK(list_cached_files(*backend, {dir.path() / "drums", dir.path() / "drums2"}).size() == 2);
  CHECK(list_cached_files(*backend, {b}).size() == 1);
  CHECK(list_cached_files(*backend, {dir.path() / "elsewhere"}).empty());
}

TEST_CASE("feature index: changed and vanished files are listed as stale") {
  testing::TempDir dir;
  const auto kept = dir.path() / "kept.wav", changed = dir.path() / "changed.wav", gone = dir.path() / "gone.wav";
  for (const auto& file : {kept, changed, gone}) {
    write_file(file, "original");
    age(file);
  }
  auto backend = open_cache_backend("memory");
  analyse(*backend, {kept, changed, gone});
  write_file(changed, "rewritten, longer");
  std::filesystem::remove(gone);

  const auto files = list_cached_files(*backend, {});
  REQUIRE(files.size() == 3);
  CHECK(files[0].path.ends_with("changed.wav"));
  CHECK(files[0].stale);
  CHECK(files[0].stale_reason == "changed");
  CHECK(files[1].path.ends_with("gone.wav"));
  CHECK(files[1].stale_reason == "vanished");
  CHECK(files[2].path.ends_with("kept.wav"));
  CHECK_FALSE(files[2].stale);

  // Deferred: nothing is known until asked, then the same answers.
  auto later = list_cached_files(*backend, {}, nullptr, StaleCheck::when_shown);
  REQUIRE(later.size() == 3);
  for (IndexedFile& file : later) {
    CHECK(file.stale_unchecked);
    CHECK_FALSE(file.stale);
    check_staleness(file);
    CHECK_FALSE(file.stale_unchecked);
  }
  CHECK(later[0].stale_reason == "changed");
  CHECK(later[1].stale_reason == "vanished");
  CHECK_FALSE(later[2].stale);
}

TEST_CASE("feature index: a duplicate file shares the features entry and is listed under both names") {
  testing::TempDir dir;
  const auto one = dir.path() / "one.wav", two = dir.path() / "two.wav";
  write_file(one, "same bytes");
  write_file(two, "same bytes");
  age(one);
  age(two);
  auto backend = open_cache_backend("memory");
  analyse(*backend, {one, two});
  const auto files = list_cached_files(*backend, {});
  REQUIRE(files.size() == 2);
  CHECK(files[0].features.duration_s == files[1].features.duration_s);
}

TEST_CASE("feature index: a stat record still under the older key (no analyze since) is listed") {
  testing::TempDir dir;
  const auto kick = dir.path() / "kick.wav";
  write_file(kick, "12345");
  age(kick);
  auto fresh = open_cache_backend("memory");
  analyse(*fresh, {kick});
  auto older = testing::cache_with_legacy_stat_record(*fresh, kick);

  std::string error;
  const auto files = list_cached_files(*older, {}, &error);
  CHECK(error.empty());
  REQUIRE(files.size() == 1);
  CHECK(files[0].features.duration_s == 5.0);
  CHECK_FALSE(files[0].stale);
}

}  // namespace samplemind
