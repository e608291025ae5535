#pragma once
// redis://[user:password@]host[:port][/db], parsed once; the password never leaves here
// except to the AUTH command.
#include <string>

namespace samplemind {

constexpr int k_redis_default_port = 6379;

struct RedisUrl {
  std::string host = "127.0.0.1";
  int port = k_redis_default_port;
  int db = 0;
  std::string user;      // Redis 6 ACL user; empty: AUTH with the password only
  std::string password;  // empty: no AUTH
};

// Parses a redis:// URL; throws ConfigError (with the password masked) when malformed,
// and for rediss://, which needs TLS that Debian 12's hiredis 0.14 does not have.
RedisUrl parse_redis_url(const std::string& url);

// "redis://host:port/db" with the user but never the password, for stats and warnings.
std::string redis_location(const RedisUrl& url);

}  // namespace samplemind
