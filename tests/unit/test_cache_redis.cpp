// The backend suite against a real redis-server started on a free loopback port, plus
// Redis specifics: key prefix, TTL, passwords, and the server going away mid-run.
#include <doctest/doctest.h>

#include <sstream>

#include "cache/ai_cache.hpp"
#include "support/cache_backend_suite.hpp"
#include "support/redis_server.hpp"
#include "cache/redis_backend.hpp"

namespace samplemind {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("cache backend suite: redis") {
  testing::RedisServer server;
  if (!server.running()) {
    MESSAGE("redis-server not available: skipping the redis backend suite");
    return;
  }
  testing::run_backend_suite([&] {
    server.command({"FLUSHALL"});
    return open_cache_backend(server.url());
  });
}

TEST_CASE("redis cache: keys live under samplemind:, no Redis TTL (expiry is read-time), clear leaves other keys alone") {
  testing::RedisServer server;
  if (!server.running()) return;
  server.command({"SET", "someone:else", "keep me"});
  auto backend = open_cache_backend(server.url());
  CacheRecord record = testing::sample_record("abc");
  record.expires_at = unix_now() + 3600;
  REQUIRE(backend->put(record).ok);
  CHECK(!server.command({"GET", "samplemind:ai:abc"}).empty());
  // No EXPIRE: Redis must not delete an answer a longer TTL, set later, still counts as live.
  CHECK(server.command({"TTL", "samplemind:ai:abc"}) == "-1");
  CHECK(backend->clear(ClearFilter{}).value() == 1);
  CHECK(server.command({"GET", "someone:else"}) == "keep me");
}

TEST_CASE("redis cache: a reply Redis refuses names what it refused") {
  testing::RedisServer server;
  if (!server.running()) return;
  server.command({"HSET", "samplemind:ai:odd", "field", "value"});  // a hash where an entry belongs
  auto backend = open_cache_backend(server.url());
  const CacheLookup found = backend->get(EntryKind::ai, "odd");
  CHECK(found.status == LookupStatus::failure);
  CHECK(found.error.find("WRONGTYPE") != std::string::npos);
}

TEST_CASE("redis cache: database number and password from the URL, the password is never shown") {
  testing::RedisServer server({"--requirepass", "s3cret-pw"});
  if (!server.running()) return;
  auto good = open_cache_backend(server.url(":s3cret-pw@", 3));
  CHECK(good->location().find("s3cret") == std::string::npos);
  REQUIRE(good->put(testing::sample_record("in-db-3")).ok);
  CHECK(good->get(EntryKind::ai, "in-db-3").status == LookupStatus::hit);

  auto wrong = open_cache_backend(server.url(":not-the-pw@"));
  CacheLookup lookup = wrong->get(EntryKind::ai, "x");
  CHECK(lookup.status == LookupStatus::failure);
  CHECK(lookup.error.find("not-the-pw") == std::string::npos);
  CHECK(lookup.error.find("s3cret") == std::string::npos);
}

TEST_CASE("redis cache: rediss:// is refused with a reason") {
  CHECK_THROWS_WITH_AS(open_cache_backend("rediss://u:pw@host:6380"), doctest::Contains("hiredis"), ConfigError);
}

TEST_CASE("redis cache: nobody listening costs one quick failure, then the cache is skipped") {
  testing::RedisServer server;
  if (!server.running()) return;
  server.stop();  // the port is now closed
  std::ostringstream warnings;
  AiCache cache(open_cache_backend(server.url()), 3600, &warnings);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 200; ++i) CHECK_FALSE(cache.lookup("k" + std::to_string(i)));
  CHECK(seconds_since(start) < k_redis_connect_timeout_ms / 1000.0);
  CHECK(cache.failed());
  CHECK(cache.backend_errors() == 1);
}

TEST_CASE("redis cache: the server going away mid-run warns once and the run goes on") {
  testing::RedisServer server;
  if (!server.running()) return;
  std::ostringstream warnings;
  AiCache cache(open_cache_backend(server.url()), 3600, &warnings);
  for (int i = 0; i < 20; ++i) cache.store(testing::sample_record("k" + std::to_string(i)));
  CHECK(cache.lookup("k3"));

  SUBCASE("killed") { server.stop(); }
  SUBCASE("frozen (every command would time out)") { server.freeze(); }

  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) {
    CHECK_FALSE(cache.lookup("k" + std::to_string(i % 20)));
    cache.store(testing::sample_record("n" + std::to_string(i)));
  }
  cache.flush_usage();
  // Total time lost: at most one command timeout, not one per file.
  CHECK(seconds_since(start) < k_redis_command_timeout_ms / 1000.0 + 0.5);
  CHECK(cache.failed());
  CHECK(cache.backend_errors() == 1);
  const std::string text = warnings.str();
  CHECK(text.find("samplemind: warning: cache redis failed:") == 0);
  CHECK(text.find('\n') == text.size() - 1);  // exactly one line
}

}  // namespace samplemind
