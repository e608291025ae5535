#pragma once
// The Redis key layout the backend's entry and maintenance halves share: entries under
// "samplemind:<kind>:<key>", recency in one sorted set, lifetime counters in one hash.
#include <hiredis/hiredis.h>

#include <iterator>
#include <string>

#include "cache/cache_backend.hpp"
#include "cache/redis_backend.hpp"

namespace samplemind::redis_keys {

inline constexpr const char* k_lru_key = "samplemind:lru";
inline constexpr const char* k_usage_key = "samplemind:usage";
inline constexpr char k_field_separator = '\x1f';  // between provider, model, type and counter
inline constexpr EntryKind k_all_kinds[] = {EntryKind::ai, EntryKind::features, EntryKind::file_stat};

// Why: one place decides where an entry lives, so reads, writes and scans agree.
inline std::string entry_key(EntryKind kind, const std::string& key) {
  return std::string(k_redis_prefix) + to_string(kind) + ":" + key;
}

// The member of the LRU set: the entry key without the common prefix.
inline std::string lru_member(const std::string& redis_key) { return redis_key.substr(std::string(k_redis_prefix).size()); }

// Why: a string, status or error reply reads as its text (an error names what Redis refused);
// nil, integer and array replies read as empty, never as garbage.
inline std::string reply_string(const redisReply* reply) {
  return reply && (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS ||
                   reply->type == REDIS_REPLY_ERROR)
             ? std::string(reply->str, reply->len)
             : std::string();
}

}  // namespace samplemind::redis_keys
