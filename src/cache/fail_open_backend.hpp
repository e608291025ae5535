#pragma once
// A backend wrapper that fails open: the first failure warns once on stderr, marks the
// backend failed and every later call returns at once, so a dead backend costs one timeout.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <ostream>

#include "cache/cache_backend.hpp"

namespace samplemind {

class FailOpenBackend final : public CacheBackend {
 public:
  // Warnings go to `warnings` (a string stream in tests), else through diagnostics.hpp.
  explicit FailOpenBackend(std::unique_ptr<CacheBackend> inner, std::ostream* warnings = nullptr);

  std::string name() const override { return inner_->name(); }
  std::string location() const override { return inner_->location(); }
  CacheLookup get(EntryKind kind, const std::string& key) override;
  std::vector<CacheLookup> get_many(EntryKind kind, const std::vector<std::string>& keys) override;
  bool batches_lookups() const override { return inner_->batches_lookups(); }
  std::vector<CacheLookup> get_prefixed(EntryKind kind, const std::string& prefix,
                                        const std::vector<std::string>& keys) override;
  bool scans_prefixes() const override { return inner_->scans_prefixes(); }
  Status put(const CacheRecord& record) override;
  Status erase(EntryKind kind, const std::string& key) override;
  Result<std::int64_t> clear(const ClearFilter& filter) override;
  Result<CacheStats> stats() override;
  Status add_usage(const std::vector<UsageCounters>& deltas) override;
  Result<PruneResult> prune(const PruneOptions& options) override;
  Status for_each(const EntryVisitor& visitor) override;
  Status for_each_of(EntryKind kind, const EntryVisitor& visitor) override;
  Result<MatchTotals> measure(const ClearFilter& filter) override;
  Status reset_usage() override;
  Result<LeaseGrant> acquire_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override;
  Result<LeaseGrant> renew_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override;
  Status release_lease(const std::string& key, const std::string& token) override;
  bool shares_leases() const override { return inner_->shares_leases(); }
  // Nothing once the backend failed: a run then keeps no memos.
  std::optional<std::string> answer_memo_epoch() override { return failed() ? std::nullopt : inner_->answer_memo_epoch(); }

  // True once any operation failed; the backend is skipped for the rest of the run.
  bool failed() const { return failed_.load(); }
  // Operations that failed (not counting the ones skipped afterwards).
  std::int64_t errors() const { return errors_.load(); }
  // Distinct entries found corrupt (checksum or JSON); each was a miss and gets replaced.
  // An entry read twice (the extraction worker's lookup, then the AI worker's) counts once.
  std::int64_t corrupt_entries() const { return corrupt_.load(); }
  // Lets a layer above report an entry it found unreadable.
  void note_corrupt(EntryKind kind, const std::string& key);

 private:
  Status note_failure(const std::string& error);
  // A batch's results after noting its first failure and every corrupt entry.
  std::vector<CacheLookup> noted(EntryKind kind, const std::vector<std::string>& keys, std::vector<CacheLookup> found);
  static std::string skipped_error();

  std::unique_ptr<CacheBackend> inner_;
  std::ostream* warnings_;
  std::mutex warn_mutex_;
  std::mutex corrupt_mutex_;
  std::set<std::string> corrupt_keys_;
  std::atomic<bool> failed_{false};
  std::atomic<std::int64_t> errors_{0};
  std::atomic<std::int64_t> corrupt_{0};
};

}  // namespace samplemind
