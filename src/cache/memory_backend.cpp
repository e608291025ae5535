// The in-memory twin of the persistent backends (same semantics, guarded by one mutex).
#include "cache/memory_backend.hpp"

#include <algorithm>
#include <vector>

#include "cache/cache_entry.hpp"

namespace samplemind {

CacheLookup MemoryBackend::get(EntryKind kind, const std::string& key) {
  std::lock_guard lock(mutex_);
  auto found = slots_.find({kind, key});
  if (found == slots_.end()) return {};
  found->second.last_access = ++clock_;
  return {LookupStatus::hit, found->second.record, {}};
}

Status MemoryBackend::put(const CacheRecord& record) {
  std::lock_guard lock(mutex_);
  slots_[{record.kind, record.key}] = Slot{record, ++clock_};
  return Status::success();
}

Status MemoryBackend::erase(EntryKind kind, const std::string& key) {
  std::lock_guard lock(mutex_);
  slots_.erase({kind, key});
  return Status::success();
}

Result<std::int64_t> MemoryBackend::clear(const ClearFilter& filter) {
  std::lock_guard lock(mutex_);
  return static_cast<std::int64_t>(
      std::erase_if(slots_, [&](const auto& entry) { return filter_matches(filter, entry.second.record); }));
}

Result<CacheStats> MemoryBackend::stats() {
  std::lock_guard lock(mutex_);
  CacheStats stats;
  stats.backend = name();
  stats.location = location();
  for (const auto& [slot_key, slot] : slots_) {
    (slot.record.kind == EntryKind::ai ? stats.entries : stats.feature_entries) += 1;
    stats.bytes += record_size(slot.record);
    stats.oldest = std::min(stats.oldest.value_or(slot.record.cached_at), slot.record.cached_at);
    stats.newest = std::max(stats.newest.value_or(slot.record.cached_at), slot.record.cached_at);
  }
  for (const auto& [usage_key, counters] : usage_) stats.usage.push_back(counters);
  return stats;
}

Status MemoryBackend::add_usage(const std::vector<UsageCounters>& deltas) {
  std::lock_guard lock(mutex_);
  for (const UsageCounters& delta : deltas) {
    UsageCounters& total = usage_[{delta.provider, delta.model, delta.analysis_type}];
    total.provider = delta.provider;
    total.model = delta.model;
    total.analysis_type = delta.analysis_type;
    total.hits += delta.hits;
    total.misses += delta.misses;
    total.saved_usd += delta.saved_usd;
  }
  return Status::success();
}

std::int64_t MemoryBackend::total_bytes_locked() const {
  std::int64_t total = 0;
  for (const auto& [slot_key, slot] : slots_) total += record_size(slot.record);
  return total;
}

Result<PruneResult> MemoryBackend::prune(const PruneOptions& options) {
  std::lock_guard lock(mutex_);
  PruneResult result;
  result.bytes_before = total_bytes_locked();
  result.bytes_after = result.bytes_before;
  std::vector<SlotKey> doomed;
  std::vector<std::pair<std::int64_t, SlotKey>> by_access;  // the entries that survive expiry
  for (const auto& [slot_key, slot] : slots_) {
    if (prune_expires(options, slot.record)) {
      doomed.push_back(slot_key);
      result.bytes_after -= record_size(slot.record);
      ++result.expired_removed;
    } else {
      by_access.emplace_back(slot.last_access, slot_key);
    }
  }
  if (options.max_bytes && result.bytes_after > *options.max_bytes) {
    std::sort(by_access.begin(), by_access.end());
    for (const auto& [access, slot_key] : by_access) {
      if (result.bytes_after <= *options.max_bytes) break;
      result.bytes_after -= record_size(slots_.at(slot_key).record);
      doomed.push_back(slot_key);
      ++result.evicted;
    }
  }
  if (!options.dry_run) {
    for (const SlotKey& slot_key : doomed) slots_.erase(slot_key);
  }
  return result;
}

Status MemoryBackend::reset_usage() {
  std::lock_guard lock(mutex_);
  usage_.clear();
  return Status::success();
}

Status MemoryBackend::for_each(const EntryVisitor& visitor) {
  std::vector<CacheRecord> snapshot;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [slot_key, slot] : slots_) snapshot.push_back(slot.record);
  }
  for (const CacheRecord& record : snapshot) {
    if (!visitor(record)) break;
  }
  return Status::success();
}

}  // namespace samplemind
