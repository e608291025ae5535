// A required cache: each failure raises the batch's fatal stop; results pass through unchanged.
#include "cache/required_backend.hpp"

namespace samplemind {

RequiredBackend::RequiredBackend(std::unique_ptr<CacheBackend> inner, FatalStop& stop)
    : ForwardingBackend(*inner), inner_(std::move(inner)), stop_(stop) {}

void RequiredBackend::failed(const std::string& error) {
  stop_.raise("cache " + inner_->name() + " failed and --require-cache is set: " + error);
}

void RequiredBackend::probe() {
  // Not a valid key shape for any kind of entry: a miss on every healthy backend.
  get(EntryKind::ai, "samplemind-require-cache-probe");
}

CacheLookup RequiredBackend::get(EntryKind kind, const std::string& key) {
  CacheLookup lookup = inner_->get(kind, key);
  if (lookup.status == LookupStatus::failure) failed(lookup.error);
  return lookup;
}

std::vector<CacheLookup> RequiredBackend::get_many(EntryKind kind, const std::vector<std::string>& keys) {
  return checked(inner_->get_many(kind, keys));
}

std::vector<CacheLookup> RequiredBackend::get_prefixed(EntryKind kind, const std::string& prefix,
                                                       const std::vector<std::string>& keys) {
  return checked(inner_->get_prefixed(kind, prefix, keys));
}

std::vector<CacheLookup> RequiredBackend::checked(std::vector<CacheLookup> found) {
  for (const CacheLookup& lookup : found) {
    if (lookup.status == LookupStatus::failure) {
      failed(lookup.error);
      break;
    }
  }
  return found;
}

Status RequiredBackend::put(const CacheRecord& record) {
  Status status = inner_->put(record);
  if (!status) failed(status.error);
  return status;
}

Status RequiredBackend::erase(EntryKind kind, const std::string& key) {
  Status status = inner_->erase(kind, key);
  if (!status) failed(status.error);
  return status;
}

Status RequiredBackend::add_usage(const std::vector<UsageCounters>& deltas) {
  Status status = inner_->add_usage(deltas);
  if (!status) failed(status.error);
  return status;
}

Result<LeaseGrant> RequiredBackend::acquire_lease(const std::string& key, const std::string& token,
                                                  std::int64_t ttl_ms) {
  auto grant = inner_->acquire_lease(key, token, ttl_ms);
  if (!grant) failed(grant.error());
  return grant;
}

Result<LeaseGrant> RequiredBackend::renew_lease(const std::string& key, const std::string& token,
                                                std::int64_t ttl_ms) {
  auto grant = inner_->renew_lease(key, token, ttl_ms);
  if (!grant) failed(grant.error());
  return grant;
}

Status RequiredBackend::release_lease(const std::string& key, const std::string& token) {
  Status status = inner_->release_lease(key, token);
  if (!status) failed(status.error);
  return status;
}

}  // namespace samplemind
