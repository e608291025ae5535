// The shared backend suite against the memory and SQLite backends, plus SQLite specifics.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include "test_cache_backend_suite.hpp"
#include "test_cache_temp_dir.hpp"

namespace samplemind {
using testing::sample_record;

TEST_CASE("cache backend suite: memory") {
  testing::run_backend_suite([] { return open_cache_backend("memory"); });
}

TEST_CASE("cache backend suite: sqlite") {
  testing::TempDir dir;
  int counter = 0;
  testing::run_backend_suite(
      [&] { return open_cache_backend("sqlite:" + (dir.path() / std::to_string(++counter) / "cache.db").string()); });
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
