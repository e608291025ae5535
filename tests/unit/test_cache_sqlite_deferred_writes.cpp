// Features and stat records wait in memory and are written together; AI answers never
// wait. What waits is served by get(), and nothing waiting is lost on close or hidden from
// maintenance (stats, clear, scans).
#include <doctest/doctest.h>

#include <string>

#include "cache/sqlite_backend.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;

namespace {
CacheRecord record(EntryKind kind, char fill, const std::string& payload) {
  CacheRecord r;
  r.kind = kind;
  r.key = std::string(64, fill);
  r.payload = payload;
  r.cached_at = 1700000000;
  return r;
}

// What another process sees: a second connection to the same file.
LookupStatus seen_elsewhere(const std::filesystem::path& db, EntryKind kind, char fill) {
  SqliteBackend other(db);
  return other.get(kind, std::string(64, fill)).status;
}
}  // namespace

TEST_CASE("sqlite deferred writes: a features record is served at once and committed on close") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  {
    SqliteBackend backend(db);
    REQUIRE(backend.put(record(EntryKind::features, 'f', "{\"bpm\":120}")));
    const CacheLookup own = backend.get(EntryKind::features, std::string(64, 'f'));
    REQUIRE(own.status == LookupStatus::hit);
    CHECK(own.record->payload == "{\"bpm\":120}");
    CHECK(seen_elsewhere(db, EntryKind::features, 'f') == LookupStatus::miss);  // still waiting
  }
  CHECK(seen_elsewhere(db, EntryKind::features, 'f') == LookupStatus::hit);  // written on close
}

TEST_CASE("sqlite deferred writes: an AI answer is committed at once, with whatever waited") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  SqliteBackend backend(db);
  REQUIRE(backend.put(record(EntryKind::file_stat, 's', "{\"size\":1}")));
  REQUIRE(backend.put(record(EntryKind::ai, 'a', "{\"answer\":\"x\"}")));
  CHECK(seen_elsewhere(db, EntryKind::ai, 'a') == LookupStatus::hit);
  CHECK(seen_elsewhere(db, EntryKind::file_stat, 's') == LookupStatus::hit);
}

TEST_CASE("sqlite deferred writes: a full batch is written without waiting for close") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  SqliteBackend backend(db);
  for (std::size_t i = 0; i < k_sqlite_deferred_batch; ++i) {
    CacheRecord r = record(EntryKind::features, 'x', "{}");
    r.key = std::string(60, 'x') + std::to_string(1000 + i);
    REQUIRE(backend.put(r));
  }
  SqliteBackend other(db);
  CHECK(other.get(EntryKind::features, std::string(60, 'x') + "1000").status == LookupStatus::hit);
}

TEST_CASE("sqlite deferred writes: a newer record under the same key replaces the waiting one") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  {
    SqliteBackend backend(db);
    REQUIRE(backend.put(record(EntryKind::file_stat, 'k', "{\"v\":1}")));
    REQUIRE(backend.put(record(EntryKind::file_stat, 'k', "{\"v\":2}")));
    CHECK(backend.get(EntryKind::file_stat, std::string(64, 'k')).record->payload == "{\"v\":2}");
  }
  SqliteBackend reopened(db);
  CHECK(reopened.get(EntryKind::file_stat, std::string(64, 'k')).record->payload == "{\"v\":2}");
}

TEST_CASE("sqlite deferred writes: stats, scans and clear see what waits") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  SqliteBackend backend(db);
  REQUIRE(backend.put(record(EntryKind::features, 'a', "{}")));
  REQUIRE(backend.put(record(EntryKind::features, 'b', "{}")));
  int scanned = 0;
  REQUIRE(backend.for_each_of(EntryKind::features, [&](const CacheRecord&) { return ++scanned, true; }));
  CHECK(scanned == 2);
  REQUIRE(backend.put(record(EntryKind::features, 'c', "{}")));
  const auto cleared = backend.clear(ClearFilter{});
  REQUIRE(cleared);
  CHECK(*cleared == 3);  // the waiting record is cleared too, not written after the clear
  CHECK(backend.get(EntryKind::features, std::string(64, 'c')).status == LookupStatus::miss);
}
