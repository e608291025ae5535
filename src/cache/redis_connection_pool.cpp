// hiredis connections with connect and command timeouts, AUTH and SELECT, lent out one
// call at a time.
#include "cache/redis_connection_pool.hpp"

#include <sys/time.h>

#include <cerrno>

#include <fmt/format.h>

namespace samplemind {
namespace {

timeval to_timeval(int milliseconds) { return {milliseconds / 1000, (milliseconds % 1000) * 1000}; }

}  // namespace

RedisConnectionPool::RedisConnectionPool(RedisUrl url, std::string location)
    : url_(std::move(url)), location_(std::move(location)) {}

std::string RedisConnectionPool::mark_dead(const std::string& error) {
  std::lock_guard lock(mutex_);
  if (dead_error_.empty()) dead_error_ = fmt::format("redis {}: {}", location_, error);
  return dead_error_;
}

Result<RedisContextPtr> RedisConnectionPool::connect() {
  RedisContextPtr context(redisConnectWithTimeout(url_.host.c_str(), url_.port, to_timeval(k_redis_connect_timeout_ms)));
  if (!context) return Error{mark_dead("cannot allocate a connection")};
  if (context->err) return Error{mark_dead(context->errstr)};
  if (redisSetTimeout(context.get(), to_timeval(k_redis_command_timeout_ms)) != REDIS_OK) {
    return Error{mark_dead("set timeout")};
  }
  std::vector<RedisCommand> setup;
  if (!url_.password.empty()) {
    setup.push_back(url_.user.empty() ? RedisCommand{"AUTH", url_.password} : RedisCommand{"AUTH", url_.user, url_.password});
  }
  if (url_.db != 0) setup.push_back({"SELECT", std::to_string(url_.db)});
  setup.push_back({"PING"});
  auto replies = exchange(context.get(), setup);
  if (!replies) return Error{replies.error()};
  for (const auto& reply : *replies) {
    // Never echo the AUTH arguments; the server's message does not contain them.
    if (reply->type == REDIS_REPLY_ERROR) return Error{mark_dead(std::string(reply->str, reply->len))};
  }
  return context;
}

Result<std::vector<RedisReplyPtr>> RedisConnectionPool::exchange(redisContext* context,
                                                                 const std::vector<RedisCommand>& commands) {
  for (const RedisCommand& command : commands) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const std::string& arg : command) {
      argv.push_back(arg.data());
      lengths.push_back(arg.size());
    }
    redisAppendCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data());
  }
  std::vector<RedisReplyPtr> replies;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(context, &raw) != REDIS_OK || raw == nullptr) {
      // I/O error, EOF or timeout: the server is not retried this run.
      std::string error = context->errstr[0] ? context->errstr : "connection lost";
      if (context->err == REDIS_ERR_IO && (errno == EAGAIN || errno == EWOULDBLOCK)) error = "command timed out";
      return Error{mark_dead(error)};
    }
    replies.emplace_back(static_cast<redisReply*>(raw));
  }
  return replies;
}

Result<std::vector<RedisReplyPtr>> RedisConnectionPool::pipeline(const std::vector<RedisCommand>& commands) {
  RedisContextPtr context;
  {
    std::lock_guard lock(mutex_);
    if (!dead_error_.empty()) return Error{dead_error_};
    if (!idle_.empty()) {
      context = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!context) {
    auto connected = connect();
    if (!connected) return Error{connected.error()};
    context = std::move(*connected);
  }
  auto replies = exchange(context.get(), commands);
  if (replies) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(context));  // a failed connection is dropped, never reused
  }
  return replies;
}

}  // namespace samplemind
