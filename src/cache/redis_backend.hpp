#pragma once
// redis://: entries under "samplemind:<kind>:<key>" without a Redis TTL (expiry is decided
// when reading, from the TTL in force; prune removes expired entries), recency in the sorted set
// "samplemind:lru", lifetime counters in the hash "samplemind:usage". Connects lazily with
// connect and command timeouts (redis_connection_pool.hpp).
#include <functional>
#include <memory>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "cache/redis_connection_pool.hpp"
#include "cache/redis_url.hpp"
#include "cache/cache_backend.hpp"

namespace samplemind {

constexpr int k_redis_scan_batch = 500;  // keys per SCAN step and per pipelined batch
constexpr const char* k_redis_prefix = "samplemind:";

class RedisBackend final : public CacheBackend {
 public:
  explicit RedisBackend(RedisUrl url);

  std::string name() const override { return "redis"; }
  std::string location() const override { return redis_location(url_); }
  CacheLookup get(EntryKind kind, const std::string& key) override;
  std::vector<CacheLookup> get_many(EntryKind kind, const std::vector<std::string>& keys) override;
  bool batches_lookups() const override { return true; }
  Status put(const CacheRecord& record) override;
  Status erase(EntryKind kind, const std::string& key) override;
  Result<std::int64_t> clear(const ClearFilter& filter) override;
  Result<CacheStats> stats() override;
  Status add_usage(const std::vector<UsageCounters>& deltas) override;
  Result<PruneResult> prune(const PruneOptions& options) override;
  Status for_each(const EntryVisitor& visitor) override;
  Status for_each_of(EntryKind kind, const EntryVisitor& visitor) override;
  Status reset_usage() override;
  // Leases are keys "samplemind:lease:<key>" (redis_lease.cpp): SET NX PX to take one,
  // compare-and-set scripts (EVAL) to renew and release it, so only the owner does.
  Result<LeaseGrant> acquire_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override;
  Result<LeaseGrant> renew_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override;
  Status release_lease(const std::string& key, const std::string& token) override;
  bool shares_leases() const override { return true; }

 private:
  // Called with one SCAN batch of keys and their values (nil values already dropped).
  using BatchVisitor = std::function<bool(const std::vector<std::string>& keys, const std::vector<std::string>& values)>;

  Status scan_entries_locked(EntryKind kind, const BatchVisitor& visitor);
  Status delete_keys_locked(const std::vector<std::string>& keys, std::int64_t& removed);
  // Removes LRU members whose entry is not among `live` (redis key -> size): entries that
  // expired by TTL leave their member behind.
  Status forget_stale_members_locked(const std::map<std::string, std::int64_t>& live);

  RedisUrl url_;
  std::mutex mutex_;  // serialises the maintenance scans; get/put/add_usage run in parallel
  RedisConnectionPool connections_;
};

}  // namespace samplemind
