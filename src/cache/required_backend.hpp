#pragma once
// --require-cache: a backend wrapper that turns the first failure of the cache into a fatal
// stop of the batch (exit 3) instead of failing open, for CI jobs that must not pay for
// answers because their cache was down. It sits under the fail-open wrapper, so the failing
// call still returns its error and the stop is raised before any provider call is made.
#include <memory>
#include <string>
#include <vector>

#include "cache/forwarding_backend.hpp"
#include "pipeline/fatal_stop.hpp"

namespace samplemind {

class RequiredBackend final : public ForwardingBackend {
 public:
  // Every failure raises `stop` with a message naming the backend and the cause.
  RequiredBackend(std::unique_ptr<CacheBackend> inner, FatalStop& stop);

  // Failures raise the stop; every other call passes through (ForwardingBackend).
  CacheLookup get(EntryKind kind, const std::string& key) override;
  std::vector<CacheLookup> get_many(EntryKind kind, const std::vector<std::string>& keys) override;
  std::vector<CacheLookup> get_prefixed(EntryKind kind, const std::string& prefix,
                                        const std::vector<std::string>& keys) override;
  Status put(const CacheRecord& record) override;
  Status erase(EntryKind kind, const std::string& key) override;
  Status add_usage(const std::vector<UsageCounters>& deltas) override;
  Result<LeaseGrant> acquire_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override;
  Result<LeaseGrant> renew_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override;
  Status release_lease(const std::string& key, const std::string& token) override;

  // Looks up a key no entry has, so a cache that cannot be reached fails before the batch.
  void probe();

 private:
  void failed(const std::string& error);
  // A batch's results after raising the stop on its first failure.
  std::vector<CacheLookup> checked(std::vector<CacheLookup> found);

  std::unique_ptr<CacheBackend> inner_;  // owned; the base forwards to *inner_
  FatalStop& stop_;
};

}  // namespace samplemind
