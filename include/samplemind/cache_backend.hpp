#pragma once
// Storage behind both caches. A miss is a value, not an error; a failure is a third value.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "samplemind/result.hpp"

namespace samplemind {

enum class EntryKind { ai, features };

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
  std::int64_t expires_at = 0; // unix seconds; 0 = never
};

enum class LookupStatus { hit, miss, failure };

struct CacheLookup {
  LookupStatus status = LookupStatus::miss;
  std::optional<CacheRecord> record;  // set on hit
  std::string error;                  // set on failure
};

// Which entries a clear removes; empty fields match everything.
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

struct CacheStats {
  std::string backend;
  std::string location;        // secrets masked
  std::int64_t entries = 0;
  std::int64_t feature_entries = 0;
  std::int64_t bytes = 0;
  std::optional<std::int64_t> oldest;  // cached_at, unix seconds
  std::optional<std::int64_t> newest;
  std::vector<UsageCounters> usage;
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
  // Inserts or replaces an entry atomically.
  virtual Status put(const CacheRecord& record) = 0;
  // Removes matching entries and returns how many.
  virtual Result<std::int64_t> clear(const ClearFilter& filter) = 0;
  // Counts what the cache holds, with lifetime counters.
  virtual Result<CacheStats> stats() = 0;
  // Adds a run's hits, misses and savings to the lifetime counters.
  virtual Status add_usage(const std::vector<UsageCounters>& deltas) = 0;
};

// Opens a backend from a URL: "sqlite:PATH", "memory" (more schemes in cache_factory.cpp).
// Throws ConfigError on an unknown scheme or malformed URL.
std::unique_ptr<CacheBackend> open_cache_backend(const std::string& url);

}  // namespace samplemind
