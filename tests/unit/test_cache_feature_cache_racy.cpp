// Racy stat records: a file written within the racy window of its mtime is recorded (so
// find and similar list it at once) but never trusted by its stat; once older it is.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "cache/feature_cache.hpp"
#include "cache/feature_index.hpp"
#include "cache/sha256.hpp"
#include "support/counting_extractor.hpp"
#include "support/scratch_files.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {

using testing::age;
using testing::CountingExtractor;
using testing::write_file;

// The path's stat record as the cache holds it.
StatRecord stored_record(CacheBackend& backend, const std::filesystem::path& path) {
  CacheLookup found = backend.get(EntryKind::file_stat, file_stat_key(path));
  REQUIRE(found.status == LookupStatus::hit);
  auto record = parse_stat_record(found.record->payload, true);
  REQUIRE(record);
  return *record;
}

// A file just written into a fresh folder, with a memory cache and a counting extractor.
struct JustWritten {
  JustWritten(const std::string& name, const std::string& content) : file(dir.path() / name) {
    write_file(file, content);
  }
  testing::TempDir dir;
  std::unique_ptr<CacheBackend> backend = open_cache_backend("memory");
  std::filesystem::path file;
  CountingExtractor extractor;
};

}  // namespace

TEST_CASE("feature cache: a just-written file is listed at once but not trusted by stat alone") {
  JustWritten fresh("fresh.wav", "brand new");
  FeatureCache cache(*fresh.backend);
  REQUIRE(cache.features_for(fresh.file, fresh.extractor.function()).ok());
  REQUIRE(cache.features_for(fresh.file, fresh.extractor.function()).ok());
  CHECK(fresh.extractor.calls == 1);          // the content hash found the features entry
  CHECK(cache.counters().files_hashed == 2);  // but the racy file was hashed each time
  CHECK(stored_record(*fresh.backend, fresh.file).racy);

  const auto listed = list_cached_files(*fresh.backend, {fresh.dir.path()});
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].path == keyed_path(fresh.file.native()));
  CHECK(listed[0].features.duration_s == doctest::Approx(9.0));
  CHECK_FALSE(listed[0].stale);
}

TEST_CASE("feature cache: a racy record gives way to a trusted one once the file is older than the window") {
  JustWritten settling("settling.wav", "twelve bytes");
  FeatureCache cache(*settling.backend);
  REQUIRE(cache.features_for(settling.file, settling.extractor.function()).ok());
  CHECK(stored_record(*settling.backend, settling.file).racy);
  age(settling.file, 3600);  // an hour old: the mtime moved, so the record no longer matches either
  REQUIRE(cache.features_for(settling.file, settling.extractor.function()).ok());
  CHECK(cache.counters().files_hashed == 2);
  CHECK_FALSE(stored_record(*settling.backend, settling.file).racy);
  REQUIRE(cache.features_for(settling.file, settling.extractor.function()).ok());
  CHECK(cache.counters().files_hashed == 2);  // trusted now: not read again
  CHECK(settling.extractor.calls == 1);
}

TEST_CASE("feature cache: a racy record that matches the file's stat is not trusted") {
  // What the window guards against: the file rewritten within one mtime tick, so its stat
  // still matches the record while its bytes do not. Forged here: the record names other bytes.
  JustWritten rewritten("rewritten.wav", "first take");
  age(rewritten.file, 3600);
  FeatureCache cache(*rewritten.backend);
  REQUIRE(cache.features_for(rewritten.file, rewritten.extractor.function()).ok());
  StatRecord forged = stored_record(*rewritten.backend, rewritten.file);
  CHECK_FALSE(forged.racy);
  forged.sha256 = sha256_hex("a take of other bytes");
  forged.racy = true;
  Features other;
  other.duration_s = 999.0;
  CacheRecord record = *rewritten.backend->get(EntryKind::file_stat, file_stat_key(rewritten.file)).record;
  record.payload = stat_record_json(forged, &other);
  REQUIRE(rewritten.backend->put(record));

  FeatureCache next_run(*rewritten.backend);
  auto features = next_run.features_for(rewritten.file, rewritten.extractor.function());
  REQUIRE(features.ok());
  CHECK(next_run.counters().files_hashed == 1);  // the stat matched, yet the content was read
  CHECK(features.value().duration_s == doctest::Approx(10.0));
  CHECK(stored_record(*rewritten.backend, rewritten.file).sha256 == sha256_hex("first take"));
}

TEST_CASE("stat record: the racy mark is kept, and a damaged mark never makes a record trusted") {
  StatRecord stat;
  stat.sha256 = std::string(64, 'c');
  stat.recorded = {10, 20, 30, 40, 50, 0};
  stat.racy = true;
  std::string text = stat_record_json(stat, nullptr);
  auto read = parse_stat_record(text, false);
  REQUIRE(read);
  CHECK(read->racy);
  CHECK_FALSE(stat_record_matches(*read, stat.recorded));
  stat.racy = false;
  text = stat_record_json(stat, nullptr);
  CHECK(text.find("racy") == std::string::npos);  // records written before the mark read the same
  REQUIRE(parse_stat_record(text, false));
  CHECK(stat_record_matches(*parse_stat_record(text, false), stat.recorded));
  for (const char* damaged : {"\"racy\":\"no\"", "\"racy\":0", "\"racy\":null", "\"racy\":{}"}) {
    std::string hostile("{");  // appended piece by piece: GCC 12 warns wrongly on a + chain
    hostile.append(damaged).append(",").append(text, 1);
    auto parsed = parse_stat_record(hostile, false);
    REQUIRE(parsed);
    CHECK(parsed->racy);
  }
}

}  // namespace samplemind
