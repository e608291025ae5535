#pragma once
// A decorator that answers get() from batches fetched ahead with get_many(). The walker
// prefetches the stat records of the files it is about to hand out, so on Redis a warm
// run pays one round trip per batch instead of one per file. At most `capacity` fetched
// entries wait to be taken (bounded memory); entries nobody takes are dropped, oldest
// first, once prefetch() has waited a short while for room.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "cache/forwarding_backend.hpp"

namespace samplemind {

class PrefetchingBackend final : public ForwardingBackend {
 public:
  PrefetchingBackend(CacheBackend& inner, std::size_t capacity);

  // Fetches the entries in one get_many() and keeps them until get() takes them.
  void prefetch(EntryKind kind, const std::vector<std::string>& keys);
  // Takes a prefetched entry when there is one, else asks the inner backend.
  CacheLookup get(EntryKind kind, const std::string& key) override;
  // Drops any prefetched copy first, so a later get() sees the new entry.
  Status put(const CacheRecord& record) override;
  Status erase(EntryKind kind, const std::string& key) override;

  // Entries fetched ahead that get() took (for tests and the curious).
  std::size_t taken() const;

 private:
  void make_room_locked(std::unique_lock<std::mutex>& lock, std::size_t needed);

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable room_;
  std::unordered_map<std::string, CacheLookup> ready_;  // "<kind>:<key>" -> fetched entry
  std::deque<std::string> order_;                       // fetch order, for dropping the oldest
  std::size_t taken_ = 0;
};

}  // namespace samplemind
