// The Redis backend over hiredis: pipelined commands, SCAN (never KEYS or FLUSHDB). The
// entries live here; stats, usage counters and prune are in redis_backend_maintenance.cpp.
#include "cache/redis_backend.hpp"

#include <algorithm>

#include "cache/ai_cache.hpp"
#include "cache/cache_entry.hpp"
#include "cache/redis_keys.hpp"

namespace samplemind {
namespace {

using redis_keys::entry_key;
using redis_keys::k_all_kinds;
using redis_keys::k_lru_key;
using redis_keys::lru_member;
using redis_keys::reply_string;

std::vector<EntryKind> kinds_for(const ClearFilter& filter) {
  if (!filter.kind) return {std::begin(k_all_kinds), std::end(k_all_kinds)};
  if (*filter.kind == EntryKind::ai) return {EntryKind::ai};
  return {EntryKind::features, EntryKind::file_stat};
}

}  // namespace

RedisBackend::RedisBackend(RedisUrl url) : url_(std::move(url)), connections_(url_, redis_location(url_)) {}

CacheLookup RedisBackend::get(EntryKind kind, const std::string& key) {
  // Moves the one element out of the temporary vector (not a local: no copy elision to lose).
  // cppcheck-suppress returnStdMoveLocal
  return std::move(get_many(kind, {key}).front());
}

std::vector<CacheLookup> RedisBackend::get_many(EntryKind kind, const std::vector<std::string>& keys) {
  // One round trip for all keys: each GET with its recency refresh (XX: only if tracked).
  std::vector<RedisCommand> commands;
  const std::string now_ms = std::to_string(unix_now_ms());
  for (const std::string& key : keys) {
    const std::string redis_key = entry_key(kind, key);
    commands.push_back({"GET", redis_key});
    commands.push_back({"ZADD", k_lru_key, "XX", "CH", now_ms, lru_member(redis_key)});
  }
  std::vector<CacheLookup> found(keys.size());
  auto replies = connections_.pipeline(commands);
  RedisCommand forget = {"ZREM", k_lru_key};
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!replies) {
      found[i] = {LookupStatus::failure, std::nullopt, replies.error()};
      continue;
    }
    const redisReply* value = (*replies)[2 * i].get();
    if (value->type == REDIS_REPLY_NIL) {
      // No entry, but maybe a member: the entry expired under it (its EX TTL does not reach
      // the sorted set), and the member would stay forever. Drop it. Not decided by ZADD's
      // CH count: a get within the millisecond of the put changes no score and counts 0.
      forget.push_back(lru_member(entry_key(kind, keys[i])));
      continue;
    }
    if (value->type != REDIS_REPLY_STRING) {
      found[i] = {LookupStatus::failure, std::nullopt, "redis GET: " + reply_string(value)};
      continue;
    }
    auto record = decode_entry(std::string_view(value->str, value->len));
    if (!record || record->kind != kind || record->key != keys[i]) {
      found[i] = {LookupStatus::miss, std::nullopt, record ? "entry under the wrong key" : record.error(), true};
      continue;
    }
    found[i] = {LookupStatus::hit, std::move(record.value()), {}};
  }
  if (forget.size() > 2) connections_.pipeline({forget});  // best effort: prune also reconciles
  return found;
}

Status RedisBackend::put(const CacheRecord& record) {
  const std::string redis_key = entry_key(record.kind, record.key);
  // No EX: a Redis TTL fixed at write time would delete answers that a longer TTL, set
  // later, still counts as live (paid answers lost). Expiry is decided when reading.
  RedisCommand set = {"SET", redis_key, encode_entry(record)};
  auto replies = connections_.pipeline({set, {"ZADD", k_lru_key, std::to_string(unix_now_ms()), lru_member(redis_key)}});
  if (!replies) return Status::failure(replies.error());
  for (const auto& reply : *replies) {
    if (reply->type == REDIS_REPLY_ERROR) return Status::failure("redis SET: " + reply_string(reply.get()));
  }
  return Status::success();
}

Status RedisBackend::erase(EntryKind kind, const std::string& key) {
  const std::string redis_key = entry_key(kind, key);
  auto replies = connections_.pipeline({{"DEL", redis_key}, {"ZREM", k_lru_key, lru_member(redis_key)}});
  if (!replies) return Status::failure(replies.error());
  for (const auto& reply : *replies) {
    if (reply->type == REDIS_REPLY_ERROR) return Status::failure("redis DEL: " + reply_string(reply.get()));
  }
  return Status::success();
}

Status RedisBackend::scan_entries_locked(EntryKind kind, const BatchVisitor& visitor) {
  const std::string pattern = std::string(k_redis_prefix) + to_string(kind) + ":*";
  std::string cursor = "0";
  do {
    auto scanned = connections_.pipeline({{"SCAN", cursor, "MATCH", pattern, "COUNT", std::to_string(k_redis_scan_batch)}});
    if (!scanned) return Status::failure(scanned.error());
    const redisReply* reply = (*scanned)[0].get();
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 2) return Status::failure("redis SCAN: unexpected reply");
    cursor = reply_string(reply->element[0]);
    std::vector<RedisCommand> gets;
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < reply->element[1]->elements; ++i) {
      keys.push_back(reply_string(reply->element[1]->element[i]));
      gets.push_back({"GET", keys.back()});
    }
    if (keys.empty()) continue;
    auto values = connections_.pipeline(gets);
    if (!values) return Status::failure(values.error());
    std::vector<std::string> present_keys;
    std::vector<std::string> present_values;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if ((*values)[i]->type != REDIS_REPLY_STRING) continue;  // expired between SCAN and GET
      present_keys.push_back(keys[i]);
      present_values.push_back(reply_string((*values)[i].get()));
    }
    if (!visitor(present_keys, present_values)) return Status::success();
  } while (cursor != "0");
  return Status::success();
}

Status RedisBackend::delete_keys_locked(const std::vector<std::string>& keys, std::int64_t& removed) {
  if (keys.empty()) return Status::success();
  RedisCommand del = {"DEL"};
  RedisCommand zrem = {"ZREM", k_lru_key};
  for (const std::string& key : keys) {
    del.push_back(key);
    zrem.push_back(lru_member(key));
  }
  auto replies = connections_.pipeline({del, zrem});
  if (!replies) return Status::failure(replies.error());
  if ((*replies)[0]->type == REDIS_REPLY_INTEGER) removed += (*replies)[0]->integer;
  return Status::success();
}

Result<std::int64_t> RedisBackend::clear(const ClearFilter& filter) {
  std::lock_guard lock(mutex_);
  std::int64_t removed = 0;
  Status status = Status::success();
  for (EntryKind kind : kinds_for(filter)) {
    Status scanned = scan_entries_locked(kind, [&](const auto& keys, const auto& values) {
      std::vector<std::string> doomed;
      for (std::size_t i = 0; i < keys.size(); ++i) {
        auto record = decode_entry(values[i]);
        if (record ? filter_matches(filter, *record) : !filter_needs_fields(filter)) doomed.push_back(keys[i]);
      }
      status = delete_keys_locked(doomed, removed);
      return status.ok;
    });
    if (!scanned) return Error{scanned.error};
    if (!status) return Error{status.error};
  }
  return removed;
}

Status RedisBackend::for_each(const EntryVisitor& visitor) {
  for (EntryKind kind : k_all_kinds) {
    bool kept_going = true;
    Status scanned = for_each_of(kind, [&](const CacheRecord& record) { return kept_going = visitor(record); });
    if (!scanned || !kept_going) return scanned;
  }
  return Status::success();
}

Status RedisBackend::for_each_of(EntryKind kind, const EntryVisitor& visitor) {
  std::lock_guard lock(mutex_);
  bool keep_going = true;
  return scan_entries_locked(kind, [&](const auto& keys, const auto& values) {
    for (std::size_t i = 0; i < keys.size() && keep_going; ++i) {
      if (auto record = decode_entry(values[i]); record && record->kind == kind) keep_going = visitor(*record);
    }
    return keep_going;
  });
}

}  // namespace samplemind
