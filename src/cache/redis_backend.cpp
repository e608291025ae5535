// The Redis backend over hiredis: pipelined commands, SCAN (never KEYS or FLUSHDB).
#include "cache/redis_backend.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "cache/ai_cache.hpp"
#include "cache/cache_entry.hpp"

namespace samplemind {
namespace {

constexpr const char* k_lru_key = "samplemind:lru";
constexpr const char* k_usage_key = "samplemind:usage";
constexpr char k_field_separator = '\x1f';
constexpr EntryKind k_all_kinds[] = {EntryKind::ai, EntryKind::features, EntryKind::file_stat};

std::string entry_key(EntryKind kind, const std::string& key) {
  return std::string(k_redis_prefix) + to_string(kind) + ":" + key;
}

// The member of the LRU set: the entry key without the common prefix.
std::string lru_member(const std::string& redis_key) { return redis_key.substr(std::string(k_redis_prefix).size()); }

std::string reply_string(const redisReply* reply) {
  return reply && (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS)
             ? std::string(reply->str, reply->len)
             : std::string();
}

std::vector<EntryKind> kinds_for(const ClearFilter& filter) {
  if (!filter.kind) return {std::begin(k_all_kinds), std::end(k_all_kinds)};
  if (*filter.kind == EntryKind::ai) return {EntryKind::ai};
  return {EntryKind::features, EntryKind::file_stat};
}

// A lifetime counter from the usage hash; 0 when it is not a whole number.
std::int64_t counter_value(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : 0;
}

// A dollar amount from the usage hash; 0 when it is not a finite number.
double amount_value(const std::string& text) {
  if (text.empty()) return 0.0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(value) ? value : 0.0;
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

Result<CacheStats> RedisBackend::stats() {
  std::lock_guard lock(mutex_);
  CacheStats stats;
  stats.backend = name();
  stats.location = location();
  for (EntryKind kind : k_all_kinds) {
    Status scanned = scan_entries_locked(kind, [&](const auto& keys, const auto& values) {
      for (std::size_t i = 0; i < keys.size(); ++i) {
        auto record = decode_entry(values[i]);
        if (!record) continue;
        (kind == EntryKind::ai ? stats.entries : stats.feature_entries) += 1;
        stats.bytes += static_cast<std::int64_t>(keys[i].size() + values[i].size());
        stats.oldest = std::min(stats.oldest.value_or(record->cached_at), record->cached_at);
        stats.newest = std::max(stats.newest.value_or(record->cached_at), record->cached_at);
      }
      return true;
    });
    if (!scanned) return Error{scanned.error};
  }
  auto usage = connections_.pipeline({{"HGETALL", k_usage_key}});
  if (!usage) return Error{usage.error()};
  const redisReply* fields = (*usage)[0].get();
  std::map<std::string, UsageCounters> rows;
  for (std::size_t i = 0; fields->type == REDIS_REPLY_ARRAY && i + 1 < fields->elements; i += 2) {
    const std::string field = reply_string(fields->element[i]);
    const std::string value = reply_string(fields->element[i + 1]);
    const auto last = field.rfind(k_field_separator);
    const auto first = field.find(k_field_separator);
    const auto second = field.find(k_field_separator, first + 1);
    if (first == std::string::npos || second == std::string::npos || last == second) continue;
    UsageCounters& row = rows[field.substr(0, last)];
    row.provider = field.substr(0, first);
    row.model = field.substr(first + 1, second - first - 1);
    row.analysis_type = field.substr(second + 1, last - second - 1);
    const std::string counter = field.substr(last + 1);
    // The hash is writable by anyone with access to the server: a value that is not a
    // number counts as 0 instead of failing the whole command.
    if (counter == "hits") row.hits = counter_value(value);
    if (counter == "misses") row.misses = counter_value(value);
    if (counter == "saved_usd") row.saved_usd = amount_value(value);
  }
  for (auto& [row_key, row] : rows) stats.usage.push_back(row);
  return stats;
}

Status RedisBackend::add_usage(const std::vector<UsageCounters>& deltas) {
  std::vector<RedisCommand> commands;
  for (const UsageCounters& delta : deltas) {
    const std::string base = delta.provider + k_field_separator + delta.model + k_field_separator +
                             delta.analysis_type + k_field_separator;
    commands.push_back({"HINCRBY", k_usage_key, base + "hits", std::to_string(delta.hits)});
    commands.push_back({"HINCRBY", k_usage_key, base + "misses", std::to_string(delta.misses)});
    commands.push_back({"HINCRBYFLOAT", k_usage_key, base + "saved_usd", fmt::format("{:.17g}", delta.saved_usd)});
  }
  auto replies = connections_.pipeline(commands);
  if (!replies) return Status::failure(replies.error());
  for (const auto& reply : *replies) {
    if (reply->type == REDIS_REPLY_ERROR) return Status::failure("redis HINCRBY: " + reply_string(reply.get()));
  }
  return Status::success();
}

Status RedisBackend::reset_usage() {
  auto replies = connections_.pipeline({{"DEL", k_usage_key}});
  if (!replies) return Status::failure(replies.error());
  if ((*replies)[0]->type == REDIS_REPLY_ERROR) return Status::failure("redis DEL: " + reply_string((*replies)[0].get()));
  return Status::success();
}

Status RedisBackend::forget_stale_members_locked(const std::map<std::string, std::int64_t>& live) {
  auto ranked = connections_.pipeline({{"ZRANGE", k_lru_key, "0", "-1"}});
  if (!ranked) return Status::failure(ranked.error());
  const redisReply* members = (*ranked)[0].get();
  RedisCommand forget = {"ZREM", k_lru_key};
  for (std::size_t i = 0; members->type == REDIS_REPLY_ARRAY && i < members->elements; ++i) {
    const std::string member = reply_string(members->element[i]);
    if (live.find(k_redis_prefix + member) == live.end()) forget.push_back(member);
  }
  if (forget.size() <= 2) return Status::success();
  auto removed = connections_.pipeline({forget});
  return removed ? Status::success() : Status::failure(removed.error());
}

Result<PruneResult> RedisBackend::prune(const PruneOptions& options) {
  std::lock_guard lock(mutex_);
  PruneResult result;
  std::map<std::string, std::int64_t> sizes;  // live entries by redis key
  Status status = Status::success();
  for (EntryKind kind : k_all_kinds) {
    Status scanned = scan_entries_locked(kind, [&](const auto& keys, const auto& values) {
      std::vector<std::string> expired;
      for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto size = static_cast<std::int64_t>(keys[i].size() + values[i].size());
        result.bytes_before += size;
        auto record = decode_entry(values[i]);
        if (!record || prune_expires(options, *record)) {
          expired.push_back(keys[i]);
        } else {
          sizes[keys[i]] = size;
          result.bytes_after += size;
        }
      }
      if (options.dry_run) {
        result.expired_removed += static_cast<std::int64_t>(expired.size());
        return true;
      }
      status = delete_keys_locked(expired, result.expired_removed);
      return status.ok;
    });
    if (!scanned) return Error{scanned.error};
    if (!status) return Error{status.error};
  }
  if (!options.dry_run) {
    if (Status swept = forget_stale_members_locked(sizes); !swept) return Error{swept.error};
  }
  if (!options.max_bytes || result.bytes_after <= *options.max_bytes) return result;
  auto ranked = connections_.pipeline({{"ZRANGE", k_lru_key, "0", "-1"}});  // least recently used first
  if (!ranked) return Error{ranked.error()};
  std::vector<std::string> victims;
  const redisReply* members = (*ranked)[0].get();
  // Live entries the set does not know (recency unknown) go first, then the set's order.
  std::map<std::string, std::int64_t> untracked = sizes;
  for (std::size_t i = 0; members->type == REDIS_REPLY_ARRAY && i < members->elements; ++i) {
    untracked.erase(k_redis_prefix + reply_string(members->element[i]));
  }
  for (auto it = untracked.begin(); it != untracked.end() && result.bytes_after > *options.max_bytes; ++it) {
    result.bytes_after -= it->second;
    victims.push_back(it->first);
    sizes.erase(it->first);
  }
  for (std::size_t i = 0; members->type == REDIS_REPLY_ARRAY && i < members->elements &&
                          result.bytes_after > *options.max_bytes; ++i) {
    const std::string redis_key = k_redis_prefix + reply_string(members->element[i]);
    auto live = sizes.find(redis_key);
    if (live == sizes.end()) continue;
    result.bytes_after -= live->second;
    victims.push_back(redis_key);
  }
  std::int64_t evicted = 0;
  if (options.dry_run) {
    result.evicted = static_cast<std::int64_t>(victims.size());
    return result;
  }
  if (Status deleted = delete_keys_locked(victims, evicted); !deleted) return Error{deleted.error};
  result.evicted = evicted;
  return result;
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
