// Failing open: warn once, count, and skip the backend for the rest of the run.
#include "cache/fail_open_backend.hpp"

#include <ostream>

#include "util/diagnostics.hpp"

namespace samplemind {

FailOpenBackend::FailOpenBackend(std::unique_ptr<CacheBackend> inner, std::ostream* warnings)
    : inner_(std::move(inner)), warnings_(warnings) {}

std::string FailOpenBackend::skipped_error() { return "cache disabled after an earlier failure"; }

Status FailOpenBackend::note_failure(const std::string& error) {
  ++errors_;
  if (!failed_.exchange(true)) {
    if (warnings_ == nullptr) {
      diagnostic("samplemind: warning: cache {} failed: {}; continuing without cache", inner_->name(), error);
    } else {
      std::lock_guard lock(warn_mutex_);
      *warnings_ << "samplemind: warning: cache " << inner_->name() << " failed: " << error
                 << "; continuing without cache\n";
      warnings_->flush();
    }
  }
  return Status::failure(error);
}

void FailOpenBackend::note_corrupt(EntryKind kind, const std::string& key) {
  std::lock_guard lock(corrupt_mutex_);
  if (corrupt_keys_.insert(std::string(to_string(kind)) + ":" + key).second) ++corrupt_;
}

CacheLookup FailOpenBackend::get(EntryKind kind, const std::string& key) {
  if (failed_) return {LookupStatus::failure, std::nullopt, skipped_error()};
  CacheLookup lookup = inner_->get(kind, key);
  if (lookup.status == LookupStatus::failure) note_failure(lookup.error);
  if (lookup.corrupt) note_corrupt(kind, key);
  return lookup;
}

std::vector<CacheLookup> FailOpenBackend::get_many(EntryKind kind, const std::vector<std::string>& keys) {
  if (failed_) return std::vector<CacheLookup>(keys.size(), {LookupStatus::failure, std::nullopt, skipped_error()});
  return noted(kind, keys, inner_->get_many(kind, keys));
}

std::vector<CacheLookup> FailOpenBackend::get_prefixed(EntryKind kind, const std::string& prefix,
                                                       const std::vector<std::string>& keys) {
  if (failed_) return std::vector<CacheLookup>(keys.size(), {LookupStatus::failure, std::nullopt, skipped_error()});
  return noted(kind, keys, inner_->get_prefixed(kind, prefix, keys));
}

std::vector<CacheLookup> FailOpenBackend::noted(EntryKind kind, const std::vector<std::string>& keys,
                                                std::vector<CacheLookup> found) {
  for (const CacheLookup& lookup : found) {
    if (lookup.status == LookupStatus::failure) {
      note_failure(lookup.error);
      break;  // one failure per batch: it is one round trip
    }
  }
  for (std::size_t i = 0; i < found.size() && i < keys.size(); ++i) {
    if (found[i].corrupt) note_corrupt(kind, keys[i]);
  }
  return found;
}

Status FailOpenBackend::put(const CacheRecord& record) {
  if (failed_) return Status::failure(skipped_error());
  Status status = inner_->put(record);
  return status ? status : note_failure(status.error);
}

Status FailOpenBackend::erase(EntryKind kind, const std::string& key) {
  if (failed_) return Status::failure(skipped_error());
  Status status = inner_->erase(kind, key);
  return status ? status : note_failure(status.error);
}

Result<std::int64_t> FailOpenBackend::clear(const ClearFilter& filter) {
  if (failed_) return Error{skipped_error()};
  auto result = inner_->clear(filter);
  if (!result) note_failure(result.error());
  return result;
}

Result<CacheStats> FailOpenBackend::stats() {
  if (failed_) return Error{skipped_error()};
  auto result = inner_->stats();
  if (!result) note_failure(result.error());
  return result;
}

Status FailOpenBackend::add_usage(const std::vector<UsageCounters>& deltas) {
  if (failed_) return Status::failure(skipped_error());
  Status status = inner_->add_usage(deltas);
  return status ? status : note_failure(status.error);
}

Result<PruneResult> FailOpenBackend::prune(const PruneOptions& options) {
  if (failed_) return Error{skipped_error()};
  auto result = inner_->prune(options);
  if (!result) note_failure(result.error());
  return result;
}

Status FailOpenBackend::for_each(const EntryVisitor& visitor) {
  if (failed_) return Status::failure(skipped_error());
  Status status = inner_->for_each(visitor);
  return status ? status : note_failure(status.error);
}

Status FailOpenBackend::for_each_of(EntryKind kind, const EntryVisitor& visitor) {
  if (failed_) return Status::failure(skipped_error());
  Status status = inner_->for_each_of(kind, visitor);
  return status ? status : note_failure(status.error);
}

Result<MatchTotals> FailOpenBackend::measure(const ClearFilter& filter) {
  if (failed_) return Error{skipped_error()};
  auto result = inner_->measure(filter);
  if (!result) note_failure(result.error());
  return result;
}

Status FailOpenBackend::reset_usage() {
  if (failed_) return Status::failure(skipped_error());
  Status status = inner_->reset_usage();
  return status ? status : note_failure(status.error);
}

Result<LeaseGrant> FailOpenBackend::acquire_lease(const std::string& key, const std::string& token,
                                                  std::int64_t ttl_ms) {
  if (failed_) return Error{skipped_error()};
  auto result = inner_->acquire_lease(key, token, ttl_ms);
  if (!result) note_failure(result.error());
  return result;
}

Result<LeaseGrant> FailOpenBackend::renew_lease(const std::string& key, const std::string& token,
                                                std::int64_t ttl_ms) {
  if (failed_) return Error{skipped_error()};
  auto result = inner_->renew_lease(key, token, ttl_ms);
  if (!result) note_failure(result.error());
  return result;
}

Status FailOpenBackend::release_lease(const std::string& key, const std::string& token) {
  if (failed_) return Status::failure(skipped_error());
  Status status = inner_->release_lease(key, token);
  return status ? status : note_failure(status.error);
}

}  // namespace samplemind
