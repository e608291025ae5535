#pragma once
// --require-cache: a backend wrapper that turns the first failure of the cache into a fatal
// stop of the batch (exit 3) instead of failing open, for CI jobs that must not pay for
// answers because their cache was down. It sits under the fail-open wrapper, so the failing
// call still returns its error and the stop is raised before any provider call is made.
#include <memory>
#include <string>

#include "cache/cache_backend.hpp"
#include "pipeline/fatal_stop.hpp"

namespace samplemind {

class RequiredBackend final : public CacheBackend {
 public:
  // Every failure raises `stop` with a message naming the backend and the cause.
  RequiredBackend(std::unique_ptr<CacheBackend> inner, FatalStop& stop);

  std::string name() const override { return inner_->name(); }
  std::string location() const override { return inner_->location(); }
  CacheLookup get(EntryKind kind, const std::string& key) override;
  std::vector<CacheLookup> get_many(EntryKind kind, const std::vector<std::string>& keys) override;
  bool batches_lookups() const override { return inner_->batches_lookups(); }
  Status put(const CacheRecord& record) override;
  Result<std::int64_t> clear(const ClearFilter& filter) override { return inner_->clear(filter); }
  Result<CacheStats> stats() override { return inner_->stats(); }
  Status add_usage(const std::vector<UsageCounters>& deltas) override;
  Result<PruneResult> prune(const PruneOptions& options) override { return inner_->prune(options); }
  Status for_each(const EntryVisitor& visitor) override { return inner_->for_each(visitor); }
  Status for_each_of(EntryKind kind, const EntryVisitor& visitor) override {
    return inner_->for_each_of(kind, visitor);
  }
  Result<MatchTotals> measure(const ClearFilter& filter) override { return inner_->measure(filter); }
  Status reset_usage() override { return inner_->reset_usage(); }
  Result<LeaseGrant> acquire_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override;
  Result<LeaseGrant> renew_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override;
  Status release_lease(const std::string& key, const std::string& token) override;
  bool shares_leases() const override { return inner_->shares_leases(); }

  // Looks up a key no entry has, so a cache that cannot be reached fails before the batch.
  void probe();

 private:
  void failed(const std::string& error);

  std::unique_ptr<CacheBackend> inner_;
  FatalStop& stop_;
};

}  // namespace samplemind
