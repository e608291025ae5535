#pragma once
// Base of the backend wrappers that change a few calls (--require-cache, the prefetcher,
// test counters): every other call goes to the inner backend. A method added to
// CacheBackend later then reaches the real backend through each wrapper, instead of
// silently taking CacheBackend's default (a lease granted without asking, a full scan).
#include <string>
#include <vector>

#include "cache/cache_backend.hpp"

namespace samplemind {

class ForwardingBackend : public CacheBackend {
 public:
  explicit ForwardingBackend(CacheBackend& inner) : inner_(inner) {}

  std::string name() const override { return inner_.name(); }
  std::string location() const override { return inner_.location(); }
  CacheLookup get(EntryKind kind, const std::string& key) override { return inner_.get(kind, key); }
  std::vector<CacheLookup> get_many(EntryKind kind, const std::vector<std::string>& keys) override {
    return inner_.get_many(kind, keys);
  }
  bool batches_lookups() const override { return inner_.batches_lookups(); }
  std::vector<CacheLookup> get_prefixed(EntryKind kind, const std::string& prefix,
                                        const std::vector<std::string>& keys) override {
    return inner_.get_prefixed(kind, prefix, keys);
  }
  bool scans_prefixes() const override { return inner_.scans_prefixes(); }
  Status put(const CacheRecord& record) override { return inner_.put(record); }
  Status erase(EntryKind kind, const std::string& key) override { return inner_.erase(kind, key); }
  Result<std::int64_t> clear(const ClearFilter& filter) override { return inner_.clear(filter); }
  Result<CacheStats> stats() override { return inner_.stats(); }
  Status add_usage(const std::vector<UsageCounters>& deltas) override { return inner_.add_usage(deltas); }
  Result<PruneResult> prune(const PruneOptions& options) override { return inner_.prune(options); }
  Status for_each(const EntryVisitor& visitor) override { return inner_.for_each(visitor); }
  Status for_each_of(EntryKind kind, const EntryVisitor& visitor) override { return inner_.for_each_of(kind, visitor); }
  Result<MatchTotals> measure(const ClearFilter& filter) override { return inner_.measure(filter); }
  Status reset_usage() override { return inner_.reset_usage(); }
  Result<LeaseGrant> acquire_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override {
    return inner_.acquire_lease(key, token, ttl_ms);
  }
  Result<LeaseGrant> renew_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override {
    return inner_.renew_lease(key, token, ttl_ms);
  }
  Status release_lease(const std::string& key, const std::string& token) override {
    return inner_.release_lease(key, token);
  }
  bool shares_leases() const override { return inner_.shares_leases(); }
  std::optional<std::string> answer_memo_epoch() override { return inner_.answer_memo_epoch(); }

 protected:
  CacheBackend& inner() const { return inner_; }

 private:
  CacheBackend& inner_;
};

}  // namespace samplemind
