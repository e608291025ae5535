// Which cache a run uses, secret masking, and the units of cache management flags.
#include <doctest/doctest.h>

#include "cache/cache_backend.hpp"
#include "cache/cache_config.hpp"
#include "cache/cache_units.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace samplemind {

TEST_CASE("cache config: the default is a SQLite file under XDG_CACHE_HOME, else ~/.cache") {
  auto xdg = Environment::from_map({{"XDG_CACHE_HOME", "/x/cache"}, {"HOME", "/home/u"}});
  CHECK(resolve_cache_url("", xdg) == "sqlite:/x/cache/samplemind/cache.db");
  auto home = Environment::from_map({{"HOME", "/home/u"}});
  CHECK(default_sqlite_path(home) == "/home/u/.cache/samplemind/cache.db");
}

TEST_CASE("cache config: flags win over the environment, and none/disabled turn caching off") {
  auto env = Environment::from_map({{"HOME", "/h"}, {"AI_CACHE_BACKEND", "redis"}, {"REDIS_URL", "redis://r:1"}});
  CHECK(resolve_cache_url("", env) == "redis://r:1");
  CHECK(resolve_cache_url("sqlite:/tmp/a.db", env) == "sqlite:/tmp/a.db");
  CHECK_FALSE(resolve_cache_url("none", env));
  auto disabled = Environment::from_map({{"HOME", "/h"}, {"AI_CACHE_ENABLED", "false"}});
  CHECK_FALSE(resolve_cache_url("", disabled));
  CHECK(resolve_cache_url("memory", disabled) == "memory");
}

TEST_CASE("cache config: AI_CACHE_BACKEND and AI_CACHE_PATH") {
  auto file = Environment::from_map({{"HOME", "/h"}, {"AI_CACHE_BACKEND", "file"}, {"AI_CACHE_PATH", "/c"}});
  CHECK(resolve_cache_url("", file) == "file:/c");
  auto sqlite = Environment::from_map({{"HOME", "/h"}, {"AI_CACHE_PATH", "/d/c.db"}});
  CHECK(resolve_cache_url("", sqlite) == "sqlite:/d/c.db");
  auto memory = Environment::from_map({{"AI_CACHE_BACKEND", "MEMORY"}});
  CHECK(resolve_cache_url("", memory) == "memory");
  auto bad = Environment::from_map({{"AI_CACHE_BACKEND", "mongodb"}});
  CHECK_THROWS_AS(resolve_cache_url("", bad), ConfigError);
}

TEST_CASE("cache config: TTL hours, default one week") {
  CHECK(cache_ttl_seconds(Environment::from_map({})) == 168 * 3600);
  CHECK(cache_ttl_seconds(Environment::from_map({{"AI_CACHE_TTL_HOURS", "1.5"}})) == 5400);
  CHECK_THROWS_AS(cache_ttl_seconds(Environment::from_map({{"AI_CACHE_TTL_HOURS", "-1"}})), ConfigError);
}

TEST_CASE("cache config: passwords in URLs are masked") {
  CHECK(mask_url_secrets("redis://user:s3cret@host:6379/2") == "redis://user:***@host:6379/2");
  CHECK(mask_url_secrets("redis://:s3cret@host:6379") == "redis://:***@host:6379");
  CHECK(mask_url_secrets("redis://s3cret@host") == "redis://***@host");
  CHECK(mask_url_secrets("redis://host:6379") == "redis://host:6379");
  CHECK(mask_url_secrets("sqlite:/tmp/a@b.db") == "sqlite:/tmp/a@b.db");
}

TEST_CASE("cache config: userinfo is masked in malformed URLs too") {
  CHECK(mask_url_secrets("redis://:S3cr/3tPW@127.0.0.1:6379") == "redis://:***@127.0.0.1:6379");
  CHECK(mask_url_secrets("redis:/:pw@127.0.0.1:6379") == "redis:/:***@127.0.0.1:6379");
  CHECK(mask_url_secrets("redis:pw@host") == "redis:***@host");
  CHECK(mask_url_secrets("redi://user:pw@host/0") == "redi://user:***@host/0");
  CHECK(mask_url_secrets("user:pw@host") == "user:***@host");
  CHECK(mask_url_secrets(":pw@host") == ":***@host");
  CHECK(mask_url_secrets("redis://a@b:p@ss@host") == "redis://***@host");
  CHECK(mask_url_secrets("re:S3crstPW@127.0.0.1:637@:6379") == "re:***@:6379");  // found by fuzz_redis_url
  CHECK(mask_url_secrets("memory") == "memory");
  for (const char* url : {"redis://:S3cr/3tPW@127.0.0.1:6379", "redis:/:S3cr/3tPW@127.0.0.1:6379",
                          "redis://:S3cr/3tPW@", "rediss://:S3cr/3tPW@h", "bogus://:S3cr/3tPW@h"}) {
    CAPTURE(url);
    try {
      open_cache_backend(url);
    } catch (const ConfigError& error) {
      CHECK(std::string(error.what()).find("3tPW") == std::string::npos);
    } catch (...) {
    }
  }
}

TEST_CASE("cache units: durations and sizes") {
  CHECK(parse_duration_seconds("7d").value() == 7 * 86400);
  CHECK(parse_duration_seconds("12h").value() == 43200);
  CHECK(parse_duration_seconds("90s").value() == 90);
  CHECK_FALSE(parse_duration_seconds("90").ok());  // a unit is required: "1" is a second or a day?
  CHECK_FALSE(parse_size_bytes("500").ok());
  CHECK(parse_size_bytes("2GiB").value() == 2LL * 1024 * 1024 * 1024);
  CHECK(parse_size_bytes("2048B").value() == 2048);
  CHECK_FALSE(parse_duration_seconds("soon").ok());
  CHECK_FALSE(parse_duration_seconds("1e20d").ok());  // would overflow int64 seconds
  CHECK_FALSE(parse_duration_seconds("nan").ok());
  CHECK_FALSE(parse_size_bytes("1e30GB").ok());
  CHECK(parse_size_bytes("500MB").value() == 500'000'000);
  CHECK(parse_size_bytes("64KiB").value() == 65536);
  CHECK(parse_size_bytes("1.5GB").value() == 1'500'000'000);
  CHECK_FALSE(parse_size_bytes("big").ok());
}

}  // namespace samplemind
