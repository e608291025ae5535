// The feature cache: unchanged files are neither decoded nor re-hashed; changed files are;
// duplicates share one entry; --rehash forces hashing.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "cache/feature_cache.hpp"
#include "cache/sha256.hpp"
#include "support/counting_backend.hpp"
#include "support/counting_extractor.hpp"
#include "support/legacy_stat_cache.hpp"
#include "support/scratch_files.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {

using testing::age;
using testing::CountingExtractor;
using testing::write_file;

}  // namespace

TEST_CASE("feature cache: a rerun over unchanged files decodes and hashes nothing") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  const auto file = dir.path() / "loop.wav";
  write_file(file, "RIFF....some audio bytes");
  age(file);
  CountingExtractor extractor;

  FeatureCache first(*backend);
  auto cold = first.features_for(file, extractor.function());
  REQUIRE(cold.ok());
  CHECK(extractor.calls == 1);
  CHECK(first.counters().files_hashed == 1);

  FeatureCache second(*backend);
  auto warm = second.features_for(file, extractor.function());
  REQUIRE(warm.ok());
  CHECK(extractor.calls == 1);
  CHECK(second.counters().hits == 1);
  CHECK(second.counters().files_hashed == 0);
  CHECK(warm->duration_s == cold->duration_s);
  CHECK(warm->key == "A");
  CHECK(warm->mode == "minor");
  CHECK(warm->tempo_bpm == 120.0);
}

TEST_CASE("feature cache: a changed file is hashed and decoded again") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  const auto file = dir.path() / "hit.wav";
  write_file(file, "version one");
  age(file, 120);
  CountingExtractor extractor;
  FeatureCache cache(*backend);
  REQUIRE(cache.features_for(file, extractor.function()).ok());
  write_file(file, "version two, longer");
  age(file, 60);
  auto changed = cache.features_for(file, extractor.function());
  REQUIRE(changed.ok());
  CHECK(extractor.calls == 2);
  CHECK(changed->duration_s == doctest::Approx(19.0));
  CHECK(cache.counters().files_hashed == 2);
}

TEST_CASE("feature cache: same size, mtime and inode but other content is caught by ctime, and by --rehash") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  const auto file = dir.path() / "sneaky.wav";
  write_file(file, "AAAA");
  age(file);
  const auto mtime = std::filesystem::last_write_time(file);
  CountingExtractor extractor;
  FeatureCache(*backend).features_for(file, extractor.function());
  // Past one coarse ctime tick (a jiffy), rewrite in place (same inode), same size, and
  // restore the mtime: only the ctime moved.
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  { std::fstream(file, std::ios::in | std::ios::out | std::ios::binary) << "BBBB"; }
  std::filesystem::last_write_time(file, mtime);
  FeatureCache trusting(*backend);
  CHECK(trusting.content_hash(file).value() == sha256_hex("BBBB"));
  FeatureCache rehashing(*backend, /*rehash=*/true);
  CHECK(rehashing.content_hash(file).value() == sha256_hex("BBBB"));
  rehashing.features_for(file, extractor.function());
  CHECK(extractor.calls == 2);
}

TEST_CASE("feature cache: a name that is not UTF-8 is stored and found again (path kept as hex)") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  const auto file = dir.path() / "bad\xffname.wav";
  write_file(file, "some audio");
  age(file);
  CountingExtractor extractor;
  REQUIRE(FeatureCache(*backend).features_for(file, extractor.function()).ok());
  FeatureCache warm(*backend);
  REQUIRE(warm.features_for(file, extractor.function()).ok());
  CHECK(extractor.calls == 1);
  CHECK(warm.counters().files_hashed == 0);
  CacheLookup stat = backend->get(EntryKind::file_stat, file_stat_key(file));
  REQUIRE(stat.status == LookupStatus::hit);
  CHECK(stat.record->payload.find("\"path_hex\"") != std::string::npos);
}

TEST_CASE("feature cache: hashing stops with an error once the interrupt flag is set") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  const auto file = dir.path() / "big.wav";
  write_file(file, std::string(1 << 20, 'x'));
  std::atomic<bool> stop{true};
  CountingExtractor extractor;
  FeatureCache cache(*backend, false, &stop);
  auto features = cache.features_for(file, extractor.function());
  REQUIRE_FALSE(features.ok());
  CHECK(features.error().find("interrupted") != std::string::npos);
  CHECK(extractor.calls == 0);
}

TEST_CASE("feature cache: a fifo is decoded once, never hashed (it can be read only once)") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  const auto fifo = dir.path() / "pipe.wav";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  int calls = 0;
  FeatureCache cache(*backend);
  auto features = cache.features_for(fifo, [&](const std::filesystem::path&) -> Result<Features> {
    ++calls;
    return Features{};
  });
  CHECK(features.ok());
  CHECK(calls == 1);
  CHECK(cache.counters().files_hashed == 0);
}

TEST_CASE("feature cache: duplicate files share one entry") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  write_file(dir.path() / "a.wav", "identical bytes");
  write_file(dir.path() / "copy of a.wav", "identical bytes");
  CountingExtractor extractor;
  FeatureCache cache(*backend);
  REQUIRE(cache.features_for(dir.path() / "a.wav", extractor.function()).ok());
  REQUIRE(cache.features_for(dir.path() / "copy of a.wav", extractor.function()).ok());
  CHECK(extractor.calls == 1);
  std::int64_t feature_entries = 0;
  backend->for_each([&](const CacheRecord& record) { return feature_entries += record.kind == EntryKind::features, true; });
  CHECK(feature_entries == 1);
}

TEST_CASE("feature cache: extraction errors are passed on and not cached") {
  testing::TempDir dir;
  auto backend = open_cache_backend("memory");
  const auto file = dir.path() / "broken.wav";
  write_file(file, "not audio");
  int calls = 0;
  auto failing = [&](const std::filesystem::path&) -> Result<Features> { return ++calls, Error{"unreadable"}; };
  FeatureCache cache(*backend);
  CHECK_FALSE(cache.features_for(file, failing).ok());
  CHECK_FALSE(cache.features_for(file, failing).ok());
  CHECK(calls == 2);
  CHECK_FALSE(cache.features_for(dir.path() / "missing.wav", failing).ok());
}

using testing::LookupCountingBackend;

TEST_CASE("feature cache: an unchanged file is answered by its stat record alone") {
  testing::TempDir dir;
  auto real = open_cache_backend("sqlite:" + (dir.path() / "cache.db").string());
  const auto file = dir.path() / "loop.wav";
  write_file(file, "RIFF....bytes of a loop");
  age(file);
  CountingExtractor extractor;
  REQUIRE(FeatureCache(*real).features_for(file, extractor.function()).ok());

  LookupCountingBackend counting(*real);
  FeatureCache warm(counting);
  auto features = warm.features_for(file, extractor.function());
  REQUIRE(features.ok());
  CHECK(features->duration_s == doctest::Approx(23.0));
  CHECK(extractor.calls == 1);
  CHECK(counting.lookups[EntryKind::file_stat] == 1);
  CHECK(counting.lookups[EntryKind::features] == 0);  // carried by the stat record
  CHECK(warm.counters().hits == 1);
}

TEST_CASE("feature cache: a duplicate's new stat record learns the shared features") {
  testing::TempDir dir;
  auto real = open_cache_backend("memory");
  const auto original = dir.path() / "a.wav";
  const auto copy = dir.path() / "b.wav";
  write_file(original, "same content");
  write_file(copy, "same content");
  age(original);
  age(copy);
  CountingExtractor extractor;
  REQUIRE(FeatureCache(*real).features_for(original, extractor.function()).ok());
  LookupCountingBackend first(*real);
  REQUIRE(FeatureCache(first).features_for(copy, extractor.function()).ok());
  CHECK(extractor.calls == 1);  // the copy shares the content-addressed entry
  CHECK(first.lookups[EntryKind::features] == 1);
  LookupCountingBackend second(*real);
  REQUIRE(FeatureCache(second).features_for(copy, extractor.function()).ok());
  CHECK(second.lookups[EntryKind::features] == 0);
}

TEST_CASE("feature cache: a stat record under the older key is used without hashing and moved") {
  testing::TempDir dir;
  auto first = open_cache_backend("memory");
  const auto file = dir.path() / "loop.wav";
  write_file(file, "loop audio");
  age(file);
  CountingExtractor extractor;
  REQUIRE(FeatureCache(*first).features_for(file, extractor.function()).ok());
  // A cache as the previous version left it: the same record under SHA-256 of the path.
  auto upgraded = testing::cache_with_legacy_stat_record(*first, file);
  REQUIRE(upgraded->get(EntryKind::file_stat, file_stat_key(file)).status == LookupStatus::miss);

  FeatureCache warm(*upgraded);
  REQUIRE(warm.features_for(file, extractor.function()).ok());
  CHECK(extractor.calls == 1);
  CHECK(warm.counters().files_hashed == 0);
  CHECK(warm.counters().hits == 1);
  CHECK(upgraded->get(EntryKind::file_stat, file_stat_key(file)).status == LookupStatus::hit);
  CHECK(upgraded->get(EntryKind::file_stat, legacy_file_stat_key(file)).status == LookupStatus::miss);
}

TEST_CASE("feature cache: a folder's stat records fetched together serve a rerun, a changed file is still decoded") {
  testing::TempDir dir;
  auto backend = open_cache_backend("sqlite:" + (dir.path() / "cache.db").string());
  std::vector<std::filesystem::path> files;
  for (int i = 0; i < 10; ++i) {
    files.push_back(dir.path() / ("hit_" + std::to_string(i) + ".wav"));
    write_file(files.back(), std::string(100 + i, 'x'));
    age(files.back());
  }
  CountingExtractor extractor;
  FeatureCache first(*backend);
  for (const auto& file : files) REQUIRE(first.features_for(file, extractor.function()).ok());
  REQUIRE(extractor.calls == 10);

  write_file(files[4], "changed content, another size");
  age(files[4]);
  FeatureCache second(*backend);
  REQUIRE(second.fetches_stat_records());
  std::vector<std::string_view> texts;
  for (const auto& file : files) texts.push_back(file.native());
  std::vector<FetchedStat> fetched = second.fetch_stat_records(texts);
  REQUIRE(fetched.size() == files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    CAPTURE(i);
    CHECK(fetched[i].key == file_stat_key(files[i]));
    CHECK(fetched[i].lookup.status == LookupStatus::hit);
    auto features = second.features_for(files[i], extractor.function(), nullptr, &fetched[i]);
    REQUIRE(features.ok());
    CHECK(features->duration_s == static_cast<double>(std::filesystem::file_size(files[i])));
  }
  CHECK(extractor.calls == 11);  // only the changed file
  CHECK(second.counters().hits == 9);
  CHECK(second.counters().files_hashed == 1);
  CHECK_FALSE(FeatureCache(*backend, true).fetches_stat_records());  // --rehash reads no records
  CHECK_FALSE(FeatureCache(*open_cache_backend("memory")).fetches_stat_records());
}

}  // namespace samplemind
