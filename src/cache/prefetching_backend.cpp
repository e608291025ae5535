// Prefetched lookups: fetched in batches by one thread, taken one by one by others.
#include "cache/prefetching_backend.hpp"

namespace samplemind {
namespace {

// How long prefetch() waits for the workers to take entries before dropping the oldest.
constexpr auto k_room_wait = std::chrono::milliseconds(20);

std::string slot_of(EntryKind kind, const std::string& key) { return std::string(to_string(kind)) + ":" + key; }

}  // namespace

PrefetchingBackend::PrefetchingBackend(CacheBackend& inner, std::size_t capacity)
    : ForwardingBackend(inner), capacity_(capacity > 0 ? capacity : 1) {}

void PrefetchingBackend::make_room_locked(std::unique_lock<std::mutex>& lock, std::size_t needed) {
  needed = std::min(needed, capacity_);
  // Slots of entries already taken are forgotten from the front, so order_ stays short.
  while (!order_.empty() && ready_.count(order_.front()) == 0) order_.pop_front();
  room_.wait_for(lock, k_room_wait, [&] { return ready_.size() + needed <= capacity_; });
  while (ready_.size() + needed > capacity_ && !order_.empty()) {
    ready_.erase(order_.front());  // never taken (or taken already): make room
    order_.pop_front();
  }
}

void PrefetchingBackend::prefetch(EntryKind kind, const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  {
    std::unique_lock lock(mutex_);
    make_room_locked(lock, keys.size());
  }
  std::vector<CacheLookup> found = inner().get_many(kind, keys);
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < keys.size() && i < found.size(); ++i) {
    // Failures are not kept: the worker's own get() reports them through the usual path.
    if (found[i].status == LookupStatus::failure) continue;
    std::string slot = slot_of(kind, keys[i]);
    if (ready_.insert_or_assign(slot, std::move(found[i])).second) order_.push_back(std::move(slot));
  }
}

CacheLookup PrefetchingBackend::get(EntryKind kind, const std::string& key) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = ready_.find(slot_of(kind, key)); it != ready_.end()) {
      CacheLookup found = std::move(it->second);
      ready_.erase(it);  // its order_ slot is skipped when it comes up
      ++taken_;
      room_.notify_one();
      return found;
    }
  }
  return inner().get(kind, key);
}

Status PrefetchingBackend::put(const CacheRecord& record) {
  {
    std::lock_guard lock(mutex_);
    ready_.erase(slot_of(record.kind, record.key));
  }
  return inner().put(record);
}

Status PrefetchingBackend::erase(EntryKind kind, const std::string& key) {
  {
    std::lock_guard lock(mutex_);
    ready_.erase(slot_of(kind, key));
  }
  return inner().erase(kind, key);
}

std::size_t PrefetchingBackend::taken() const {
  std::lock_guard lock(mutex_);
  return taken_;
}

}  // namespace samplemind
