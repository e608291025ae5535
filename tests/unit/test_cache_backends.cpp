// The shared backend suite against the memory and SQLite backends, plus SQLite specifics.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include "cache/sqlite_backend.hpp"
#include "cache/cache_entry.hpp"
#include "support/cache_backend_suite.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
using testing::sample_record;

TEST_CASE("cache backend suite: memory") {
  testing::run_backend_suite([] { return open_cache_backend("memory"); });
}

TEST_CASE("cache backend suite: sqlite") {
  testing::TempDir dir;
  int counter = 0;
  // Recency resolution 0: every hit refreshes, so the suite's millisecond LRU order holds.
  testing::run_backend_suite([&] {
    return std::make_unique<SqliteBackend>(dir.path() / std::to_string(++counter) / "cache.db", 0);
  });
}

namespace {
std::int64_t stored_last_access_ms(const std::filesystem::path& db, const std::string& key) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, "SELECT last_access_ms FROM entries WHERE key = ?", -1, &statement, nullptr) ==
          SQLITE_OK);
  sqlite3_bind_text(statement, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  const std::int64_t value = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
  sqlite3_finalize(statement);
  sqlite3_close(raw);
  return value;
}

void set_last_access_ms(const std::filesystem::path& db, const std::string& key, std::int64_t value) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  const std::string sql = "UPDATE entries SET last_access_ms = " + std::to_string(value) + " WHERE key = '" + key + "'";
  REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
}
}  // namespace

TEST_CASE("sqlite cache: a hit rewrites last access only when it is older than the resolution") {
  testing::TempDir dir;
  const auto db = dir.path() / "cache.db";
  const std::int64_t minute_ago = unix_now_ms() - 60'000;
  {
    SqliteBackend backend(db);  // the default resolution
    REQUIRE(backend.put(sample_record("fresh")).ok);
    REQUIRE(backend.put(sample_record("stale")).ok);
  }
  const std::int64_t fresh_before = stored_last_access_ms(db, "fresh");
  set_last_access_ms(db, "stale", minute_ago - k_sqlite_recency_resolution_ms);
  {
    SqliteBackend backend(db);
    testing::tick();
    CHECK(backend.get(EntryKind::ai, "fresh").status == LookupStatus::hit);
    CHECK(backend.get(EntryKind::ai, "stale").status == LookupStatus::hit);
  }  // pending touches are written on close
  CHECK(stored_last_access_ms(db, "fresh") == fresh_before);  // within the resolution: no write
  CHECK(stored_last_access_ms(db, "stale") >= minute_ago + 60'000 - 1000);  // refreshed to about now
}

TEST_CASE("sqlite cache: creates parent folders and keeps entries and usage across reopen") {
  testing::TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "nested" / "deeper" / "cache.db").string();
  {
    auto backend = open_cache_backend(url);
    REQUIRE(backend->put(sample_record("persist")).ok);
    REQUIRE(backend->add_usage({{"openai", "gpt-4o-mini", "genre_classification", 2, 1, 0.1}}).ok);
  }
  auto reopened = open_cache_backend(url);
  CHECK(reopened->get(EntryKind::ai, "persist").status == LookupStatus::hit);
  auto stats = reopened->stats();
  REQUIRE(stats.ok());
  REQUIRE(stats->usage.size() == 1);
  CHECK(stats->usage[0].hits == 2);
  CHECK(stats->usage[0].misses == 1);
  CHECK(std::filesystem::exists(dir.path() / "nested" / "deeper" / "cache.db"));
}

TEST_CASE("sqlite cache: a row whose checksum does not match is a counted miss, then replaced") {
  testing::TempDir dir;
  const auto path = dir.path() / "cache.db";
  auto backend = open_cache_backend("sqlite:" + path.string());
  REQUIRE(backend->put(sample_record("tampered")).ok);
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "UPDATE entries SET payload = '{\"genre\":\"forged\"}'", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    sqlite3_close(raw);
  }
  CacheLookup lookup = backend->get(EntryKind::ai, "tampered");
  CHECK(lookup.status == LookupStatus::miss);
  CHECK(lookup.corrupt);
  REQUIRE(backend->put(sample_record("tampered")).ok);
  CHECK(backend->get(EntryKind::ai, "tampered").status == LookupStatus::hit);
}

TEST_CASE("sqlite cache: a database from a newer samplemind fails instead of being overwritten") {
  testing::TempDir dir;
  const auto path = dir.path() / "cache.db";
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
  }
  auto backend = open_cache_backend("sqlite:" + path.string());
  CacheLookup lookup = backend->get(EntryKind::ai, "x");
  CHECK(lookup.status == LookupStatus::failure);
  CHECK(lookup.error.find("newer") != std::string::npos);
}

TEST_CASE("sqlite cache: an unusable path is a failure value, not an exception") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "cache.db");  // a folder where the file should be
  auto backend = open_cache_backend("sqlite:" + (dir.path() / "cache.db").string());
  CHECK(backend->get(EntryKind::ai, "x").status == LookupStatus::failure);
  CHECK_FALSE(backend->put(sample_record("x")).ok);
  CHECK_FALSE(backend->stats().ok());
}

TEST_CASE("cache factory: unknown schemes are configuration errors") {
  CHECK_THROWS_AS(open_cache_backend("ftp://example.com"), ConfigError);
  CHECK_THROWS_AS(open_cache_backend("sqlite:"), ConfigError);
  CHECK(open_cache_backend("memory")->name() == "memory");
}

}  // namespace samplemind

namespace samplemind {

TEST_CASE("cache backend suite: file") {
  testing::TempDir dir;
  int counter = 0;
  testing::run_backend_suite(
      [&] { return open_cache_backend("file:" + (dir.path() / std::to_string(++counter)).string()); });
}

}  // namespace samplemind
