// Read connections keep a snapshot across lookups (sqlite_readers.hpp): hits may come from
// it, but a miss must never be an entry written meanwhile, or it would be paid for twice.
#include <doctest/doctest.h>

#include <chrono>

#include "cache/sqlite_backend.hpp"
#include "cache/sqlite_readers.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;

namespace {
CacheRecord record(const std::string& key, const std::string& payload) {
  CacheRecord r;
  r.kind = EntryKind::ai;
  r.key = key;
  r.payload = payload;
  r.cached_at = 1700000000;
  return r;
}

LookupStatus status_of(SqliteReaders& readers, const std::string& key) {
  const auto read = readers.get(EntryKind::ai, key);
  REQUIRE(read.has_value());
  return read->lookup.status;
}
}  // namespace

TEST_CASE("sqlite readers: an entry written after the snapshot began is a hit, not a miss") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  SqliteBackend writer(db);
  REQUIRE(writer.put(record(std::string(64, 'a'), "{\"first\":1}")));
  // One connection and a snapshot that never expires during the test: the second lookup
  // below runs in the snapshot the first one opened.
  SqliteReaders readers(db, 1, std::chrono::hours(1));
  CHECK(status_of(readers, std::string(64, 'a')) == LookupStatus::hit);  // opens and keeps a snapshot
  REQUIRE(writer.put(record(std::string(64, 'b'), "{\"second\":2}")));   // written after it
  CHECK(status_of(readers, std::string(64, 'b')) == LookupStatus::hit);  // asked again in a fresh snapshot
  CHECK(status_of(readers, std::string(64, 'c')) == LookupStatus::miss);  // a true miss stays a miss
  REQUIRE(writer.put(record(std::string(64, 'c'), "{\"third\":3}")));
  CHECK(status_of(readers, std::string(64, 'c')) == LookupStatus::hit);  // a miss let the snapshot go
}

TEST_CASE("sqlite readers: a shared snapshot does not stop a writer or another reader") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  SqliteBackend writer(db);
  REQUIRE(writer.put(record(std::string(64, 'a'), "{\"v\":1}")));
  SqliteReaders first(db, 1, std::chrono::hours(1));
  SqliteReaders second(db, 1, std::chrono::hours(1));
  CHECK(status_of(first, std::string(64, 'a')) == LookupStatus::hit);  // first now holds a snapshot
  for (int i = 0; i < 50; ++i) REQUIRE(writer.put(record(std::string(63, 'd') + char('0' + i % 10), "{\"v\":2}")));
  CHECK(status_of(second, std::string(63, 'd') + '7') == LookupStatus::hit);
  const auto scanned = first.for_each_of(EntryKind::ai, [](const CacheRecord&) { return true; });
  REQUIRE(scanned.has_value());
  CHECK(bool(*scanned));
}

TEST_CASE("sqlite readers: lookups that keep hitting during a long write burst do not pin the WAL") {
  // A cold run in one picture: the writer commits record after record while readers keep
  // finding entries. Snapshots held across those lookups kept SQLite from ever restarting
  // the WAL (1.4 GB after 20,000 files); readers must let go once the WAL has grown.
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  SqliteBackend backend(db);
  REQUIRE(backend.put(record(std::string(64, 'a'), "{\"v\":1}")));
  const std::string payload = "{\"blob\":\"" + std::string(20000, 'x') + "\"}";  // two 16 kB pages each
  for (int i = 0; i < 6000; ++i) {
    CacheRecord big = record(std::string(58, 'b') + std::to_string(100000 + i), payload);
    REQUIRE(backend.put(big));  // AI kind: one commit each
    CHECK(backend.get(EntryKind::ai, std::string(64, 'a')).status == LookupStatus::hit);
  }
  // ~12,000 pages (190 MB) if the WAL never started over; a bounded WAL stays near the
  // writer's catch-up point (4,000 pages, 64 MB).
  CHECK(std::filesystem::file_size(dir.path() / "cache.db-wal") < 100LL * 1024 * 1024);
}

TEST_CASE("sqlite readers: after this process's writer commits, a kept snapshot serves no stale hit") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  // The backend's own readers (one per thread, snapshots kept 50 ms): the same thread asks
  // again right after the same backend replaced and then erased the entry.
  SqliteBackend backend(db);
  const std::string key(64, 'c');
  REQUIRE(backend.put(record(key, "{\"version\":1}")));
  CacheLookup first = backend.get(EntryKind::ai, key);
  REQUIRE(first.status == LookupStatus::hit);
  CHECK(first.record->payload == "{\"version\":1}");
  REQUIRE(backend.put(record(key, "{\"version\":2}")));
  CacheLookup replaced = backend.get(EntryKind::ai, key);
  REQUIRE(replaced.status == LookupStatus::hit);
  CHECK(replaced.record->payload == "{\"version\":2}");
  REQUIRE(backend.erase(EntryKind::ai, key));
  CHECK(backend.get(EntryKind::ai, key).status == LookupStatus::miss);

  // The same with a reader pool of one and a snapshot that never expires: only the commit
  // count ends it.
  SqliteReaders readers(db, 1, std::chrono::hours(1));
  REQUIRE(backend.put(record(key, "{\"version\":3}")));
  CHECK(status_of(readers, key) == LookupStatus::hit);  // opens and keeps a snapshot
  readers.note_commit();                                 // what the writer's WAL hook does
  REQUIRE(backend.erase(EntryKind::ai, key));
  CHECK(status_of(readers, key) == LookupStatus::miss);
}

TEST_CASE("sqlite readers: a connection's page cache grows once it has served 256 hits, never on misses") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  SqliteBackend writer(db);
  REQUIRE(writer.put(record(std::string(64, 'a'), "{\"v\":1}")));
  SqliteReaders readers(db, 1, std::chrono::hours(1));
  for (int i = 0; i < 5000; ++i) CHECK(status_of(readers, std::string(64, 'm')) == LookupStatus::miss);
  CHECK(readers.page_cache_sizes() == std::vector<int>{-2000});  // SQLite's default: a cold run's misses keep it
  for (int i = 0; i < 255; ++i) CHECK(status_of(readers, std::string(64, 'a')) == LookupStatus::hit);
  CHECK(readers.page_cache_sizes() == std::vector<int>{-2000});
  CHECK(status_of(readers, std::string(64, 'a')) == LookupStatus::hit);
  CHECK(readers.page_cache_sizes() == std::vector<int>{-8192});  // 8 MB from the 256th hit on
}

TEST_CASE("sqlite readers: answers and stat records use separate connections, only answers grow a cache") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  {
    SqliteBackend writer(db);  // closed: its deferred stat record is written
    REQUIRE(writer.put(record(std::string(64, 'a'), "{\"v\":1}")));
    CacheRecord stat = record(std::string(64, 's'), "{\"size\":1}");
    stat.kind = EntryKind::file_stat;
    REQUIRE(writer.put(stat));
  }
  SqliteReaders readers(db, 4, std::chrono::hours(1));
  for (int i = 0; i < 3000; ++i) {
    const auto read = readers.get(EntryKind::file_stat, std::string(64, 's'));
    REQUIRE(read.has_value());
    REQUIRE(read->lookup.status == LookupStatus::hit);
  }
  CHECK(readers.page_cache_sizes() == std::vector<int>{-2000});  // stat records stream past: no growth
  for (int i = 0; i < 2000; ++i) CHECK(status_of(readers, std::string(64, 'a')) == LookupStatus::hit);
  // A second connection opened for the answers (the first half of the pool), and it grew.
  CHECK(readers.page_cache_sizes() == std::vector<int>{-8192, -2000});
}
