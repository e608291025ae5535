#pragma once
// The AI answer cache over any backend: expiry, usage counters, and failing open.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

#include "samplemind/cache_backend.hpp"

namespace samplemind {

class AiCache {
 public:
  AiCache(std::unique_ptr<CacheBackend> backend, std::int64_t ttl_seconds);

  // A live entry for the key, or nothing (miss, expired, corrupt, or backend failed).
  std::optional<CacheRecord> lookup(const std::string& key);
  // Stores an answer; a backend failure is counted and warned about once, never thrown.
  void store(CacheRecord record);
  // Counts a hit or miss for the lifetime counters (flushed by flush_usage).
  void count(const std::string& provider, const std::string& model, const std::string& analysis_type,
             bool hit, double saved_usd);
  // Writes this run's counters into the backend.
  void flush_usage();

  CacheBackend& backend() { return *backend_; }
  std::int64_t ttl_seconds() const { return ttl_seconds_; }
  std::int64_t backend_errors() const;
  bool failed() const;

 private:
  void mark_failed(const std::string& error);

  std::unique_ptr<CacheBackend> backend_;
  std::int64_t ttl_seconds_;
  mutable std::mutex mutex_;
  bool failed_ = false;
  std::int64_t backend_errors_ = 0;
  std::map<std::tuple<std::string, std::string, std::string>, UsageCounters> pending_usage_;
};

// Current time in unix seconds (one place, so tests can reason about TTL).
std::int64_t unix_now();

}  // namespace samplemind
