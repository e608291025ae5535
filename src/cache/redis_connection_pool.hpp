#pragma once
// Connections to one Redis server, leased one per call, so the worker threads' round
// trips overlap instead of queueing on one socket. After any connection failure every
// later call fails at once: a dead server costs one timeout per run, not one per file.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <hiredis/hiredis.h>

#include "cache/redis_url.hpp"
#include "util/result.hpp"

namespace samplemind {

constexpr int k_redis_connect_timeout_ms = 1000;
constexpr int k_redis_command_timeout_ms = 1000;

struct RedisContextFree {
  void operator()(redisContext* context) const { redisFree(context); }
};
struct RedisReplyFree {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using RedisContextPtr = std::unique_ptr<redisContext, RedisContextFree>;
using RedisReplyPtr = std::unique_ptr<redisReply, RedisReplyFree>;
using RedisCommand = std::vector<std::string>;

class RedisConnectionPool {
 public:
  // Connects lazily; location names the server in errors (never with the password).
  RedisConnectionPool(RedisUrl url, std::string location);

  // Sends the commands pipelined on one idle connection (opening one when none is idle)
  // and returns their replies in order.
  Result<std::vector<RedisReplyPtr>> pipeline(const std::vector<RedisCommand>& commands);

 private:
  Result<RedisContextPtr> connect();
  Result<std::vector<RedisReplyPtr>> exchange(redisContext* context, const std::vector<RedisCommand>& commands);
  std::string mark_dead(const std::string& error);

  RedisUrl url_;
  std::string location_;
  std::mutex mutex_;
  std::vector<RedisContextPtr> idle_;
  std::string dead_error_;  // set after a connection failure: no more attempts this run
};

}  // namespace samplemind
