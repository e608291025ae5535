#pragma once
// The AI answer cache over any backend: expiry, usage counters, and failing open.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "cache/answer_memo.hpp"
#include "cache/cache_backend.hpp"
#include "cache/fail_open_backend.hpp"

namespace samplemind {

// Thread-safe: the pipeline calls it from worker threads.
// A live AI entry and its answer, parsed.
struct AiCacheHit {
  CacheRecord record;
  nlohmann::json answer;
};

class AiCache {
 public:
  // ttl_seconds <= 0 means entries never expire. Warnings go to stderr unless given.
  AiCache(std::unique_ptr<CacheBackend> backend, std::int64_t ttl_seconds, std::ostream* warnings = nullptr);

  // A live entry for the key, or nothing (miss, expired, corrupt, or backend failed).
  std::optional<CacheRecord> lookup(const std::string& key);
  // The same, with the answer parsed once: the payload must be a JSON object.
  std::optional<AiCacheHit> lookup_answer(const std::string& key);
  // Why: a warm file's answer from its stat record's memo, under an entry's rules: the
  // same key, within the TTL in force, an object once cleaned. The record holds the key,
  // cost and time only (the payload stays in the memo).
  std::optional<AiCacheHit> answer_from_memo(const AnswerMemo& memo, const std::string& key) const;
  // Stores an answer: fills kind=ai, cached_at=now and expires_at=0 (expiry is read-time);
  // a backend failure is counted and warned about once, never thrown.
  void store(CacheRecord record);
  // Counts a hit or miss for the lifetime counters (flushed by flush_usage).
  void count(const std::string& provider, const std::string& model, const std::string& analysis_type,
             bool hit, double saved_usd);
  // Writes this run's counters into the backend (call once at the end of a run).
  void flush_usage();

  // The fail-open backend, shared with the feature cache so both skip a dead backend.
  CacheBackend& backend() { return *backend_; }
  std::int64_t ttl_seconds() const { return ttl_seconds_; }
  std::int64_t backend_errors() const;
  std::int64_t corrupt_entries() const;
  bool failed() const;

 private:
  std::unique_ptr<FailOpenBackend> backend_;
  std::int64_t ttl_seconds_;
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, std::string>, UsageCounters> pending_usage_;
  UsageCounters* last_counted_ = nullptr;  // the entry count() used last (a run counts one)
};

// Current time in unix seconds (one place, so tests can reason about TTL).
std::int64_t unix_now();

// Whether an AI entry cached at cached_at is expired now under the TTL in force
// (ttl_seconds <= 0: never). Decided on every read, so changing the TTL applies to old entries.
bool is_expired(std::int64_t cached_at, std::int64_t ttl_seconds, std::int64_t now);

// The cached_at bound below which AI entries are expired (for prune and stats filters);
// nothing when no TTL is in force.
std::optional<std::int64_t> expired_before(std::int64_t ttl_seconds, std::int64_t now);

}  // namespace samplemind
