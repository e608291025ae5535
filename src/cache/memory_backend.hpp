#pragma once
// An in-memory backend for tests and one-shot runs; nothing survives the process.
#include <map>
#include <mutex>
#include <tuple>
#include <utility>

#include "cache/cache_backend.hpp"

namespace samplemind {

class MemoryBackend final : public CacheBackend {
 public:
  std::string name() const override { return "memory"; }
  std::string location() const override { return "memory"; }
  CacheLookup get(EntryKind kind, const std::string& key) override;
  Status put(const CacheRecord& record) override;
  Status erase(EntryKind kind, const std::string& key) override;
  Result<std::int64_t> clear(const ClearFilter& filter) override;
  Result<CacheStats> stats() override;
  Status add_usage(const std::vector<UsageCounters>& deltas) override;
  Result<PruneResult> prune(const PruneOptions& options) override;
  Status for_each(const EntryVisitor& visitor) override;
  Status reset_usage() override;

 private:
  struct Slot {
    CacheRecord record;
    std::int64_t last_access = 0;  // a logical clock: strictly increasing per get/put
  };
  using SlotKey = std::pair<EntryKind, std::string>;

  std::int64_t total_bytes_locked() const;

  std::mutex mutex_;
  std::map<SlotKey, Slot> slots_;
  std::map<std::tuple<std::string, std::string, std::string>, UsageCounters> usage_;
  std::int64_t clock_ = 0;
};

}  // namespace samplemind
