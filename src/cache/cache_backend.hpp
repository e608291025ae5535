#pragma once
// Storage behind both caches. A miss is a value, not an error; a failure is a third value.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace samplemind {

// ai: an AI answer; features: extracted features by content hash; file_stat: path -> stat
// and content hash, so unchanged files are not hashed again (part of the feature cache).
enum class EntryKind { ai, features, file_stat };

// Version of the stored entry format (the JSON document of file/redis, the SQLite schema).
constexpr int k_cache_entry_format_version = 1;

// One stored entry; payload is JSON text (the AI answer, or the features).
struct CacheRecord {
  EntryKind kind = EntryKind::ai;
  std::string key;             // hex SHA-256
  std::string payload;
  std::string provider;
  std::string model;
  std::string analysis_type;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  double cost_usd = 0.0;       // what the call that filled the entry cost
  std::int64_t cached_at = 0;  // unix seconds
  std::int64_t expires_at = 0; // unix seconds; 0 = never. Legacy: expiry is decided when reading,
                               // from cached_at and the TTL in force (AiCache); new entries store 0

  int key_version = 0;         // version of the key's canonical text (k_ai_key_version)
};

enum class LookupStatus { hit, miss, failure };

struct CacheLookup {
  LookupStatus status = LookupStatus::miss;
  std::optional<CacheRecord> record;  // set on hit
  std::string error;                  // set on failure
  bool corrupt = false;               // a miss because the stored entry failed its checksum
};

// Which entries a clear removes; empty fields match everything. kind=features also
// matches file_stat entries (both belong to the feature cache).
struct ClearFilter {
  std::optional<EntryKind> kind;
  std::optional<std::int64_t> cached_before;  // unix seconds
  std::optional<std::string> provider;
  std::optional<std::string> model;
  std::optional<std::string> analysis_type;
};

// Lifetime counters kept in the cache itself, per provider/model/analysis type.
struct UsageCounters {
  std::string provider;
  std::string model;
  std::string analysis_type;
  std::int64_t hits = 0;
  std::int64_t misses = 0;
  double saved_usd = 0.0;
};

// What a prune removes: expired entries, then least recently used ones above max_bytes.
struct PruneOptions {
  std::int64_t now = 0;                    // unix seconds
  std::optional<std::int64_t> max_bytes;   // evict LRU entries until bytes <= max_bytes
  // AI entries cached before this (unix seconds) are expired under the TTL in force;
  // nothing = no TTL, nothing expires. Feature entries never expire.
  std::optional<std::int64_t> expired_before;
  bool dry_run = false;                    // count what would go, remove nothing
};

// True when a prune with these options treats the record as expired.
inline bool prune_expires(const PruneOptions& options, const CacheRecord& record) {
  return options.expired_before && record.kind == EntryKind::ai && record.cached_at < *options.expired_before;
}

// What a filter selects: entries, their bytes (as record_size counts them) and what filling them cost.
struct MatchTotals {
  std::int64_t entries = 0;
  std::int64_t bytes = 0;
  double cost_usd = 0.0;
};

// Whether an acquire_lease call got the lease.
enum class LeaseGrant { acquired, held_elsewhere };

struct PruneResult {
  std::int64_t expired_removed = 0;
  std::int64_t evicted = 0;
  std::int64_t bytes_before = 0;
  std::int64_t bytes_after = 0;
};

// Called for every stored entry by for_each; return false to stop early.
using EntryVisitor = std::function<bool(const CacheRecord&)>;

struct CacheStats {
  std::string backend;
  std::string location;        // secrets masked
  std::int64_t entries = 0;
  std::int64_t feature_entries = 0;
  std::int64_t bytes = 0;
  std::optional<std::int64_t> oldest;  // cached_at, unix seconds
  std::optional<std::int64_t> newest;
  std::vector<UsageCounters> usage;
  // AI entries expired under the TTL in force, and what filling them cost (set by the
  // caller that knows the TTL; nothing when no TTL is in force).
  std::optional<MatchTotals> expired;
};

class CacheBackend {
 public:
  virtual ~CacheBackend() = default;
  // Scheme name shown in reports: "sqlite", "file", "redis", "memory".
  virtual std::string name() const = 0;
  // Where the data lives, with any password masked.
  virtual std::string location() const = 0;
  // Looks up one entry; expiry is decided by the caller.
  virtual CacheLookup get(EntryKind kind, const std::string& key) = 0;
  // Looks up several entries, one result per key in order. Network backends override it
  // to make one round trip; the default asks get() for each and stops at the first
  // failure (the rest fail with it), so a dead backend costs one timeout, not one per key.
  virtual std::vector<CacheLookup> get_many(EntryKind kind, const std::vector<std::string>& keys) {
    std::vector<CacheLookup> found;
    found.reserve(keys.size());
    for (const std::string& key : keys) {
      const bool failed = !found.empty() && found.back().status == LookupStatus::failure;
      found.push_back(failed ? CacheLookup{LookupStatus::failure, std::nullopt, found.back().error} : get(kind, key));
    }
    return found;
  }
  // True when get_many costs about one get (a network round trip): then prefetching
  // batches pays; for local backends it only moves the lookups onto one thread.
  virtual bool batches_lookups() const { return false; }
  // Looks up keys that all start with prefix (a folder's stat records: their keys begin
  // with the folder's hash), one result per key in order, as get_many answers them. SQLite
  // reads such neighbours in one range scan; the default asks get_many.
  virtual std::vector<CacheLookup> get_prefixed(EntryKind kind, const std::string& prefix,
                                                const std::vector<std::string>& keys) {
    (void)prefix;
    return get_many(kind, keys);
  }
  // True when get_prefixed costs much less than a get per key (SQLite): then a worker
  // fetches its folder's stat records together before it goes through the files.
  virtual bool scans_prefixes() const { return false; }
  // Inserts or replaces an entry atomically.
  virtual Status put(const CacheRecord& record) = 0;
  // Removes one entry (none there is success), so a record moved under a new key leaves no
  // orphan behind.
  virtual Status erase(EntryKind kind, const std::string& key) = 0;
  // Removes matching entries and returns how many.
  virtual Result<std::int64_t> clear(const ClearFilter& filter) = 0;
  // Counts what the cache holds, with lifetime counters.
  virtual Result<CacheStats> stats() = 0;
  // Adds a run's hits, misses and savings to the lifetime counters.
  virtual Status add_usage(const std::vector<UsageCounters>& deltas) = 0;
  // Removes expired entries, then evicts least recently used ones (hits refresh recency).
  virtual Result<PruneResult> prune(const PruneOptions& options) = 0;
  // Visits every stored entry (export); corrupt entries are skipped.
  virtual Status for_each(const EntryVisitor& visitor) = 0;
  // Visits the entries of one kind (the library index reads only stat records). The
  // default filters for_each; SQLite, Redis and the file tree read only that kind.
  virtual Status for_each_of(EntryKind kind, const EntryVisitor& visitor);
  // Counts what a clear with this filter would remove (dry runs, expired totals in stats).
  // The default walks for_each; SQLite answers with one query.
  virtual Result<MatchTotals> measure(const ClearFilter& filter);
  // Sets the lifetime counters back to zero (`cache stats --zero`).
  virtual Status reset_usage() { return Status::failure(name() + " cache cannot reset its counters"); }

  // Cross-process leases (cache_lease.hpp): before a paid call, one process takes the
  // lease on the key; the others wait for its answer. A backend only one process uses
  // (file, memory) grants every lease: there it is a no-op.
  // Takes the lease for key with this owner token for ttl_ms, unless a live one is held.
  virtual Result<LeaseGrant> acquire_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) {
    (void)key, (void)token, (void)ttl_ms;
    return LeaseGrant::acquired;
  }
  // Extends the owner's lease to ttl_ms from now; held_elsewhere when token lost it.
  virtual Result<LeaseGrant> renew_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) {
    (void)key, (void)token, (void)ttl_ms;
    return LeaseGrant::acquired;
  }
  // Removes the lease, only if token still owns it.
  virtual Status release_lease(const std::string& key, const std::string& token) {
    (void)key, (void)token;
    return Status::success();
  }
  // True when several processes share this cache, so a lease keeps them from paying twice.
  virtual bool shares_leases() const { return false; }

  // The cache's answer-memo epoch (answer_memo.hpp), made on first use; nothing when the
  // backend keeps none, and then stat records carry no answers. A clear that may remove AI
  // entries deletes it, so every memo written before stops answering.
  virtual std::optional<std::string> answer_memo_epoch() { return std::nullopt; }
};

// "ai", "features", "file_stat": the names used in URLs, files, keys and exports.
const char* to_string(EntryKind kind);
std::optional<EntryKind> entry_kind_from_string(const std::string& name);

// Opens a backend from a URL: "sqlite:PATH", "file:DIR", "redis://[user:pass@]host:port[/db]",
// "memory". Throws ConfigError on an unknown scheme or malformed URL; a backend that cannot be
// reached is still returned and reports failures from its operations (fail open).
std::unique_ptr<CacheBackend> open_cache_backend(const std::string& url);

}  // namespace samplemind
