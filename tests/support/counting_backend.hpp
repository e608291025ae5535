#pragma once
// A backend wrapper for tests: passes every call to a real backend and counts lookups.
#include <map>
#include <string>
#include <vector>

#include "cache/cache_backend.hpp"

namespace samplemind::testing {

class LookupCountingBackend final : public CacheBackend {
 public:
  explicit LookupCountingBackend(CacheBackend& inner) : inner_(inner) {}
  std::map<EntryKind, int> lookups;  // keys looked up, by kind
  int batches = 0;                   // get_many calls
  std::string name() const override { return inner_.name(); }
  std::string location() const override { return inner_.location(); }
  CacheLookup get(EntryKind kind, const std::string& key) override {
    ++lookups[kind];
    return inner_.get(kind, key);
  }
  std::vector<CacheLookup> get_many(EntryKind kind, const std::vector<std::string>& keys) override {
    ++batches;
    lookups[kind] += static_cast<int>(keys.size());
    return inner_.get_many(kind, keys);
  }
  Status put(const CacheRecord& record) override { return inner_.put(record); }
  Result<std::int64_t> clear(const ClearFilter& filter) override { return inner_.clear(filter); }
  Result<CacheStats> stats() override { return inner_.stats(); }
  Status add_usage(const std::vector<UsageCounters>& deltas) override { return inner_.add_usage(deltas); }
  Result<PruneResult> prune(const PruneOptions& options) override { return inner_.prune(options); }
  Status for_each(const EntryVisitor& visitor) override { return inner_.for_each(visitor); }

 private:
  CacheBackend& inner_;
};

}  // namespace samplemind::testing
