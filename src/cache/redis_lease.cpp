// Redis leases: SET NX PX takes one; renewal and release are compare-and-set Lua scripts,
// so a process whose lease expired and was taken over never extends or deletes the new one.
#include <string>

#include "cache/redis_backend.hpp"
#include "cache/redis_keys.hpp"

namespace samplemind {
namespace {

using redis_keys::reply_string;

constexpr const char* k_lease_prefix = "samplemind:lease:";

// PEXPIRE only while the token still owns the lease.
constexpr const char* k_renew_script =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
// DEL only while the token still owns the lease.
constexpr const char* k_release_script =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

std::string lease_key(const std::string& key) { return std::string(k_lease_prefix) + key; }

}  // namespace

Result<LeaseGrant> RedisBackend::acquire_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) {
  auto replies = connections_.pipeline({{"SET", lease_key(key), token, "NX", "PX", std::to_string(ttl_ms)}});
  if (!replies) return Error{replies.error()};
  const redisReply* reply = (*replies)[0].get();
  if (reply->type == REDIS_REPLY_NIL) return LeaseGrant::held_elsewhere;
  if (reply->type == REDIS_REPLY_STATUS) return LeaseGrant::acquired;
  return Error{"redis SET NX: " + reply_string(reply)};
}

Result<LeaseGrant> RedisBackend::renew_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) {
  auto replies =
      connections_.pipeline({{"EVAL", k_renew_script, "1", lease_key(key), token, std::to_string(ttl_ms)}});
  if (!replies) return Error{replies.error()};
  const redisReply* reply = (*replies)[0].get();
  if (reply->type != REDIS_REPLY_INTEGER) return Error{"redis EVAL (renew lease): " + reply_string(reply)};
  return reply->integer == 1 ? LeaseGrant::acquired : LeaseGrant::held_elsewhere;
}

Status RedisBackend::release_lease(const std::string& key, const std::string& token) {
  auto replies = connections_.pipeline({{"EVAL", k_release_script, "1", lease_key(key), token}});
  if (!replies) return Status::failure(replies.error());
  const redisReply* reply = (*replies)[0].get();
  if (reply->type != REDIS_REPLY_INTEGER) return Status::failure("redis EVAL (release lease): " + reply_string(reply));
  return Status::success();
}

}  // namespace samplemind
