// Hostile cache entries: deep payloads, a corrupt entry read twice, Redis
// usage values that are not numbers, LRU members outliving their entries, and the SQLite
// file deleted while a run uses it.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "cache/ai_cache.hpp"
#include "cache/cache_entry.hpp"
#include "support/cache_backend_suite.hpp"
#include "support/redis_server.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {
std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }
}  // namespace

TEST_CASE("hostile cache: an entry whose payload is nested 60,000 deep is rejected on decode") {
  CacheRecord record = testing::sample_record("deep");
  record.payload = R"({"genre":)" + nested(60'000) + "}";
  auto decoded = decode_entry(encode_entry(record));  // what import and the file/redis backends read
  REQUIRE_FALSE(decoded);
  CHECK(decoded.error() == "payload rejected: JSON nested deeper than 64 levels");
  auto outer = decode_entry(R"({"format":1,"kind":"ai","x":)" + nested(60'000) + "}");
  REQUIRE_FALSE(outer);
  CHECK(outer.error() == "entry rejected: JSON nested deeper than 64 levels");
}

TEST_CASE("hostile cache: a deep payload in SQLite or memory is a corrupt miss, counted once") {
  testing::TempDir dir;
  for (const std::string& url : {"sqlite:" + (dir.path() / "c.db").string(), std::string("memory")}) {
    std::ostringstream warnings;
    AiCache cache(open_cache_backend(url), 0, &warnings);
    CacheRecord record = testing::sample_record("deep");
    record.payload = R"({"genre":)" + nested(60'000) + "}";
    REQUIRE(cache.backend().put(record).ok);
    CHECK_FALSE(cache.lookup_answer("deep"));
    CHECK_FALSE(cache.lookup_answer("deep"));  // the AI worker looks up again before calling
    CHECK(cache.corrupt_entries() == 1);
    CHECK(warnings.str().empty());
  }
}

TEST_CASE("hostile cache: a corrupt entry read by two lookups counts as one") {
  AiCache cache(open_cache_backend("memory"), 3600);
  CacheRecord broken = testing::sample_record("bad");
  broken.cached_at = unix_now();  // live under the TTL
  broken.payload = "{not json";
  REQUIRE(cache.backend().put(broken).ok);
  CHECK_FALSE(cache.lookup_answer("bad"));
  CHECK_FALSE(cache.lookup_answer("bad"));
  CHECK(cache.corrupt_entries() == 1);
}

TEST_CASE("hostile cache: control characters in a stored answer are stripped on the way out") {
  AiCache cache(open_cache_backend("memory"), 3600);
  CacheRecord record = testing::sample_record("esc");
  record.cached_at = unix_now();  // live under the TTL
  record.payload = R"({"genre":"house\u001b[2J\r\nFAKE"})";
  REQUIRE(cache.backend().put(record).ok);
  auto hit = cache.lookup_answer("esc");
  REQUIRE(hit);
  CHECK(hit->answer["genre"] == "house[2J  FAKE");
}

TEST_CASE("hostile cache: the SQLite file deleted mid-run warns once, naming it, and fails open") {
  testing::TempDir dir;
  const auto path = dir.path() / "cache.db";
  std::ostringstream warnings;
  AiCache cache(open_cache_backend("sqlite:" + path.string()), 0, &warnings);
  cache.store(testing::sample_record("before"));
  REQUIRE(cache.lookup("before"));
  std::filesystem::remove(path);
  cache.store(testing::sample_record("after"));
  cache.store(testing::sample_record("again"));
  CHECK(cache.failed());
  CHECK(cache.backend_errors() == 1);
  CHECK(warnings.str() == "samplemind: warning: cache sqlite failed: the cache file " + path.string() +
                              " was deleted or replaced during the run; continuing without cache\n");
}

TEST_CASE("hostile cache: redis usage values that are not numbers count as 0, stats still works") {
  testing::RedisServer server;
  if (!server.running()) return;
  auto backend = open_cache_backend(server.url());
  REQUIRE(backend->add_usage({{"openai", "m", "genre_classification", 3, 1, 0.5}}).ok);
  server.command({"HSET", "samplemind:usage", "openai\x1fm\x1fgenre_classification\x1fhits", "lots"});
  server.command({"HSET", "samplemind:usage", "openai\x1fm\x1fgenre_classification\x1fsaved_usd", "nan"});
  auto stats = backend->stats();  // a non-numeric field must not throw (std::stoll would)
  REQUIRE(stats);
  REQUIRE(stats->usage.size() == 1);
  CHECK(stats->usage[0].hits == 0);
  CHECK(stats->usage[0].misses == 1);
  CHECK(stats->usage[0].saved_usd == 0.0);
}

TEST_CASE("hostile cache: redis LRU members of expired entries are dropped (lookup and prune)") {
  testing::RedisServer server;
  if (!server.running()) return;
  auto backend = open_cache_backend(server.url());
  REQUIRE(backend->put(testing::sample_record("gone")).ok);
  REQUIRE(backend->put(testing::sample_record("stale")).ok);
  REQUIRE(backend->put(testing::sample_record("kept")).ok);
  CHECK(server.command({"ZCARD", "samplemind:lru"}) == "3");
  // What an EX expiry does: the entry disappears, its member stays.
  server.command({"DEL", "samplemind:ai:gone"});
  server.command({"DEL", "samplemind:ai:stale"});
  CHECK(backend->get(EntryKind::ai, "gone").status == LookupStatus::miss);
  CHECK(server.command({"ZSCORE", "samplemind:lru", "ai:gone"}).empty());
  CHECK(server.command({"ZCARD", "samplemind:lru"}) == "2");
  REQUIRE(backend->prune({unix_now(), std::nullopt}));
  CHECK(server.command({"ZCARD", "samplemind:lru"}) == "1");
  CHECK_FALSE(server.command({"ZSCORE", "samplemind:lru", "ai:kept"}).empty());
}

}  // namespace samplemind
