// Redis backend maintenance: stats (entries and lifetime usage), the usage counters, and
// prune (expired entries, stale recency members, then least recently used over a size).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "cache/ai_cache.hpp"
#include "cache/cache_entry.hpp"
#include "cache/redis_backend.hpp"
#include "cache/redis_keys.hpp"

namespace samplemind {
namespace {

using redis_keys::k_all_kinds;
using redis_keys::k_field_separator;
using redis_keys::k_lru_key;
using redis_keys::k_usage_key;
using redis_keys::reply_string;

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

}  // namespace samplemind
